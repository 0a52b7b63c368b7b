// What the chat shows: messages and events as list items, and the typing line. Works on any
// list element (the page's, or the one inside widget.js's shadow root).
const EVENT = "application/vnd.amazonaws.connect.event.";
export const TYPING_EVERY_MS = 3000;

export function createTranscript(list, typingLine) {
  const seen = new Set();
  let typingTimer = null;

  function render(item) {
    if (!item || !item.Id || seen.has(item.Id)) return;
    const type = item.ContentType || "";
    let text = null;
    let kind = "system";
    if (item.Type === "MESSAGE") {
      text = item.Content;
      kind = item.ParticipantRole === "CUSTOMER" ? "customer" : "agent";
    } else if (type === EVENT + "participant.joined") text = `${item.DisplayName} joined`;
    else if (type === EVENT + "participant.left") text = `${item.DisplayName} left`;
    else if (type === EVENT + "chat.ended") text = "Chat ended";
    if (text === null) return;
    seen.add(item.Id);
    const entry = document.createElement("li");
    entry.className = kind;
    const meta = document.createElement("span");
    meta.className = "meta";
    const time = item.AbsoluteTime ? new Date(item.AbsoluteTime).toLocaleTimeString() : "";
    meta.textContent = kind === "system" ? time : `${item.DisplayName} · ${time}`;
    entry.append(meta, document.createTextNode(text));
    list.append(entry);
    entry.scrollIntoView({ block: "end" });
    if (kind === "agent") typingLine.textContent = "";
  }

  function showTyping(name) {
    typingLine.textContent = `${name} is typing…`;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingLine.textContent = ""; }, TYPING_EVERY_MS);
  }

  function clear() {
    seen.clear();
    list.replaceChildren();
    typingLine.textContent = "";
  }

  return { render, showTyping, clear };
}

export const TYPING_EVENT = EVENT + "typing";
