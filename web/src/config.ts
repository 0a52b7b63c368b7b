// The one configuration shape of the page and the widget, with its defaults. Where it comes
// from: config.json beside the page or the widget's script (what the stack writes at deploy
// time), or a self-hosted widget tag's data attributes. Never from the page's address: a link
// is anyone's to write, and must not choose where the chat or a sign-in token goes.

export type BotCheckProvider = "turnstile" | "recaptcha" | "hcaptcha";

export interface BotCheckConfig {
  provider: BotCheckProvider;
  siteKey: string;
}

export interface AttachmentPolicy {
  enabled: boolean;
  types?: Record<string, string>; // extension → the content type Connect must get
  maxBytes?: number;
}

export interface ChatConfig {
  startChatUrl: string;
  region: string;
  participantEndpoint: string | null; // only to point chatjs elsewhere (the local stack)
  botCheck: BotCheckConfig | null;
  attachments: AttachmentPolicy;
  language: string | null;
  signIn: boolean; // the environment starts chats only for a signed-in customer (JWT)
  signInUrl: string | null; // the site's sign-in page (sign-in-gate.ts)
}

export const DEFAULTS: Omit<ChatConfig, "startChatUrl"> = {
  region: "us-east-1",
  participantEndpoint: null,
  botCheck: null,
  attachments: { enabled: false },
  language: null,
  signIn: false,
  signInUrl: null,
};

const PROVIDERS: readonly string[] = ["turnstile", "recaptcha", "hcaptcha"];

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

// As infra/config.py allows: https, or a path on the page's own site; never another scheme
// (javascript:) or another host by "//" or "/\".
const link = (value: unknown): string | null => {
  const url = text(value);
  return url && /^(https:\/\/|\/(?![/\\]))[^\s\\]*$/i.test(url) ? url : null;
};

function botCheckOf(value: unknown): BotCheckConfig | null {
  if (typeof value !== "object" || value === null) return null;
  const { provider, siteKey } = value as Record<string, unknown>;
  const name = text(provider) ?? "turnstile";
  const key = text(siteKey);
  return key && PROVIDERS.includes(name)
    ? { provider: name as BotCheckProvider, siteKey: key }
    : null;
}

function attachmentsOf(value: unknown): AttachmentPolicy {
  if (typeof value !== "object" || value === null) return DEFAULTS.attachments;
  const { enabled, types, maxBytes } = value as Record<string, unknown>;
  return {
    enabled: enabled === true,
    ...(typeof types === "object" && types !== null
      ? { types: types as Record<string, string> }
      : {}),
    ...(typeof maxBytes === "number" ? { maxBytes } : {}),
  };
}

// config.json's content as the configuration, or null when it names no start-chat API.
export function fromFile(file: unknown, language: string | null): ChatConfig | null {
  if (typeof file !== "object" || file === null) return null;
  const values = file as Record<string, unknown>;
  const startChatUrl = text(values.startChatUrl);
  if (!startChatUrl) return null;
  return {
    startChatUrl,
    region: text(values.region) ?? DEFAULTS.region,
    participantEndpoint: text(values.participantEndpoint),
    botCheck: botCheckOf(values.botCheck),
    attachments: attachmentsOf(values.attachments),
    language,
    signIn: values.signIn === "jwt",
    signInUrl: link(values.signInUrl),
  };
}

// A self-hosted tag's data attributes, or null when it has none (then config.json is read).
// Connect's attachment policy comes only with config.json.
export function fromTag(data: DOMStringMap): ChatConfig | null {
  const startChatUrl = text(data.startChatUrl);
  if (!startChatUrl) return null;
  return {
    ...DEFAULTS,
    startChatUrl,
    region: text(data.region) ?? DEFAULTS.region,
    participantEndpoint: text(data.participantEndpoint),
    botCheck: botCheckOf({ provider: data.botCheckProvider, siteKey: data.botCheckSiteKey }),
    language: text(data.lang),
  };
}

// config.json at `url`, or null when it is missing, unreadable or names no start-chat API.
export async function readConfigFile(
  url: URL | string,
  language: string | null,
): Promise<ChatConfig | null> {
  const file: unknown = await fetch(url, { credentials: "omit" })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  return fromFile(file, language);
}
