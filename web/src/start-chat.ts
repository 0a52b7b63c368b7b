// Our start-chat API: POST /chat, RFC 9457 problems, the sign-in token, and persistent chat.
import type { ChatDetails } from "./chatjs.js";
import type { ChatConfig } from "./config.js";
import { INTERACTIVE } from "./interactive.js";
import type { Translate } from "./strings.js";

const LAST_CONTACT_KEY = "connect-chat-starter.last-contact";
const CONTINUATION_TOKEN = /^[0-9a-f]{64}$/;
// Either answer means the earlier chat will not be continued: start a fresh one.
const NOT_CONTINUED = [":chat-not-resumable", ":continuation-refused"];
// What this view can show; Connect sends markdown and interactive messages only to a
// participant who says so.
const SHOWN_CONTENT_TYPES = ["text/plain", "text/markdown", INTERACTIVE, `${INTERACTIVE}.response`];

export interface StartedChat extends ChatDetails {
  continuationToken?: string;
}

export interface ChatRequest {
  name: string;
  attributes: Record<string, string>; // the API keeps only its allowedAttributes
  botToken: string | null;
}

interface EndedChat {
  contactId: string;
  continuationToken: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly title: string,
    detail: string,
    readonly type = "",
  ) {
    super(detail);
  }
}

interface SignInHook {
  getToken?: unknown;
}

declare global {
  interface Window {
    connectChatStarter?: SignInHook;
  }
}

// The sign-in token for environments with JWT auth: the site's own hook (a fresh token each
// time). Checked to be a function: a named element in the host page can stand in for it.
async function signInToken(): Promise<string | null> {
  const hook = window.connectChatStarter?.getToken;
  return typeof hook === "function" ? ((await hook()) as string | null) : null;
}

// An ended chat in this tab is continued by the next one (Connect's persistent chat), so
// the agent sees the earlier conversation; the API continues it only for whoever brings
// its continuation token. Tab-scoped: the next visitor of a shared computer does not
// inherit it.
export function rememberEndedChat(contactId: string, continuationToken: string | undefined): void {
  if (contactId && CONTINUATION_TOKEN.test(continuationToken || "")) {
    sessionStorage.setItem(LAST_CONTACT_KEY, JSON.stringify({ contactId, continuationToken }));
  }
}

// The ended chat to continue, or null (none, or an older page's bare contact ID).
function endedChat(): EndedChat | null {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(LAST_CONTACT_KEY) ?? "null");
    if (typeof saved !== "object" || saved === null) return null;
    const { contactId, continuationToken } = saved as Record<string, unknown>;
    const usable =
      typeof contactId === "string" &&
      typeof continuationToken === "string" &&
      CONTINUATION_TOKEN.test(continuationToken);
    return usable ? { contactId, continuationToken } : null;
  } catch {
    return null;
  }
}

// `t`: the view's strings (strings.ts); our API's own problem texts come as it wrote them.
export async function startChat(
  config: ChatConfig,
  request: ChatRequest,
  t: Translate,
): Promise<StartedChat> {
  const previous = endedChat();
  try {
    return await requestChat(config, request, previous, t);
  } catch (error) {
    const type = error instanceof ApiProblem ? error.type : "";
    if (!previous || !NOT_CONTINUED.some((end) => type.endsWith(end))) throw error;
    sessionStorage.removeItem(LAST_CONTACT_KEY);
    return requestChat(config, request, null, t);
  }
}

async function requestChat(
  config: ChatConfig,
  request: ChatRequest,
  previous: EndedChat | null,
  t: Translate,
): Promise<StartedChat> {
  const body: Record<string, unknown> = {
    ParticipantDetails: { DisplayName: request.name },
    SupportedMessagingContentTypes: SHOWN_CONTENT_TYPES,
  };
  if (Object.keys(request.attributes).length) body.Attributes = request.attributes;
  if (previous) {
    body.PersistentChat = {
      SourceContactId: previous.contactId,
      RehydrationType: "ENTIRE_PAST_SESSION",
      ContinuationToken: previous.continuationToken,
    };
  }
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Idempotency-Key": crypto.randomUUID(),
  };
  const token = await signInToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (request.botToken) headers["X-Bot-Token"] = request.botToken;
  const response = await fetch(config.startChatUrl, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 401) {
    // API Gateway's JWT authorizer: no token, or not a valid one
    throw new ApiProblem(t("signIn"), t("signInDetail"));
  }
  if (!response.ok) {
    // RFC 9457 problem from our API
    const wait = response.headers.get("Retry-After");
    const detail =
      (typeof payload.detail === "string" ? payload.detail : t("notStarted")) +
      (wait ? ` ${t("tryAgainIn", { seconds: wait })}` : "");
    const title = typeof payload.title === "string" ? payload.title : `Error ${response.status}`;
    throw new ApiProblem(title, detail, typeof payload.type === "string" ? payload.type : "");
  }
  return {
    contactId: String(payload.ContactId),
    participantId: String(payload.ParticipantId),
    participantToken: String(payload.ParticipantToken),
    ...(typeof payload.ContinuationToken === "string"
      ? { continuationToken: payload.ContinuationToken }
      : {}),
  };
}
