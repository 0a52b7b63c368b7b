// The widget bundle (built by esbuild: infra/widget_bundle.py): amazon-connect-chatjs, marked
// and DOMPurify, the panel and its styles, configured by the tag's data attributes (a
// self-hosted copy) or config.json beside the script (the stack's CDN), and the global
// connectChat(command, ...args) API (commands.ts). Strict-CSP safe: no eval, no inline script
// or style attributes; styles are constructed stylesheets.
import "amazon-connect-chatjs";
import chatCss from "../styles/chat.css";
import widgetCss from "../styles/widget.css";
import { installGlobal, mountOnce } from "./commands.js";
import { type ChatConfig, fromTag, readConfigFile } from "./config.js";
import { takeOverLauncher } from "./loader-state.js";
import { mount } from "./widget-panel.js";

// This tag, from Document.prototype's own getter: document.currentScript itself is shadowed
// by any <img name="currentScript"> in the host page, which would then say where config.json
// comes from.
function ownScript(): HTMLScriptElement | null {
  const getter = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript")?.get;
  const found: unknown = getter?.call(document);
  return found instanceof HTMLScriptElement ? found : null;
}

async function configure(script: HTMLScriptElement): Promise<ChatConfig> {
  const fromItsTag = fromTag(script.dataset);
  if (fromItsTag) return fromItsTag;
  // the folder the tag loaded from: /widget.js or /assets/widget.<hash>.js
  const base = new URL(script.src.includes("/assets/") ? "../" : "./", script.src);
  const config = await readConfigFile(new URL("config.json", base), script.dataset.lang || null);
  if (!config) throw new Error("config.json beside the script is missing or has no startChatUrl");
  return config;
}

const script = ownScript();
if (script) {
  // Once per page: a second run of the snippet mounts only if the first widget left the page.
  // Loaded by the loader (loader.ts, the stable widget.js): its launcher leaves in the task
  // this widget arrives in.
  void mountOnce(async (state) => {
    const widget = mount(
      await configure(script),
      [chatCss, widgetCss],
      state.launch,
      state.emitter.emit,
    );
    takeOverLauncher();
    return widget;
  });
  installGlobal();
}
