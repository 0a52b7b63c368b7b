// Our start-chat API: configuration, POST /chat, RFC 9457 problems, and persistent chat.
import { INTERACTIVE } from "./interactive.js";

const LAST_CONTACT_KEY = "connect-chat-starter.last-contact";
// What this view can show; Connect sends markdown and interactive messages only to a
// participant who says so.
const SHOWN_CONTENT_TYPES = ["text/plain", "text/markdown", INTERACTIVE, `${INTERACTIVE}.response`];

export class ApiProblem extends Error {
  constructor(title, detail, type = "") { super(detail); this.title = title; this.type = type; }
}

export async function loadConfig() {
  const query = new URLSearchParams(location.search);
  let file = {};
  try {
    const response = await fetch("config.json");
    if (response.ok) file = await response.json();
  } catch { /* no config file: the query must say it all */ }
  return {
    startChatUrl: query.get("startChatUrl") || file.startChatUrl,
    region: query.get("region") || file.region || "us-east-1",
    participantEndpoint: query.get("participantEndpoint") || file.participantEndpoint || null,
    token: query.get("token") || file.token || null,
    botCheck: file.botCheck || null,  // {provider, siteKey}: environments with a bot check
    attachments: file.attachments || { enabled: false },  // {enabled, types, maxBytes}
    language: query.get("lang") || document.documentElement.getAttribute("data-lang") || null,
  };
}

// The sign-in token for environments with JWT auth: the site's own hook (a fresh token each
// time), else a configured one.
async function signInToken(config) {
  const hook = window.connectChatStarter && window.connectChatStarter.getToken;
  return hook ? await hook() : config.token;
}

// An ended chat in this tab is continued by the next one (Connect's persistent chat), so
// the agent sees the earlier conversation. Tab-scoped: the next visitor of a shared
// computer does not inherit it.
export function rememberEndedChat(contactId) {
  if (contactId) sessionStorage.setItem(LAST_CONTACT_KEY, contactId);
}

// `t`: the view's strings (strings.js); our API's own problem texts come as it wrote them.
export async function startChat(config, name, topic, botToken, t) {
  const previous = sessionStorage.getItem(LAST_CONTACT_KEY);
  try {
    return await requestChat(config, name, topic, previous, botToken, t);
  } catch (error) {
    if (!previous || !(error.type || "").endsWith(":chat-not-resumable")) throw error;
    sessionStorage.removeItem(LAST_CONTACT_KEY);  // Connect will not continue it: start afresh
    return requestChat(config, name, topic, null, botToken, t);
  }
}

async function requestChat(config, name, topic, previousContactId, botToken, t) {
  const body = { ParticipantDetails: { DisplayName: name }, SupportedMessagingContentTypes: SHOWN_CONTENT_TYPES };
  if (topic) body.Attributes = { topic };
  if (previousContactId) {
    body.PersistentChat = { SourceContactId: previousContactId, RehydrationType: "ENTIRE_PAST_SESSION" };
  }
  const headers = { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() };
  const token = await signInToken(config);
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
           participantToken: payload.ParticipantToken };
}
