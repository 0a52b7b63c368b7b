// Our start-chat API: configuration, POST /chat, RFC 9457 problems, and persistent chat.
import { INTERACTIVE } from "./interactive.js";

const LAST_CONTACT_KEY = "connect-chat-starter.last-contact";
const CONTINUATION_TOKEN = /^[0-9a-f]{64}$/;
// Either answer means the earlier chat will not be continued: start a fresh one.
const NOT_CONTINUED = [":chat-not-resumable", ":continuation-refused"];
// What this view can show; Connect sends markdown and interactive messages only to a
// participant who says so.
const SHOWN_CONTENT_TYPES = ["text/plain", "text/markdown", INTERACTIVE, `${INTERACTIVE}.response`];

export class ApiProblem extends Error {
  constructor(title, detail, type = "") { super(detail); this.title = title; this.type = type; }
}

// The page's configuration is its config.json alone. Nothing in the link may choose where
// the chat or a sign-in token goes: a link is anyone's to write.
export async function loadConfig() {
  const file = await fetch("config.json")
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  if (!file || typeof file.startChatUrl !== "string" || !file.startChatUrl) return null;
  return {
    startChatUrl: file.startChatUrl,
    region: file.region || "us-east-1",
    participantEndpoint: file.participantEndpoint || null,
    botCheck: file.botCheck || null,  // {provider, siteKey}: environments with a bot check
    attachments: file.attachments || { enabled: false },  // {enabled, types, maxBytes}
    language: new URLSearchParams(location.search).get("lang")
      || document.documentElement.getAttribute("data-lang") || null,
  };
}

// The sign-in token for environments with JWT auth: the site's own hook (a fresh token each
// time). Checked to be a function: a named element in the host page can stand in for it.
async function signInToken() {
  const hook = window.connectChatStarter && window.connectChatStarter.getToken;
  return typeof hook === "function" ? hook() : null;
}

// An ended chat in this tab is continued by the next one (Connect's persistent chat), so
// the agent sees the earlier conversation; the API continues it only for whoever brings
// its continuation token. Tab-scoped: the next visitor of a shared computer does not
// inherit it.
export function rememberEndedChat(contactId, continuationToken) {
  if (contactId && CONTINUATION_TOKEN.test(continuationToken || "")) {
    sessionStorage.setItem(LAST_CONTACT_KEY, JSON.stringify({ contactId, continuationToken }));
  }
}

// The ended chat to continue, or null (none, or an older page's bare contact ID).
function endedChat() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(LAST_CONTACT_KEY));
    const usable = saved && typeof saved.contactId === "string" && CONTINUATION_TOKEN.test(saved.continuationToken);
    return usable ? saved : null;
  } catch {
    return null;
  }
}

// `t`: the view's strings (strings.js); our API's own problem texts come as it wrote them.
export async function startChat(config, name, topic, botToken, t) {
  const previous = endedChat();
  try {
    return await requestChat(config, name, topic, previous, botToken, t);
  } catch (error) {
    if (!previous || !NOT_CONTINUED.some((end) => (error.type || "").endsWith(end))) throw error;
    sessionStorage.removeItem(LAST_CONTACT_KEY);
    return requestChat(config, name, topic, null, botToken, t);
  }
}

async function requestChat(config, name, topic, previous, botToken, t) {
  const body = { ParticipantDetails: { DisplayName: name }, SupportedMessagingContentTypes: SHOWN_CONTENT_TYPES };
  if (topic) body.Attributes = { topic };
  if (previous) {
    body.PersistentChat = { SourceContactId: previous.contactId, RehydrationType: "ENTIRE_PAST_SESSION",
                            ContinuationToken: previous.continuationToken };
  }
  const headers = { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() };
  const token = await signInToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (botToken) headers["X-Bot-Token"] = botToken;
  const response = await fetch(config.startChatUrl, { method: "POST", headers, body: JSON.stringify(body) });
  const payload = await response.json().catch(() => ({}));
  if (response.status === 401) {  // API Gateway's JWT authorizer: no token, or not a valid one
    throw new ApiProblem(t("signIn"), t("signInDetail"));
  }
  if (!response.ok) {  // RFC 9457 problem from our API
    const wait = response.headers.get("Retry-After");
    const detail = (payload.detail || t("notStarted")) + (wait ? ` ${t("tryAgainIn", { seconds: wait })}` : "");
    throw new ApiProblem(payload.title || `Error ${response.status}`, detail, payload.type);
  }
  return { contactId: payload.ContactId, participantId: payload.ParticipantId,
           participantToken: payload.ParticipantToken, continuationToken: payload.ContinuationToken };
}
