// The self-hosted one-tag embed (unbundled ES modules): <script src="…/widget.js"
// data-start-chat-url="…" data-region="…" [data-participant-endpoint="…"] [data-lang="…"]></script> puts a
// chat launcher in the page's corner (without attributes: config.json beside it). The rest
// (widget-panel.js and friends, chatjs, marked, DOMPurify) is loaded from beside this file. The stack's CDN
// serves the bundle instead (widget-bundle.js): one file, no attributes.
(function () {
  // This tag, from Document.prototype's own getter: document.currentScript itself is shadowed
  // by any <img name="currentScript"> in the host page, which would then say where the
  // modules come from. (`=== true` below: a named element is truthy too.)
  const found = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript").get.call(document);
  const script = found instanceof HTMLScriptElement ? found : null;
  if (!script || window.connectChatStarterWidget === true) return;  // once per page
  window.connectChatStarterWidget = true;
  const base = new URL(".", script.src);

  function loadChatjs() {
    if (window.connect && window.connect.ChatSession) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = new URL("vendor/amazon-connect-chat.js", base).href;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error("amazon-connect-chatjs could not be loaded"));
      document.head.append(tag);
    });
  }

  const config = import(new URL("widget-config.js", base).href)
    .then((module) => module.widgetConfig(script, base));
  const module = (name) => import(new URL(name, base).href);
  Promise.all([loadChatjs(), config, module("widget-panel.js"), module("vendor/marked.js"), module("vendor/purify.js")])
    .then(([, settings, panel, marked, purify]) =>
      panel.mount(settings, base, null, { Marked: marked.Marked, DOMPurify: purify.default }))
    .catch((error) => console.error("connect-chat-starter widget:", error.message));
})();
