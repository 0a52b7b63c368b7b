// The customer's messages on their way: sent in order, each exactly once (one ClientToken per
// message, kept across tries, so Connect never repeats one). While the connection is down
// they wait in the list marked "Sending when you're back online"; one that still fails after
// a few tries is marked not sent, with a Retry button. A sent message leaves the list: the
// chat's own echo of it takes its place.
import type { ChatSession } from "./chatjs.js";
import type { Translate } from "./strings.js";

const PAUSES_MS = [0, 1000, 3000]; // before each try of one message

interface Waiting {
  text: string;
  token: string;
  entry?: HTMLLIElement;
}

export interface Outbox {
  send(text: string): Promise<void>;
  flush(): Promise<void>;
  clear(): void; // the chat ended: nothing more can be sent in it
}

export function createOutbox(
  list: HTMLElement,
  t: Translate,
  getSession: () => ChatSession | null,
  online: () => boolean,
  gaveUp: () => void, // a message is marked not sent
): Outbox {
  let queue: Waiting[] = [];
  let flushing = false;

  function show(message: Waiting, failed: boolean): void {
    message.entry ??= list.appendChild(document.createElement("li"));
    const entry = message.entry;
    entry.className = `customer ${failed ? "failed" : "queued"}`;
    const note = document.createElement("span");
    note.className = "meta";
    note.textContent = t(failed ? "notSent" : "queued");
    entry.replaceChildren(message.text, note); // text, never markup
    if (failed) {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "link";
      retry.textContent = t("retry");
      retry.onclick = () => {
        queue.push(message);
        show(message, false);
        void flush();
      };
      note.append(" ", retry);
    }
    entry.scrollIntoView({ block: "end" });
  }

  async function deliver(message: Waiting): Promise<boolean> {
    for (const pause of PAUSES_MS) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      const session = getSession();
      if (!session || !online()) return false;
      try {
        await session.sendMessage({
          contentType: "text/plain",
          message: message.text,
          clientToken: message.token,
        });
        message.entry?.remove();
        return true;
      } catch {
        /* tried again after a pause, or waits for the connection */
      }
    }
    return false;
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    while (queue[0] && online()) {
      const message = queue[0];
      const sent = await deliver(message);
      if (sent || online()) queue.shift();
      if (!sent && online()) {
        show(message, true);
        gaveUp();
      }
    }
    flushing = false;
    for (const message of queue) show(message, false);
  }

  return {
    send(text) {
      queue.push({ text, token: crypto.randomUUID() });
      return flush();
    },
    flush,
    clear() {
      queue = [];
    },
  };
}
