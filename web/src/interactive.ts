// Interactive messages (application/vnd.amazonaws.connect.message.interactive) as buttons:
// ListPicker and Panel (a list of choices), QuickReply, TimePicker. A choice is answered as
// AWS's chat interface answers it: a text/plain message of the element's title (a time
// slot's date, see timeslotDate); a hyperlink element opens its page and sends nothing. Only the newest
// interactive message can be answered. Text is truncated as chat-interface truncates it.
export const INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive";
const TITLE_MAX = 400;
const OPTION_MAX = 200;

const cut = (text, max) => {
  const value = String(text ?? "");
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
};

const isObject = (value) => typeof value === "object" && value !== null;
const listOf = (value) => (Array.isArray(value) ? value.filter(isObject) : []);

// The template and its content, or null when the message is not of that shape.
function parse(content) {
  try {
    const message = JSON.parse(content);
    const body = isObject(message) && isObject(message.data) ? message.data.content : null;
    return isObject(body) && typeof message.templateType === "string" ? { template: message.templateType, body } : null;
  } catch {
    return null;
  }
}

// A time slot as chat-interface shows and sends it: with timeZoneOffset (minutes), the date
// moved by it and written in its odd ISO form; without, the slot's own date. Null for a slot
// that is not a date.
export function timeslotDate(date, timeZoneOffset) {
  if (Number.isNaN(new Date(date).getTime())) return null;
  if (!timeZoneOffset) return date;
  const moved = new Date(new Date(date).getTime() + 60_000 * timeZoneOffset);
  return Number.isNaN(moved.getTime()) ? null : `${moved.toISOString().slice(0, -2)}+00:00`;
}

function choicesOf({ template, body }, t, language) {
  if (template === "TimePicker") {
    const when = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short",
                                                    hour: "numeric", minute: "2-digit" });
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
    url: element.type === "hyperlink" && /^https?:/i.test(element.url || "") ? element.url : null,
  }));
}

export function createInteractive({ send, t, language }) {
  let newest = null;  // the group whose buttons still answer

  function retire(group) {
    group.querySelectorAll("button").forEach((button) => { button.disabled = true; });
  }

  // An element for the message, or null when it is not one we can show (shown as text then).
  function render(item, id) {
    const parsed = parse(item.Content);
    if (!parsed || !["ListPicker", "Panel", "QuickReply", "TimePicker"].includes(parsed.template)) return null;
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
      const control = document.createElement(choice.url ? "a" : "button");
      control.className = "choice";
      if (choice.url) {
        Object.assign(control, { href: choice.url, target: "_blank", rel: "noopener noreferrer" });
      } else {
        control.type = "button";
        control.addEventListener("click", () => {
          retire(group);
          control.setAttribute("aria-pressed", "true");
          send(choice.reply);
        });
      }
      control.textContent = choice.label;
      if (choice.detail) {
        const detail = document.createElement("span");
        detail.className = "choice-detail";
        detail.textContent = choice.detail;
        control.append(detail);
      }
      options.append(control);
    }
    group.append(options);
    if (newest) retire(newest);
    newest = group;
    return group;
  }

  // A message from the customer answers (or passes over) the open one.
  function answered() {
    if (newest) retire(newest);
  }

  return { render, answered };
}
