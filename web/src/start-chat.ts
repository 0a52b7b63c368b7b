// Our start-chat API: POST /chat, RFC 9457 problems, the sign-in token, and persistent chat.
import type { ChatDetails } from "./chatjs.js";
import type { ChatConfig } from "./config.js";
import { INTERACTIVE } from "./interactive.js";
import { type FormField, formFields, problemSentence } from "./problem-words.js";
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

// A start our API (or the gateway before it) refused: `title` and `message` are the
// customer's words (problem-words.ts), `type` the problem's, `fields` the form's inputs
// the API named.
export class ApiProblem extends Error {
  constructor(
    readonly title: string,
    detail: string,
    readonly type = "",
    readonly fields: readonly FormField[] = [],
  ) {
    super(detail);
  }
}

// fetch() rejected: no answer at all (offline, DNS, a CSP block, CORS).
export class Unreachable extends Error {}

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
export async function signInToken(): Promise<string | null> {
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

// `t`: the view's strings (strings.ts): every failure is told in the customer's language.
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
  }).catch(() => {
    throw new Unreachable(t("unreachable"));
  });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 401) {
    // API Gateway's JWT authorizer: no token, or not a valid one
    throw new ApiProblem(t("signIn"), t("signInDetail"));
  }
  if (!response.ok) {
    // RFC 9457 problem from our API, or the gateway's own {message} (its throttle, a busy
    // function): said in the customer's language, never the API's English
    const type = typeof payload.type === "string" ? payload.type : gatewayType(response.status);
    if (type.endsWith(":origin-not-allowed")) {
      console.error(
        `connect-chat-starter: this page's origin ${location.origin} is not in the ` +
          "environment's allowedOrigins (cdk.json), so the chat API refuses to start chats here.",
      );
    }
    const sentence = problemSentence(type, response.headers.get("Retry-After"), t);
    throw new ApiProblem(t("couldNotStart"), sentence, type, formFields(fieldsOf(payload)));
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

// The gateway answers before our function with {message} only: its stage throttle (429) or
// every function busy (500).
function gatewayType(status: number): string {
  if (status === 429) return "throttled";
  return status >= 500 ? "upstream-unavailable" : "";
}

function fieldsOf(payload: Record<string, unknown>): string[] {
  const errors = Array.isArray(payload.errors) ? (payload.errors as unknown[]) : [];
  return errors.flatMap((error) => {
    const field = (error as { field?: unknown } | null)?.field;
    return typeof field === "string" ? [field] : [];
  });
}
