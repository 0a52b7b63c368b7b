// The widget bundle (built by esbuild: infra/widget_bundle.py): amazon-connect-chatjs, marked
// and DOMPurify, the panel and its styles, configured by the tag's data attributes (a
// self-hosted copy) or config.json beside the script (the stack's CDN). Strict-CSP safe: no
// eval, no inline script or style attributes; styles are constructed stylesheets.
import "amazon-connect-chatjs";
import chatCss from "../styles/chat.css";
import widgetCss from "../styles/widget.css";
import { fromTag, readConfigFile } from "./config.js";
import { mount } from "./widget-panel.js";

declare global {
  interface Window {
    connectChatStarterWidget?: unknown;
  }
}

// This tag, from Document.prototype's own getter: document.currentScript itself is shadowed
// by any <img name="currentScript"> in the host page, which would then say where config.json
// comes from. (`=== true` below: a named element is truthy too.)
function ownScript(): HTMLScriptElement | null {
  const getter = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript")?.get;
  const found: unknown = getter?.call(document);
  return found instanceof HTMLScriptElement ? found : null;
}

async function configure(script: HTMLScriptElement) {
  const fromItsTag = fromTag(script.dataset);
  if (fromItsTag) return fromItsTag;
  // the folder the tag loaded from: /widget.js or /assets/widget.<hash>.js
  const base = new URL(script.src.includes("/assets/") ? "../" : "./", script.src);
  const config = await readConfigFile(new URL("config.json", base), script.dataset.lang || null);
  if (!config) throw new Error("config.json beside the script is missing or has no startChatUrl");
  return config;
}

const script = ownScript();
if (script && window.connectChatStarterWidget !== true) {
  window.connectChatStarterWidget = true;
  configure(script)
    .then((config) => mount(config, [chatCss, widgetCss]))
    .catch((error: Error) => console.error("connect-chat-starter widget:", error.message));
}
