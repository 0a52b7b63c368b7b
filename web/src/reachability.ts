// Before a chat is started: can this page reach the Participant Service at all? A contact
// started by a page that then cannot connect (a CSP without the service, a wrong endpoint, a
// network block) waits in the agents' queue with nobody on it, and the customer's second
// try makes another. One cheap request to the service's origin answers: `no-cors`, so any
// HTTP answer will do (its body is never read); only a network error or a CSP block rejects,
// and those fail fast. The service's answer to it is no chat and costs nothing.
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
  try {
    await fetch(`${participantOrigin(config)}/`, {
      mode: "no-cors",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: timeout.signal,
    });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
