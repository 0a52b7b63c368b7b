// Message receipts. Out: Delivered for each agent message or attachment as it arrives, Read
// once it is on screen in a visible tab (as AWS's chat interface sends them; chatjs
// throttles and de-duplicates). In: "Delivered" / "Read" under the customer's latest message.
const EVENT = "application/vnd.amazonaws.connect.event.message.";

export function createReceipts({ list, t, getSession }) {
  const readSent = new Set();
  const states = new Map();  // customer message id → "delivered" | "read"
  let latestOwn = null;  // the list entry of the customer's latest message

  function sendReceipt(kind, item) {
    const session = getSession();
    if (!session) return;
    const content = { messageId: item.Id, ...(item.Type === "ATTACHMENT" ? { disableThrottle: true } : {}) };
    session.sendEvent({ contentType: EVENT + kind, content: JSON.stringify(content) }).catch(() => {});
  }

  const onScreen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && document.visibilityState === "visible") read(entry.target);
    }
  }, { root: list, threshold: 0.5 });

  function read(entry) {
    const item = entry.chatItem;
    if (!item || readSent.has(item.Id)) return;
    readSent.add(item.Id);
    onScreen.unobserve(entry);
    sendReceipt("read", item);
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    // what arrived while the tab was hidden and is in view now
    for (const entry of list.querySelectorAll("li.agent")) {
      if (entry.chatItem && !readSent.has(entry.chatItem.Id)) {
        onScreen.unobserve(entry);
        onScreen.observe(entry);
      }
    }
  });

  function incoming(item, entry) {
    entry.chatItem = item;
    const listed = (Array.isArray(item.Attachments) && item.Attachments[0]) || {};
    if (item.Type !== "ATTACHMENT" || listed.Status === "IN_PROGRESS") {
      sendReceipt("delivered", item);
    }
    onScreen.observe(entry);
  }

  function show() {
    list.querySelectorAll(".receipt").forEach((line) => line.remove());
    const state = latestOwn && states.get(latestOwn.dataset.id);
    if (!state) return;
    const line = document.createElement("span");
    line.className = "receipt";
    line.textContent = t(state);
    latestOwn.append(line);
  }

  function own(item, entry) {
    latestOwn = entry;
    const receipts = (item.MessageMetadata && item.MessageMetadata.Receipts) || [];
    if (receipts.some((receipt) => receipt.ReadTimestamp)) states.set(item.Id, "read");
    else if (receipts.length) states.set(item.Id, "delivered");
    show();
  }

  function mark(kind) {
    return ({ data }) => {
      const id = data && data.MessageMetadata && data.MessageMetadata.MessageId;
      if (!id || states.get(id) === "read") return;
      states.set(id, kind);
      show();
    };
  }

  function listen(session) {
    session.onDeliveredReceipt(mark("delivered"));
    session.onReadReceipt(mark("read"));
  }

  function clear() {
    states.clear();
    readSent.clear();
    latestOwn = null;
    onScreen.disconnect();
  }

  return { incoming, own, listen, clear };
}
