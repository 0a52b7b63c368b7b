// The widget's launcher and panel, in a shadow root so the host page's CSS cannot reach in
// and the widget's cannot leak out. Behaviour is the page's (chat-view.ts), on the same
// chat template.
import { createChatView } from "./chat-view.js";
import type { ChatConfig } from "./config.js";
import { chatElements, chatMarkup } from "./template.js";

const STORAGE_KEY = "connect-chat-starter.widget.chat";
const PANEL = `
  <button type="button" class="launcher" aria-expanded="false" aria-controls="panel">
    <svg aria-hidden="true" viewBox="0 0 24 24"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
    <span data-i18n="title">Chat with us</span>
  </button>
  <section id="panel" class="chat-panel" role="dialog" aria-label="Chat with us" data-i18n-label="title" hidden>
    <header><h2 data-i18n="title">Chat with us</h2>
      <button type="button" class="close" aria-label="Close chat window" data-i18n-label="close">×</button></header>
    ${chatMarkup({ topics: false })}
  </section>`;

function stylesheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

// `styles`: the CSS texts the bundle carries, adopted as constructed stylesheets (which a
// strict CSP allows, unlike <style> or style attributes).
export function mount(config: ChatConfig, styles: readonly string[]): HTMLElement {
  const host = document.createElement("div");
  host.setAttribute("data-connect-chat-starter", "");
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = styles.map(stylesheet);
  root.innerHTML = PANEL;
  document.body.append(host);
  const launcher = root.querySelector<HTMLButtonElement>(".launcher");
  const panel = root.querySelector<HTMLElement>(".chat-panel");
  const close = root.querySelector<HTMLButtonElement>(".close");
  if (!launcher || !panel || !close) throw new Error("the widget's template is incomplete");
  const el = chatElements(root);
  function open(isOpen: boolean): void {
    if (!launcher || !panel) return;
    panel.hidden = !isOpen;
    launcher.setAttribute("aria-expanded", String(isOpen));
    if (isOpen) (el.prechat.hidden ? el.message : el.name).focus();
    else launcher.focus();
  }
  launcher.addEventListener("click", () => open(Boolean(panel.hidden)));
  close.addEventListener("click", () => open(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") open(false);
  });
  const view = createChatView(el, config, STORAGE_KEY);
  panel.lang = view.language;
  launcher.lang = view.language;
  void view.resume().then((resumed) => {
    if (resumed) open(true);
  });
  return host;
}
