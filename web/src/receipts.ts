// Message receipts. Out: Delivered for each agent message or attachment as it arrives, Read
// once it is on screen in a visible tab (as AWS's chat interface sends them; chatjs
// throttles and de-duplicates). In: "Delivered" / "Read" under the customer's latest message.
import type { ChatEvent, ChatItem, ChatSession } from "./chatjs.js";
import type { Translate } from "./strings.js";

const EVENT = "application/vnd.amazonaws.connect.event.message.";

type State = "delivered" | "read";

export interface Receipts {
  incoming(item: ChatItem, entry: HTMLElement): void;
  own(item: ChatItem, entry: HTMLElement): void;
  listen(session: ChatSession): void;
  clear(): void;
}

export function createReceipts({
  list,
  t,
  getSession,
  signal,
}: {
  list: HTMLElement;
  t: Translate;
  getSession: () => ChatSession | null;
  signal: AbortSignal;
}): Receipts {
  const readSent = new Set<string>();
  const states = new Map<string, State>(); // customer message id → its latest receipt
  const items = new WeakMap<Element, ChatItem>(); // an agent's list entry → its item
  let latestOwn: HTMLElement | null = null; // the list entry of the customer's latest message

  function sendReceipt(kind: State, item: ChatItem): void {
    const session = getSession();
    if (!session) return;
    const content = {
      messageId: item.Id,
      ...(item.Type === "ATTACHMENT" ? { disableThrottle: true } : {}),
    };
    session
      .sendEvent({ contentType: EVENT + kind, content: JSON.stringify(content) })
      .catch(() => {});
  }

  const onScreen = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting && document.visibilityState === "visible") read(entry.target);
      }
    },
    { root: list, threshold: 0.5 },
  );

  function read(entry: Element): void {
    const item = items.get(entry);
    if (!item?.Id || readSent.has(item.Id)) return;
    readSent.add(item.Id);
    onScreen.unobserve(entry);
    sendReceipt("read", item);
  }

  document.addEventListener(
    "visibilitychange",
    () => {
      if (document.visibilityState !== "visible") return;
      // what arrived while the tab was hidden and is in view now
      for (const entry of list.querySelectorAll("li.agent")) {
        const item = items.get(entry);
        if (item?.Id && !readSent.has(item.Id)) {
          onScreen.unobserve(entry);
          onScreen.observe(entry);
        }
      }
    },
    { signal },
  );

  function incoming(item: ChatItem, entry: HTMLElement): void {
    items.set(entry, item);
    const first: unknown = Array.isArray(item.Attachments) ? item.Attachments[0] : null;
    const status =
      typeof first === "object" && first !== null
        ? (first as { Status?: unknown }).Status
        : undefined;
    if (item.Type !== "ATTACHMENT" || status === "IN_PROGRESS") sendReceipt("delivered", item);
    onScreen.observe(entry);
  }

  function show(): void {
    for (const line of list.querySelectorAll(".receipt")) line.remove();
    const id = latestOwn?.dataset.id;
    const state = id ? states.get(id) : undefined;
    if (!latestOwn || !state) return;
    const line = document.createElement("span");
    line.className = "receipt";
    line.textContent = t(state);
    latestOwn.append(line);
  }

  function own(item: ChatItem, entry: HTMLElement): void {
    latestOwn = entry;
    const receipts = item.MessageMetadata?.Receipts ?? [];
    if (item.Id && receipts.some((receipt) => receipt.ReadTimestamp)) states.set(item.Id, "read");
    else if (item.Id && receipts.length) states.set(item.Id, "delivered");
    show();
  }

  function mark(kind: State): (event: ChatEvent) => void {
    return ({ data }) => {
      const id = data?.MessageMetadata?.MessageId;
      if (!id || states.get(id) === "read") return;
      states.set(id, kind);
      show();
    };
  }

  function listen(session: ChatSession): void {
    session.onDeliveredReceipt(mark("delivered"));
    session.onReadReceipt(mark("read"));
  }

  function clear(): void {
    states.clear();
    readSent.clear();
    latestOwn = null;
    onScreen.disconnect();
  }

  return { incoming, own, listen, clear };
}
