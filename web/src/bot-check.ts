// The bot check's widget (Turnstile, reCAPTCHA or hCaptcha: one explicit-render API shape),
// shown in the pre-chat form when the configuration carries a site key. Its token goes to
// our API in X-Bot-Token; tokens are single-use, so the widget is reset after each start.
const PROVIDERS = {
  turnstile: { src: "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit", api: "turnstile" },
  recaptcha: { src: "https://www.google.com/recaptcha/api.js?render=explicit", api: "grecaptcha" },
  hcaptcha: { src: "https://js.hcaptcha.com/1/api.js?render=explicit", api: "hcaptcha" },
};

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error("the bot check could not be loaded"));
    document.head.append(tag);
  });
}

async function providerApi(name) {
  const provider = PROVIDERS[name];
  if (!window[provider.api]) await loadScript(provider.src);
  for (let i = 0; i < 50 && !(window[provider.api] && window[provider.api].render); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));  // reCAPTCHA readies late
  }
  return window[provider.api];
}

// No check configured: a stand-in that never asks for a token.
export async function mountBotCheck(container, botCheck) {
  if (!botCheck || !botCheck.siteKey || !container) return { token: () => null, reset() {}, required: false };
  let token = null;
  const api = await providerApi(botCheck.provider);
  const id = api.render(container, {
    sitekey: botCheck.siteKey,
    callback: (value) => { token = value; },
    "expired-callback": () => { token = null; },
  });
  return {
    required: true,
    token: () => token,
    reset() { token = null; try { api.reset(id); } catch { /* already gone */ } },
  };
}
