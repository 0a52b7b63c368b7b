// One chat per person across the site's tabs. The chat's details (a credential: the
// participant token) are kept in localStorage under the view's key until the chat ends or
// the token expires. One tab, the holder, keeps chatjs's connection: it is elected by a Web
// Lock, which the browser frees when that tab closes, and the next tab in the lock's queue
// then connects on the same participant token (never a second contact). The other tabs
// mirror it over a BroadcastChannel: the holder passes on what chatjs hears (the items, not
// chatjs's details with the tokens) and makes their calls (send, typing, receipts,
// attachments, transcript, end) on its connection, so the contact hears each once. Without
// Web Locks every tab connects itself: one contact still, its events on each tab's socket.
import type { ChatItem, ChatSession } from "./chatjs.js";
import type { StartedChat } from "./start-chat.js";

// The participant token lives as long as the chat, which lasts at most Connect's default
// duration: the page asks for none. Not the connection's ConnectionCredentials.Expiry: chatjs
// renews that token, and an entry expiring before the chat would have a new tab start another.
const TOKEN_LIFETIME_MS = 1500 * 60_000;
// How long a tab that waited for another's start looks for that chat (it failed otherwise).
const KEPT_WAIT_MS = 2000;
// The holder's connection events too (all but Broken, below): a mirror shows "Reconnecting…"
// when the holder's websocket is down (connection-state.ts): its messages go through it.
const EVENTS = [
  "onMessage",
  "onTyping",
  "onDeliveredReceipt",
  "onReadReceipt",
  "onConnectionLost",
  "onConnectionBroken",
  "onConnectionEstablished",
];
const CALLS = [
  "sendMessage",
  "sendEvent",
  "sendAttachment",
  "downloadAttachment",
  "getTranscript",
  "disconnectParticipant",
];

type Handler = (event: { data: ChatItem }) => void;
type Method = (...args: unknown[]) => Promise<unknown>;
// t: hi (is a holder there?), up (a holder is connected; r: a new one), ev (chatjs's event n
// with its item d), call (method m with args a, answer i), re (its answer: k ok, v value or
// error), end. c: the contact, so an older chat's tab ignores it.
type Answer = { data?: unknown; name?: unknown; message?: unknown; error?: unknown } | null;
interface Note {
  t?: unknown;
  c?: unknown;
  r?: unknown;
  n?: unknown;
  d?: unknown;
  m?: unknown;
  a?: unknown;
  i?: unknown;
  k?: unknown;
  v?: unknown;
}

// Only an entry that is there and unusable is removed: this tab's copy of localStorage may not
// have another tab's newest entry yet, and removing "nothing" would remove that entry.
export function savedChat(key: string): StartedChat | null {
  try {
    const kept = localStorage.getItem(key);
    if (kept === null) return null;
    const saved = JSON.parse(kept) as Record<string, unknown>;
    const { contactId, participantId, participantToken } = saved;
    const fields = [contactId, participantId, participantToken];
    if (Number(saved.expires) > Date.now() && fields.every((f) => typeof f === "string")) {
      return saved as unknown as StartedChat;
    }
  } catch {
    /* unreadable: forgotten below */
  }
  forgetChat(key);
  return null;
}

// A chat just started, kept until its participant token expires. Storage refused (a
// sandboxed frame, a full disk): the chat goes on in this tab, unkept.
export function saveChat(key: string, chat: StartedChat): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...chat, expires: Date.now() + TOKEN_LIFETIME_MS }));
  } catch {}
}

// The site's tabs start chats one at a time, so a tab pressing Start chat while another's
// start is under way finds that chat when its turn comes (not a second contact): null then.
// localStorage reaches other tabs a moment after it is written (Chromium keeps a copy per
// process), so a tab that waited for another's start looks for its chat for a while before
// starting one. Without Web Locks the start goes ahead unless a chat is kept.
export async function oneStartAtATime(
  key: string,
  start: () => Promise<StartedChat>,
): Promise<StartedChat | null> {
  const startUnlessKept = (): Promise<StartedChat | null> | null =>
    savedChat(key) ? null : start();
  const locks = navigator.locks;
  if (!locks) return startUnlessKept();
  const name = `${key}.start`;
  const waited = Symbol();
  const first = await locks.request(name, { ifAvailable: true }, (lock) =>
    lock ? startUnlessKept() : waited,
  );
  if (first !== waited) return first;
  return locks.request(name, async () => ((await keptSoon(key)) ? null : start()));
}

