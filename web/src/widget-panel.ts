// The widget's launcher and panel, in a shadow root so the host page's CSS cannot reach in
// and the widget's cannot leak out. Behaviour is the page's (chat-view.js).
import { createChatView } from "./chat-view.js";

const STORAGE_KEY = "connect-chat-starter.widget.chat";
const PANEL = `
  <button type="button" class="launcher" aria-expanded="false" aria-controls="panel">
    <svg aria-hidden="true" viewBox="0 0 24 24"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
    <span data-i18n="title">Chat with us</span>
  </button>
  <section id="panel" class="panel" role="dialog" aria-label="Chat with us" data-i18n-label="title" hidden>
    <header><h2 data-i18n="title">Chat with us</h2>
      <button type="button" class="close" aria-label="Close chat window" data-i18n-label="close">×</button></header>
    <p class="error" role="alert" hidden></p>
    <form class="prechat">
      <label for="name" data-i18n="yourName">Your name</label>
      <input id="name" autocomplete="name" required maxlength="256">
      <div class="bot-check"></div>
      <button type="submit" class="start" data-i18n="startChat">Start chat</button>
    </form>
    <div class="conversation" hidden>
      <button type="button" class="notify secondary small" hidden data-i18n="notify">Notify me of new messages</button>
      <ol class="messages" aria-live="polite" aria-relevant="additions" aria-label="Messages" data-i18n-label="messages" tabindex="0"></ol>
      <p class="typing" aria-live="polite"></p>
      <p class="status" role="status" hidden></p>
      <form class="composer">
        <label for="message" class="visually-hidden" data-i18n="message">Message</label>
        <textarea id="message" rows="2" placeholder="Type a message" data-i18n-placeholder="typeMessage" maxlength="1024"></textarea>
        <button type="submit" class="send" data-i18n="send">Send</button>
        <button type="button" class="attach secondary" hidden data-i18n="attach">Attach a file</button>
        <input type="file" class="file-input" hidden multiple>
        <button type="button" class="end secondary" data-i18n="endChat">End chat</button>
      </form>
      <div class="confirm-end" role="group" aria-labelledby="end-question" hidden>
        <p id="end-question" data-i18n="endChatQuestion">End this chat?</p>
        <button type="button" class="end-confirmed" data-i18n="endConfirmed">Yes, end the chat</button>
        <button type="button" class="keep-chatting secondary" data-i18n="keepChatting">Keep chatting</button>
      </div>
      <button type="button" class="new-chat" hidden data-i18n="newChat">Start a new chat</button>
    </div>
  </section>`;

// `styles`: the CSS texts (the bundle carries them) as constructed stylesheets, which a strict
// CSP allows; without them, chat.css and widget.css are linked from beside widget.js.
// `libs`: { Marked, DOMPurify }, from the bundle or from vendor/.
export function mount(config, base, styles, libs) {
  const host = document.createElement("div");
  host.setAttribute("data-connect-chat-starter", "");
  const root = host.attachShadow({ mode: "open" });
  if (styles) {
    root.adoptedStyleSheets = styles.map((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
    root.innerHTML = PANEL;
  } else {
    const link = (name) => `<link rel="stylesheet" href="${new URL(name, base).href}">`;
    root.innerHTML = link("chat.css") + link("widget.css") + PANEL;
  }
  document.body.append(host);
  const q = (selector) => root.querySelector(selector);
  const launcher = q(".launcher");
  const panel = q(".panel");
  function open(isOpen) {
    panel.hidden = !isOpen;
    launcher.setAttribute("aria-expanded", String(isOpen));
    if (isOpen) (q(".prechat").hidden ? q("#message") : q("#name")).focus();
    else launcher.focus();
  }
  launcher.addEventListener("click", () => open(panel.hidden));
  q(".close").addEventListener("click", () => open(false));
  panel.addEventListener("keydown", (event) => { if (event.key === "Escape") open(false); });
  const view = createChatView({
    root, prechat: q(".prechat"), name: q("#name"), topic: null, start: q(".start"),
    error: q(".error"), conversation: q(".conversation"), messages: q(".messages"),
    typing: q(".typing"), status: q(".status"), composer: q(".composer"), message: q("#message"),
    send: q(".send"), attach: q(".attach"), fileInput: q(".file-input"), end: q(".end"),
    confirmEnd: q(".confirm-end"), endConfirmed: q(".end-confirmed"),
    keepChatting: q(".keep-chatting"), newChat: q(".new-chat"), botCheck: q(".bot-check"),
    notify: q(".notify"),
  }, config, STORAGE_KEY, libs);
  panel.lang = view.language;
  launcher.lang = view.language;
  view.resume().then((resumed) => { if (resumed) open(true); });
  return host;
}
