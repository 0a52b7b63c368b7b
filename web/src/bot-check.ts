// The bot check's widget (Turnstile, reCAPTCHA or hCaptcha: one explicit-render API shape),
// shown in the pre-chat form when the configuration carries a site key. Its token goes to
// our API in X-Bot-Token; tokens are single-use, so the widget is reset after each start.
import type { BotCheckConfig, BotCheckProvider } from "./config.js";

const PROVIDERS: Record<BotCheckProvider, { src: string; api: string }> = {
  turnstile: {
    src: "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
    api: "turnstile",
  },
  recaptcha: { src: "https://www.google.com/recaptcha/api.js?render=explicit", api: "grecaptcha" },
  hcaptcha: { src: "https://js.hcaptcha.com/1/api.js?render=explicit", api: "hcaptcha" },
};

interface ProviderApi {
  render(container: HTMLElement, options: Record<string, unknown>): unknown;
  reset(id: unknown): void;
}

export interface BotCheck {
  required: boolean;
  token(): string | null;
  reset(): void;
}

export const NO_BOT_CHECK: BotCheck = { required: false, token: () => null, reset() {} };

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    tag.onload = () => resolve();
    tag.onerror = () => reject(new Error("the bot check could not be loaded"));
    document.head.append(tag);
  });
}

function providerApi(name: string): ProviderApi | undefined {
  const api = (window as unknown as Record<string, unknown>)[name];
  return typeof api === "object" && api !== null && "render" in api
    ? (api as ProviderApi)
    : undefined;
}

async function loadedApi(provider: BotCheckProvider): Promise<ProviderApi> {
  const { src, api } = PROVIDERS[provider];
  if (!(window as unknown as Record<string, unknown>)[api]) await loadScript(src);
  for (let i = 0; i < 50 && !providerApi(api); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100)); // reCAPTCHA readies late
  }
  const ready = providerApi(api);
  if (!ready) throw new Error("the bot check could not be loaded");
  return ready;
}

// No check configured: a stand-in that never asks for a token.
export async function mountBotCheck(
  container: HTMLElement,
  botCheck: BotCheckConfig | null,
): Promise<BotCheck> {
  if (!botCheck?.siteKey) return NO_BOT_CHECK;
  let token: string | null = null;
  const api = await loadedApi(botCheck.provider);
  const id = api.render(container, {
    sitekey: botCheck.siteKey,
    callback: (value: string) => {
      token = value;
    },
    "expired-callback": () => {
      token = null;
    },
  });
  return {
    required: true,
    token: () => token,
    reset() {
      token = null;
      try {
        api.reset(id);
      } catch {
        /* already gone */
      }
    },
  };
}