async function keptSoon(key: string): Promise<boolean> {
  for (let waited = 0; waited < KEPT_WAIT_MS; waited += 50) {
    if (savedChat(key)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return savedChat(key) !== null;
}

export function forgetChat(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {}
}

// A ChatSession for the chat view: chatjs's own in the holder, a mirror of it elsewhere.
export function sharedSession(
  key: string,
  chat: StartedChat,
  create: () => ChatSession,
  isOver: (error: unknown) => boolean, // connect()'s error says the token is no good
): ChatSession {
  const handlers: Record<string, Handler[]> = {};
  const asked = new Map<string, [(value: unknown) => void, (error: unknown) => void]>();
  const channel = self.BroadcastChannel ? new BroadcastChannel(key) : null;
  const done = new AbortController(); // the holder's lock, or a mirror's place in its queue
  let real: ChatSession | null = null;
  let live = false; // this tab holds the connection, connected
  let mirrored = false;
  let connected: (() => void) | undefined; // a mirror's connect(), once a holder is
  const post = (note: Note): void => {
    if (!done.signal.aborted) channel?.postMessage({ ...note, c: chat.contactId });
  };
  const fire = (name: string, data: unknown): void => {
    for (const handler of handlers[name] ?? []) handler({ data: data as ChatItem });
  };
  const failAsked = (): void => {
    for (const [, fail] of asked.values()) fail(new Error());
    asked.clear();
  };
  const finish = (): void => {
    live = false;
    done.abort();
    channel?.close();
    failAsked();
  };
  const over = (): void => {
    post({ t: "end" });
    finish();
  };

  const call =
    (name: string): Method =>
    (...args) =>
      real
        ? (real[name as "sendEvent"] as Method).apply(real, args)
        : new Promise((resolve, reject) => {
            if (done.signal.aborted) return reject(new Error()); // no holder to ask any more
            const i = String(Math.random());
            asked.set(i, [resolve, reject]);
            post({ t: "call", i, m: name, a: args });
          });

  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<Note | null>) => {
      if (data?.c !== chat.contactId) return;
      const { t, n, i, m, a } = data;
      if (t === "end") {
        finish();
        fire("onEnded", null);
      } else if (live) {
        if (t === "hi") post({ t: "up" });
        if (t === "call" && CALLS.includes(m as string) && Array.isArray(a)) {
          const answer = (note: Note): void => {
            try {
              post({ t: "re", i, ...note });
            } catch {
              post({ t: "re", i, k: note.k }); // not cloneable: the outcome alone
            }
          };
          // what the chat view reads of an answer, not chatjs's whole response
          (call(m as string)(...a) as Promise<Answer>).then(
            (v) => answer({ k: 1, v: v instanceof Blob ? v : { data: v?.data } }),
            (v: Answer) => answer({ v: { name: v?.name, message: v?.message, error: v?.error } }),
          );
        }
      } else if (t === "up") {
        if (data.r) failAsked(); // asked of a holder that has gone
        mirrored = true;
        connected?.();
      } else if (
        t === "ev" &&
        EVENTS.includes(n as string) &&
        data.d &&
        typeof data.d === "object"
      ) {
        fire(n as string, data.d);
      } else if (t === "re" && asked.has(i as string)) {
        asked.get(i as string)?.[data.k ? 0 : 1](data.v);
        asked.delete(i as string);
      }
    };
  }

  function connect(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      connected = () => resolve(null);
      const hold = async (): Promise<void> => {
        const session = create();
        for (const name of EVENTS) {
          (session[name as "onMessage"] as (handler: Handler) => void)((event) => {
            const data = event?.data ?? {}; // connection events carry none
            fire(name, data);
            // Broken is the holder's to act on (it joins again, connection-state.ts); a mirror
            // only shows that the connection is down, and takes over when the holder lets go.
            if (name !== "onConnectionBroken") post({ t: "ev", n: name, d: data });
          });
        }
        session.onEnded(() => {
          if (done.signal.aborted) return; // told already, or ended here
          over();
          fire("onEnded", null);
        });
        try {
          await session.connect();
        } catch (error) {
          // a mirror taking over tries again, unless the chat is over; a new join is the
          // chat view's to retry
          if (!mirrored) {
            finish();
            reject(error);
          } else if (isOver(error)) {
            over();
            fire("onEnded", null);
          } else setTimeout(queue, 3000);
          return;
        }
        if (done.signal.aborted) return session.cleanUpOnParticipantDisconnect?.();
        real = session;
        live = true;
        failAsked();
        post({ t: "up", r: 1 });
        resolve(null);
        // what was said while no tab held the chat
        if (mirrored) {
          session
            .getTranscript({ maxResults: 100, sortOrder: "ASCENDING", scanDirection: "BACKWARD" })
            .then(({ data }) => {
              const items = (data as { Transcript?: unknown } | undefined)?.Transcript;
              for (const item of Array.isArray(items) ? items : []) {
                fire("onMessage", item);
                post({ t: "ev", n: "onMessage", d: item });
              }
            })
            .catch(() => {});
        }
        await new Promise((held) => done.signal.addEventListener("abort", held));
      };
      const queue = (): void => {
        if (!navigator.locks || !channel) return void hold();
        // per contact: a tab that started another (two starts at once) is not kept waiting
        navigator.locks
          .request(key + chat.contactId, { signal: done.signal }, hold)
          .catch(() => {});
      };
      queue();
      post({ t: "hi" });
    });
  }

  const session: Record<string, unknown> = {
    connect,
    cleanUpOnParticipantDisconnect() {
      real?.cleanUpOnParticipantDisconnect?.();
      finish();
    },
    // the chat view ends itself; every other tab hears it
    disconnectParticipant: () => call("disconnectParticipant")().finally(over),
  };
  for (const name of [...EVENTS, "onEnded"]) {
    const list: Handler[] = [];
    handlers[name] = list;
    session[name] = (handler: Handler) => list.push(handler);
  }
  for (const name of CALLS.slice(0, -1)) session[name] = call(name);
  return session as unknown as ChatSession;
}
