// The widget's launcher and panel, in a shadow root so the host page's CSS cannot reach in
// and the widget's cannot leak out. Behaviour is the page's (chat-view.ts), on the same
// chat template; the panel adds opening and closing, the unread count, and removal.
import { createChatView, type StartRequest } from "./chat-view.js";
import type { ChatConfig } from "./config.js";
import type { Emit } from "./events.js";
import type { LaunchOptions } from "./launch.js";
import { strings } from "./strings.js";
import { chatElements, chatMarkup, END_CHAT } from "./template.js";

const STORAGE_KEY = "connect-chat-starter.widget.chat";
const PANEL = `
  <button type="button" class="launcher" part="launcher" aria-expanded="false" aria-controls="panel">
    <svg part="launcher-icon" aria-hidden="true" viewBox="0 0 24 24"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
    <span class="label" data-i18n="title">Chat with us</span>
    <span class="unread" hidden></span>
  </button>
  <section id="panel" class="chat-panel" part="panel" role="dialog" aria-label="Chat with us" data-i18n-label="title" hidden>
    <header part="header"><h2 data-i18n="title">Chat with us</h2>${END_CHAT}
      <button type="button" class="close" aria-label="Close chat window" data-i18n-label="close">×</button></header>
    ${chatMarkup({ topics: false })}
  </section>`;

export interface Widget {
  host: HTMLElement;
  ready: Promise<void>; // resumed (or not) and opened as asked
  open(): void;
  close(): void;
  toggle(): void;
  startChat(request: StartRequest): Promise<void>;
  endChat(): Promise<void>;
  destroy(): void;
}

function stylesheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

function part<T extends Element>(root: ShadowRoot, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`the widget's template has no ${selector}`);
  return found;
}

// `styles`: the CSS texts the bundle carries, adopted as constructed stylesheets (which a
// strict CSP allows, unlike <style> or style attributes).
export function mount(
  config: ChatConfig,
  styles: readonly string[],
  launch: LaunchOptions,
  emit: Emit,
): Widget {
  const host = document.createElement("div");
  host.setAttribute("data-connect-chat-starter", "");
  host.dataset.position = launch.position;
  host.dataset.theme = launch.theme;
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = styles.map(stylesheet);
  root.innerHTML = PANEL;
  const launcher = part<HTMLButtonElement>(root, ".launcher");
  const badge = part<HTMLElement>(root, ".unread");
  const panel = part<HTMLElement>(root, ".chat-panel");
  launcher.hidden = !launch.launcher;
  document.body.append(host);
  const el = chatElements(root);
  let unread = 0;
  let returnFocus: Element | null = null; // where the customer was before the panel opened

  function countUnread(count: number): void {
    unread = count;
    badge.textContent = String(count);
    badge.hidden = count === 0;
    emit("unread", { count });
  }

  function setOpen(isOpen: boolean, { focus = true } = {}): void {
    if (isOpen === !panel.hidden) return;
    panel.hidden = !isOpen;
    launcher.setAttribute("aria-expanded", String(isOpen));
    label.textContent = isOpen ? strings(view.language)("closeLauncher") : closedLabel;
    if (isOpen) {
      returnFocus = document.activeElement;
      const signIn = root.querySelector<HTMLElement>("#signInGate a"); // sign-in-gate.ts
      const first = el.prechat.hidden ? el.message : el.name.hidden ? el.start : el.name;
      if (focus) (signIn ?? first).focus();
      if (unread) countUnread(0);
    } else if (focus) {
      const back = launch.launcher ? launcher : returnFocus;
      if (back instanceof HTMLElement) back.focus();
    }
    emit(isOpen ? "open" : "close", {});
  }

  const viewEmit: Emit = (event, detail) => {
    emit(event, detail);
    if (event === "message" && panel.hidden && (detail as { role?: string }).role !== "customer") {
      countUnread(unread + 1);
    }
  };

  launcher.addEventListener("click", () => setOpen(Boolean(panel.hidden)));
  part<HTMLButtonElement>(root, ".close").addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });
  const view = createChatView(el, config, STORAGE_KEY, {
    emit: viewEmit,
    name: launch.name,
    signedIn: launch.signedIn,
  });
  panel.lang = view.language;
  launcher.lang = view.language;
  const label = part<HTMLElement>(root, ".label");
  if (launch.label) label.textContent = launch.label;
  const closedLabel = label.textContent; // "Close chat" while the panel is open
  // the chat from before a reload, if any, with the panel open; else the page's open-on-load
  const ready = view.resume().then((resumed) => {
    if (resumed) setOpen(true);
    else if (launch.openOnLoad) setOpen(true, { focus: false });
  });

  return {
    host,
    ready,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(Boolean(panel.hidden)),
    startChat(request) {
      setOpen(true, { focus: false });
      return view.startChat(request);
    },
    endChat: () => view.endChat(),
    destroy() {
      view.destroy();
      host.remove();
    },
  };
}
