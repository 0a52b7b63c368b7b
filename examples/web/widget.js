// The one-tag embed: <script src="…/widget.js" data-start-chat-url="…" data-region="…"
// [data-participant-endpoint="…"]></script> puts a chat launcher in the page's corner.
// The rest (widget-panel.js and friends, chatjs) is loaded from beside this file.
(function () {
  const script = document.currentScript;
  if (!script || window.connectChatStarterWidget) return;  // once per page
  window.connectChatStarterWidget = true;
  const base = new URL(".", script.src);
  const config = {
    startChatUrl: script.dataset.startChatUrl,
    region: script.dataset.region || "us-east-1",
    participantEndpoint: script.dataset.participantEndpoint || null,
    token: null,  // signed-in sites: window.connectChatStarter = { getToken: async () => … }
    botCheck: script.dataset.botCheckSiteKey
      ? { provider: script.dataset.botCheckProvider || "turnstile", siteKey: script.dataset.botCheckSiteKey }
      : null,
  };

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

  loadChatjs()
    .then(() => import(new URL("widget-panel.js", base).href))
    .then((panel) => panel.mount(config, base))
    .catch((error) => console.error("connect-chat-starter widget:", error.message));
})();
