// Whether the chat can reach the Participant Service now: the browser's own online state and
// chatjs's websocket events. While it cannot, a polite "Reconnecting…" line (role=status)
// shows above the composer, which stays usable (outbox.ts queues what is typed); when it
// can again the line just clears, as Intercom's and Zendesk's do.
import type { ChatSession } from "./chatjs.js";
import type { Translate } from "./strings.js";

export interface Connection {
  online(): boolean;
  watch(session: ChatSession | null): void; // the joined chat's session; null: none (ended)
}

export function createConnection(
  before: HTMLElement,
  t: Translate,
  back: () => void, // the connection returned: catch up and send what waited
  broken: (session: ChatSession) => void, // chatjs gave its websocket up for good
  signal: AbortSignal,
): Connection {
  const line = document.createElement("p");
  line.className = "connecting";
  line.setAttribute("role", "status");
  before.before(line);
  let watched: ChatSession | null = null;
  let lost = false; // chatjs says the websocket is down
  const online = (): boolean => navigator.onLine && !lost;
  function update(): void {
    const was = !line.textContent;
    const now = !watched || online();
    line.textContent = now ? "" : t("reconnecting");
    if (now && !was && watched) back();
  }
  for (const type of ["online", "offline"]) addEventListener(type, update, { signal });
  return {
    online,
    watch(session) {
      watched = session;
      lost = false;
      const set = (down: boolean) => () => {
        if (watched !== session) return; // an ended chat's session, closing
        lost = down;
        update();
      };
      session?.onConnectionLost(set(true));
      session?.onConnectionBroken(() => {
        set(true)();
        if (session && watched === session) broken(session);
      });
      session?.onConnectionEstablished(set(false));
      update();
    },
  };
}
