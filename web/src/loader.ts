// The stable widget.js: a small loader (a few KB) that draws the launcher, takes the page's
// connectChat(...) calls, and loads the full bundle (assets/widget.<hash>.js, pinned by this
// build with its SRI integrity) only when the chat is needed: the launcher's first click, a
// call that needs the chat (open, toggle, startChat, endChat, init's openOnLoad), or at once
// when this tab has a chat to resume, or the full widget ran on this page before (a snippet
// run again after a body swap). The full bundle then takes over the launcher in the same task
// (loader-state.ts). Strict-CSP safe as the bundle is: no eval, no inline script or style;
// its styles are the bundle's own, adopted as constructed stylesheets.
import chatCss from "../styles/chat.css";
import widgetCss from "../styles/widget.css";
import { init, off, on, sharedState } from "./commands.js";
import type { ChatEventName } from "./events.js";
import type { LaunchOptions } from "./launch.js";
import { loaderState } from "./loader-state.js";

// Set by web/build.mjs --loader: the full bundle beside this file, its integrity, and the
// launcher's text per language (strings.ts's "title").
declare const FULL_BUNDLE: string;
declare const FULL_BUNDLE_INTEGRITY: string;
declare const LAUNCHER_LABELS: Record<string, string>;

// widget-panel.ts's: a chat the site's tabs are in (shared-chat.ts keeps it, with its expiry).
const CHAT_KEY = "connect-chat-starter.widget.chat";
const NEEDS_CHAT = ["open", "toggle", "startChat", "endChat", "destroy", "close"];
const LAUNCHER = `<button type="button" class="launcher" part="launcher" aria-expanded="false">
    <svg part="launcher-icon" aria-hidden="true" viewBox="0 0 24 24"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
    <span class="label"></span></button>`;
const BUSY = ".launcher[aria-busy=true]{cursor:progress}";

// This tag, from Document.prototype's own getter (as widget.ts: an <img name="currentScript">
// in the host page shadows document.currentScript).
function ownScript(): HTMLScriptElement | null {
  const getter = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript")?.get;
  const found: unknown = getter?.call(document);
  return found instanceof HTMLScriptElement ? found : null;
}

function chatToResume(): boolean {
  try {
    return JSON.parse(localStorage.getItem(CHAT_KEY) ?? "0").expires > Date.now();
  } catch {
    return false; // storage refused (a sandboxed frame): nothing to resume
  }
}

// strings.ts's chooseLanguage, over the languages the launcher has a label in.
function language(asked: string | undefined): string {
  for (const wanted of [asked, ...(navigator.languages || [navigator.language])]) {
    const base = (wanted || "").toLowerCase().split("-")[0] ?? "";
    if (LAUNCHER_LABELS[base]) return base;
  }
  return "en";
}

function stylesheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

function start(script: HTMLScriptElement): void {
  const shared = sharedState();
  const loader = loaderState();
  if (loader.host?.isConnected || loader.loading) return; // a second run of the snippet
  if (shared.widget && (!shared.mounted || shared.mounted.host.isConnected)) return;
  const calls: unknown[][] = []; // for the full bundle, which replays them (installGlobal)
  const busy = (on: boolean): void => {
    const button = loader.host?.shadowRoot?.querySelector("button");
    if (on) button?.setAttribute("aria-busy", "true");
    else button?.removeAttribute("aria-busy");
  };

  function load(): void {
    if (loader.loading) return;
    loader.loading = true;
    busy(true);
    const tag = document.createElement("script");
    for (const [key, value] of Object.entries(script.dataset)) tag.dataset[key] = value;
    tag.src = new URL(FULL_BUNDLE, script.src).href;
    tag.integrity = FULL_BUNDLE_INTEGRITY;
    tag.crossOrigin = "anonymous";
    tag.async = true;
    tag.onerror = () => {
      // offline, blocked, or not the bytes this loader pinned: the launcher stays for a retry
      loader.loading = false;
      busy(false);
      tag.remove();
      const message = `could not load ${tag.src}`;
      shared.emitter.emit("error", { type: "connection", message });
      console.error("connect-chat-starter widget:", message);
    };
    (document.head ?? document.documentElement).append(tag);
  }

  function take(call: ArrayLike<unknown>): void {
    const [command, ...args] = Array.from(call);
    if (command === "on" || command === "off") {
      const [event, handler] = args as [ChatEventName, () => void];
      (command === "on" ? on : off)(event, handler);
      // "ready" once it has happened (commands.ts's on(), for the loader's launcher)
      if (command === "on" && event === "ready" && loader.saidReady && loader.host?.isConnected) {
        void Promise.resolve({}).then(handler);
      }
    } else if (command === "init") {
      init(args[0] as Partial<LaunchOptions>);
      if (shared.launch.openOnLoad) load();
    } else if (typeof command === "string" && NEEDS_CHAT.includes(command)) {
      calls.push([command, ...args]);
      // close and destroy need no chat of their own: they wait for one on its way
      if (command !== "close" && command !== "destroy") load();
      else if (command === "destroy" && !loader.loading) {
        calls.length = 0;
        loader.host?.remove();
        loader.host = null;
        loader.saidReady = false; // the next mount says it
      }
    } else {
      console.error(`connect-chat-starter: no command "${String(command)}"`);
    }
  }

  const stub: unknown = window.connectChat;
  const queued = typeof stub === "function" ? (stub as { q?: unknown }).q : undefined;
  const connectChat = (...call: unknown[]): undefined => void take(call);
  connectChat.q = calls;
  window.connectChat = connectChat;
  for (const call of Array.isArray(queued) ? queued : []) take(call as ArrayLike<unknown>);
  // the full widget, when it comes, takes this launcher over
  if (chatToResume() || shared.widget) load();
  // a chat started in another tab: this one shows it too (while its launcher is the loader's)
  addEventListener("storage", (event) => {
    if (event.key === CHAT_KEY && loader.host?.isConnected && chatToResume()) load();
  });
  const host = document.createElement("div");
  host.setAttribute("data-connect-chat-starter", "");
  host.dataset.position = shared.launch.position;
  host.dataset.theme = shared.launch.theme;
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [chatCss, widgetCss, BUSY].map(stylesheet);
  root.innerHTML = LAUNCHER;
  const button = root.querySelector("button") as HTMLButtonElement;
  const lang = language(script.dataset.lang);
  button.lang = lang;
  (root.querySelector(".label") as HTMLElement).textContent =
    shared.launch.label ?? LAUNCHER_LABELS[lang] ?? "";
  button.hidden = !shared.launch.launcher;
  button.addEventListener("click", () => {
    if (loader.loading) return;
    calls.push(["open"]);
    load();
  });
  loader.host = host;
  busy(loader.loading);
  document.body.append(host);
  if (loader.loading) return; // the full widget says "ready"
  loader.saidReady = true;
  shared.emitter.emit("ready", {});
}

const script = ownScript();
if (script) start(script);
