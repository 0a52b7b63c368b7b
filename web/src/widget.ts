// The one file the CDN serves (built by esbuild: infra/widget_bundle.py): amazon-connect-chatjs,
// marked and DOMPurify, the panel and its styles, configured from config.json beside it. Strict-CSP safe: no eval,
// no inline script or style attributes; styles are constructed stylesheets.
import "amazon-connect-chatjs";
import DOMPurify from "dompurify";
import { Marked } from "marked";
import chatCss from "./chat.css";
import widgetCss from "./widget.css";
import { mount } from "./widget-panel.js";
import { widgetConfig } from "./widget-config.js";

// This tag, found as widget.js finds it: never through the host page's DOM, which can
// shadow document.currentScript with <img name="currentScript">.
const found = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript").get.call(document);
const script = found instanceof HTMLScriptElement ? found : null;
if (script && window.connectChatStarterWidget !== true) {
  window.connectChatStarterWidget = true;
  // the folder the tag loaded from: /widget.js or /assets/widget.<hash>.js
  const base = new URL(script.src.includes("/assets/") ? "../" : "./", script.src);
  widgetConfig(script, base)
    .then((config) => mount(config, base, [chatCss, widgetCss], { Marked, DOMPurify }))
    .catch((error) => console.error("connect-chat-starter widget:", error.message));
}
