// Interactive messages (application/vnd.amazonaws.connect.message.interactive) as buttons:
// ListPicker and Panel (a list of choices), QuickReply, TimePicker. A choice is answered as
// AWS's chat interface answers it: a text/plain message of the element's title (a time
// slot's date, see timeslotDate); a hyperlink element opens its page and sends nothing. Only the newest
// interactive message can be answered. Text is truncated as chat-interface truncates it.
import type { ChatItem } from "./chatjs.js";
import { type Translate, visibleInText } from "./strings.js";

export const INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive";
const TITLE_MAX = 400;
const OPTION_MAX = 200;
const TEMPLATES = ["ListPicker", "Panel", "QuickReply", "TimePicker"];

type Fields = Record<string, unknown>;

interface Parsed {
  template: string;
  body: Fields;
}

interface Choice {
  reply: string;
  label: string;
  detail: string;
  url?: string | null;
}

// What is shown of a title or choice: nothing in it reorders the text (strings.ts); the
// reply is the agent's own title as it was sent.
const cut = (text: unknown, max: number): string => {
  const value = visibleInText(text);
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
};

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null;
const listOf = (value: unknown): Fields[] => (Array.isArray(value) ? value.filter(isObject) : []);

// The template and its content, or null when the message is not of that shape.
function parse(content: unknown): Parsed | null {
  if (typeof content !== "string") return null;
  try {
    const message: unknown = JSON.parse(content);
    const body = isObject(message) && isObject(message.data) ? message.data.content : null;
    return isObject(message) && isObject(body) && typeof message.templateType === "string"
      ? { template: message.templateType, body }
      : null;
  } catch {
    return null;
  }
}

// A time slot as chat-interface shows and sends it: with timeZoneOffset (minutes), the date
// moved by it and written in its odd ISO form; without, the slot's own date. Null for a slot
// that is not a date.
export function timeslotDate(date: unknown, timeZoneOffset: unknown): string | null {
  if (typeof date !== "string" || Number.isNaN(new Date(date).getTime())) return null;
  if (!timeZoneOffset) return date;
  const moved = new Date(new Date(date).getTime() + 60_000 * Number(timeZoneOffset));
  return Number.isNaN(moved.getTime()) ? null : `${moved.toISOString().slice(0, -2)}+00:00`;
}

function choicesOf({ template, body }: Parsed, t: Translate, language: string): Choice[] {
  if (template === "TimePicker") {
    const when = new Intl.DateTimeFormat(language, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "numeric",
      minute: "2-digit",
    });
    return listOf(body.timeslots).flatMap((slot) => {
      const date = timeslotDate(slot.date, body.timeZoneOffset);
      const detail = slot.duration ? t("minutes", { count: slot.duration }) : "";
      return date ? [{ reply: date, label: when.format(new Date(date)), detail }] : [];
    });
  }
  return listOf(body.elements).map((element) => ({
    reply: String(element.title ?? ""),
    label: cut(element.title, OPTION_MAX),
    detail: cut(element.subtitle || "", OPTION_MAX),
    url:
      element.type === "hyperlink" &&
      typeof element.url === "string" &&
      /^https?:/i.test(element.url)
        ? element.url
        : null,
  }));
}

export interface Interactive {
  render(item: ChatItem, id: number): HTMLElement | null;
  answered(): void;
}

export function createInteractive({
  send,
  t,
  language,
}: {
  send: (text: string) => unknown;
  t: Translate;
  language: string;
}): Interactive {
  let newest: HTMLElement | null = null; // the group whose buttons still answer

  function retire(group: HTMLElement): void {
    for (const button of group.querySelectorAll("button")) button.disabled = true;
  }

  function control(choice: Choice, group: HTMLElement): HTMLElement {
    if (choice.url) {
      const link = document.createElement("a");
      Object.assign(link, { href: choice.url, target: "_blank", rel: "noopener noreferrer" });
      return link;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.addEventListener("click", () => {
      retire(group);
      button.setAttribute("aria-pressed", "true");
      send(choice.reply);
    });
    return button;
  }

  // An element for the message, or null when it is not one we can show (shown as text then).
  function render(item: ChatItem, id: number): HTMLElement | null {
    const parsed = parse(item.Content);
    if (!parsed || !TEMPLATES.includes(parsed.template)) return null;
    const choices = choicesOf(parsed, t, language);
    if (!choices.length) return null;
    const group = document.createElement("div");
    group.className = `interactive ${parsed.template.toLowerCase()}`;
    group.setAttribute("role", "group");
    const title = document.createElement("p");
    title.className = "interactive-title";
    title.id = `interactive-${id}`;
    title.textContent = cut(parsed.body.title || "", TITLE_MAX);
    group.setAttribute("aria-labelledby", title.id);
    group.append(title);
    if (parsed.body.subtitle) {
      const subtitle = document.createElement("p");
      subtitle.className = "interactive-subtitle";
      subtitle.textContent = cut(parsed.body.subtitle, TITLE_MAX);
      group.append(subtitle);
    }
    const options = document.createElement("div");
    options.className = "choices";
    for (const choice of choices) {
      const element = control(choice, group);
      element.className = "choice";
      element.textContent = choice.label;
      if (choice.detail) {
        const detail = document.createElement("span");
        detail.className = "choice-detail";
        detail.textContent = choice.detail;
        element.append(detail);
      }
      options.append(element);
    }
    group.append(options);
    if (newest) retire(newest);
    newest = group;
    return group;
  }

  // A message from the customer answers (or passes over) the open one.
  function answered(): void {
    if (newest) retire(newest);
  }

  return { render, answered };
}
