// What the chat shows: messages, attachments and events as list items, and the typing line.
// Works on any list element (the page's, or the one inside the widget's shadow root). The
// kinds of content are drawn by their own modules (rich-text, interactive, attachments).
import type { Attachments } from "./attachments.js";
import type { Attention } from "./attention.js";
import type { ChatItem } from "./chatjs.js";
import { INTERACTIVE, type Interactive } from "./interactive.js";
import type { Receipts } from "./receipts.js";
import type { RichText } from "./rich-text.js";
import { type Translate, visible } from "./strings.js";

const EVENT = "application/vnd.amazonaws.connect.event.";
export const TYPING_EVERY_MS = 3000;
export const TYPING_EVENT = `${EVENT}typing`;

export type Kind = "customer" | "agent" | "system";

export interface TranscriptParts {
  list: HTMLElement;
  typingLine: HTMLElement;
  t: Translate;
  richText: RichText;
  interactive: Interactive;
  attachments: Attachments;
  receipts: Receipts;
  attention: Attention;
  // each new message or attachment drawn (not one seen again): who sent it, and its kind
  shown?: (item: ChatItem, kind: Exclude<Kind, "system">) => void;
}

export interface Transcript {
  render(item: ChatItem): void;
  showTyping(name: string | undefined): void;
  clear(): void;
}

export function createTranscript(parts: TranscriptParts): Transcript {
  const { list, typingLine, t, richText, interactive, attachments, receipts, attention } = parts;
  const entries = new Map<string, HTMLLIElement>(); // item Id → its list entry (an attachment's comes again)
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  // Content as its kind draws it; anything a kind cannot draw is shown as the text it is,
  // so one odd item never stops the rest of the chat from showing.
  function body(item: ChatItem, kind: Kind): Node {
    try {
      const drawn = drawnAsItsKind(item, kind);
      if (drawn) return drawn;
    } catch {
      /* drawn as text below */
    }
    const content = typeof item.Content === "string" ? item.Content : "";
    return richText.fromPlainText(content || t("notShown"));
  }

  function drawnAsItsKind(item: ChatItem, kind: Kind): Node | null {
    const type = String(item.ContentType || "");
    if (item.Type === "ATTACHMENT") return attachments.render(item);
    if (type === INTERACTIVE && kind !== "customer") return interactive.render(item, entries.size);
    if (typeof item.Content !== "string") return null;
    if (type === "text/markdown" && kind !== "customer") {
      const block = document.createElement("div");
      block.className = "markdown";
      block.append(richText.fromMarkdown(item.Content));
      return block;
    }
    return richText.fromPlainText(item.Content);
  }

  function eventText(item: ChatItem): string | null {
    const type = String(item.ContentType || "");
    // The customer's own joins and leaves are not news to them, and the websocket never
    // brings the first: only a reload or a catch-up would show it, so it is never shown.
    if (item.ParticipantRole === "CUSTOMER" && type.startsWith(`${EVENT}participant.`)) {
      return null;
    }
    if (type === `${EVENT}participant.joined`) return t("joined", { name: item.DisplayName });
    if (type === `${EVENT}participant.left`) return t("left", { name: item.DisplayName });
    if (type === `${EVENT}chat.ended`) return t("ended");
    return null;
  }

  // A catch-up (back from reconnecting) brings items the websocket never did, such as what
  // the agent said meanwhile: each goes where its time puts it, not after what came later (nor
  // after a message still waiting to be sent, which has no time yet).
  function place(entry: HTMLElement, time: string | undefined): void {
    let after = list.lastElementChild as HTMLElement | null;
    while (time && after && (!after.dataset.time || after.dataset.time > time)) {
      after = after.previousElementSibling as HTMLElement | null;
    }
    if (after) after.after(entry);
    else list.prepend(entry);
  }

  function render(item: ChatItem): void {
    if (!item?.Id) return;
    const replaces = entries.get(item.Id);
    if (replaces && item.Type !== "ATTACHMENT") return; // seen (websocket and transcript)
    const isContent = item.Type === "MESSAGE" || item.Type === "ATTACHMENT";
    if (String(item.ContentType || "").endsWith(".interactive.response")) return;
    const text = isContent ? null : eventText(item);
    if (!isContent && text === null) return;
    const kind: Kind = !isContent
      ? "system"
      : item.ParticipantRole === "CUSTOMER"
        ? "customer"
        : "agent";
    const entry = document.createElement("li");
    entry.className = kind;
    entry.dataset.id = item.Id;
    if (item.AbsoluteTime) entry.dataset.time = item.AbsoluteTime;
    const meta = document.createElement("span");
    meta.className = "meta";
    const time = item.AbsoluteTime
      ? new Date(item.AbsoluteTime).toLocaleTimeString(t.language)
      : "";
    meta.textContent = kind === "system" ? time : `${visible(item.DisplayName)} · ${time}`;
    entry.append(meta, isContent ? body(item, kind) : document.createTextNode(text ?? ""));
    entries.set(item.Id, entry);
    if (replaces) {
      replaces.replaceWith(entry);
    } else {
      place(entry, item.AbsoluteTime);
      entry.scrollIntoView({ block: "end" });
    }
    if (kind === "agent") {
      typingLine.textContent = "";
      receipts.incoming(item, entry);
      if (!replaces) attention.agentMessage(item.DisplayName, entry.lastChild?.textContent ?? "");
    } else if (kind === "customer" && item.Type === "MESSAGE") {
      interactive.answered();
      receipts.own(item, entry);
    }
    if (!replaces && kind !== "system") parts.shown?.(item, kind);
  }

  function showTyping(name: string | undefined): void {
    typingLine.textContent = t("typing", { name });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingLine.textContent = "";
    }, TYPING_EVERY_MS);
  }

  function clear(): void {
    entries.clear();
    list.replaceChildren();
    typingLine.textContent = "";
    receipts.clear();
  }

  return { render, showTyping, clear };
}
