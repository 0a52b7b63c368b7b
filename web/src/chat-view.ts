// One chat's behaviour on a set of elements (the page's, or those in widget.js's shadow root):
// pre-chat form → start (api.js) → join with chatjs → messages, attachments, receipts,
// interactive choices, typing, end (confirmed), new chat, and resume after a reload. `el`
// names the elements; `storageKey` keeps this view's chat; `libs` = { Marked, DOMPurify }.
import { rememberEndedChat, startChat } from "./api.js";
import { createAttachments } from "./attachments.js";
import { createAttention } from "./attention.js";
import { mountBotCheck } from "./bot-check.js";
import { createInteractive } from "./interactive.js";
import { createReceipts } from "./receipts.js";
import { createRichText } from "./rich-text.js";
import { chooseLanguage, strings, translate } from "./strings.js";
import { createTranscript, TYPING_EVENT, TYPING_EVERY_MS } from "./transcript.js";

// chatjs's connect() rejects with {_debug: {reason, _debug: the service's error}}; these
// answers mean the participant token is no good any more (the chat ended or expired).
const CHAT_OVER = ["AccessDeniedException", "ResourceNotFoundException"];
function chatIsOver(error) {
  const answer = error && error._debug && error._debug._debug;
  return Boolean(answer) && (CHAT_OVER.includes(answer.type) || [403, 404].includes(answer.statusCode));
}

export function createChatView(el, config, storageKey, libs) {
  const t = strings(chooseLanguage(config.language));
  translate(el.root, t);
  const nameKey = `${storageKey}.name`;  // a new chat after a reload needs no retyping
  el.name.value = el.name.value || sessionStorage.getItem(nameKey) || "";
  let session = null;
  let current = null;  // the joined chat's details (contact ID, continuation token)
  const getSession = () => session;
  const status = {
    show(text, kind) {
      el.status.textContent = text;
      el.status.className = `status ${kind}`;
      el.status.hidden = false;
    },
    clear() { el.status.hidden = true; el.status.textContent = ""; },
  };
  const send = (text) => session.sendMessage({ contentType: "text/plain", message: text })
    .catch(() => showError(t("notSent"), t("checkConnection")));
  const attachments = createAttachments({ policy: config.attachments, t, status, getSession });
  attachments.wire({ input: el.fileInput, button: el.attach, target: el.conversation });
  const receipts = createReceipts({ list: el.messages, t, getSession });
  const transcript = createTranscript({
    list: el.messages, typingLine: el.typing, t,
    richText: createRichText(libs),
    interactive: createInteractive({ send, t, language: t.language }),
    attachments,
    receipts,
    attention: createAttention({ t, button: el.notify }),
  });
  const botCheck = mountBotCheck(el.botCheck, config.botCheck).catch((error) => {
    showError(t("botCheckUnavailable"), error.message);
    return { required: true, token: () => null, reset() {} };
  });

  function showError(title, detail) {
    el.error.textContent = detail ? `${title}: ${detail}` : title;
    el.error.hidden = false;
  }

  function setEnded(isEnded) {
    el.message.disabled = el.send.disabled = el.end.disabled = isEnded;
    if (el.attach) el.attach.disabled = isEnded;
    el.confirmEnd.hidden = true;
    el.newChat.hidden = !isEnded;
  }

  function ended() {
    sessionStorage.removeItem(storageKey);
    if (current) rememberEndedChat(current.contactId, current.continuationToken);
    setEnded(true);
    status.clear();
    el.newChat.focus();
  }

  async function join(details, resumed) {
    connect.ChatSession.setGlobalConfig({
      region: config.region,
      ...(config.participantEndpoint ? { endpoint: config.participantEndpoint } : {}),
    });
    const { contactId, participantId, participantToken } = details;
    session = connect.ChatSession.create({
      chatDetails: { contactId, participantId, participantToken }, options: { region: config.region },
      type: connect.ChatSession.SessionTypes.CUSTOMER, disableCSM: true,
    });
    session.onMessage(({ data }) => transcript.render(data));
    session.onTyping(({ data }) => {
      if (data.ParticipantRole !== "CUSTOMER") transcript.showTyping(data.DisplayName);
    });
    receipts.listen(session);
    session.onEnded(ended);
    try {
      await session.connect();
    } catch (error) {
      session = null;
      throw error;
    }
    current = details;
    sessionStorage.setItem(storageKey, JSON.stringify(details));
    el.prechat.hidden = true;
    el.conversation.hidden = false;
    setEnded(false);
    if (resumed) await showEarlier();
    el.message.focus();
  }

  // Reloaded mid-chat: what was said so far. A chat that is on stays on if this fails.
  async function showEarlier() {
    try {
      const { data } = await session.getTranscript({ maxResults: 100, sortOrder: "ASCENDING", scanDirection: "BACKWARD" });
      for (const item of data.Transcript) transcript.render(item);
    } catch {
      status.show(t("checkConnection"), "error");
    }
  }

  function newChat() {  // the next chat continues the ended one (persistent chat, api.js)
    session = null;
    transcript.clear();
    el.conversation.hidden = true;
    el.prechat.hidden = false;
    el.start.disabled = false;
    el.name.focus();
  }

  let lastTyping = 0;
  el.message.addEventListener("input", () => {
    if (session && Date.now() - lastTyping > TYPING_EVERY_MS) {
      lastTyping = Date.now();
      session.sendEvent({ contentType: TYPING_EVENT }).catch(() => {});
    }
  });
  el.message.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });
  el.composer.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = el.message.value.trim();
    if (!text || !session) return;
    el.message.value = "";
    await send(text);
  });
  // End chat asks first: one stray tap must not end a conversation.
  el.end.addEventListener("click", () => {
    el.confirmEnd.hidden = false;
    el.keepChatting.focus();
  });
  el.keepChatting.addEventListener("click", () => {
    el.confirmEnd.hidden = true;
    el.end.focus();
  });
  el.confirmEnd.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      el.keepChatting.click();
    }
  });
  el.endConfirmed.addEventListener("click", async () => {
    try { await session.disconnectParticipant(); } finally { ended(); }
  });
  el.newChat.addEventListener("click", newChat);
  el.prechat.addEventListener("submit", async (event) => {
    event.preventDefault();
    el.error.hidden = true;
    el.start.disabled = true;
    const check = await botCheck;
    if (check.required && !check.token()) {
      showError(t("oneMoreStep"), t("completeCheck"));
      el.start.disabled = false;
      return;
    }
    try {
      sessionStorage.setItem(nameKey, el.name.value.trim());
      const topic = el.topic ? el.topic.value : "";
      const details = await startChat(config, el.name.value.trim(), topic, check.token(), t);
      check.reset();
      await join(details, false);
    } catch (error) {
      showError(error.title || t("couldNotStart"), error.message);
      el.start.disabled = false;
    }
  });

  // A chat this tab was in before a reload, if it is still on; true if it was resumed. It is
  // forgotten only when Connect says it is over or gone: after a network blip the next
  // reload tries again.
  async function resume() {
    const saved = savedChat();
    if (!saved) return false;
    try {
      await join(saved, true);
      return true;
    } catch (error) {
      if (chatIsOver(error)) sessionStorage.removeItem(storageKey);
      else showError(t("couldNotStart"), t("checkConnection"));
      return false;
    }
  }

  function savedChat() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey));
      if (saved && saved.contactId && saved.participantToken) return saved;
    } catch { /* unreadable: forgotten below */ }
    sessionStorage.removeItem(storageKey);
    return null;
  }

  return { resume, language: t.language };
}
