// Before a chat is started: can this page reach the Participant Service at all? A contact
// started by a page that then cannot connect (a CSP without the service, a wrong endpoint, a
// network block) waits in the agents' queue with nobody on it, and the customer's second
// try makes another. Cheap requests to the service answer, and fail fast under a CSP block
// or a network error: first the CORS preflight chatjs's own calls need (an OPTIONS to the
// path it posts to, which the service answers without a token and the browser's console
// keeps quiet about), and should the service refuse that, a `no-cors` GET to its origin
// (any HTTP answer will do; its body is never read).
import type { ChatConfig } from "./config.js";

const PROBE_TIMEOUT_MS = 6000;

// chatjs's endpoint for the region, unless config.json points it elsewhere.
export function participantOrigin(config: ChatConfig): string {
  const endpoint =
    config.participantEndpoint || `https://participant.connect.${config.region}.amazonaws.com`;
  return new URL(endpoint).origin;
}

export async function participantServiceReachable(config: ChatConfig): Promise<boolean> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), PROBE_TIMEOUT_MS);
  const origin = participantOrigin(config);
  const common = { credentials: "omit", cache: "no-store", signal: timeout.signal } as const;
  const answered = (request: Promise<Response>): Promise<boolean> =>
    request.then(
      () => true,
      () => false,
    );
  try {
    return (
      (await answered(
        fetch(`${origin}/participant/connection`, { ...common, method: "OPTIONS" }),
      )) ||
      (!timeout.signal.aborted &&
        (await answered(fetch(`${origin}/`, { ...common, mode: "no-cors" }))))
    );
  } finally {
    clearTimeout(timer);
  }
}
