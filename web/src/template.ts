// The chat's markup, written once for the page and the widget (whose panel wraps it), and
// the map of its elements. Static text only: strings.ts fills in each language's words.

export interface TemplateOptions {
  topics: boolean; // the page's optional topic, sent as the `topic` contact attribute
}

const TOPICS = `
  <label for="topic"><span data-i18n="topic">Topic</span> <span class="optional" data-i18n="optional">(optional)</span></label>
  <select id="topic" name="topic">
    <option value="" data-i18n="choose">Choose…</option>
    <option value="billing" data-i18n="topicBilling">Billing</option>
    <option value="delivery" data-i18n="topicDelivery">Delivery</option>
    <option value="other" data-i18n="topicOther">Something else</option>
  </select>`;

// Icons drawn by currentColor (paths kept tiny: the widget's gzipped budget); the button
// carries the name.
const SEND = "M2 21 23 12 2 3v7l15 2-15 2z";
const ATTACH = "M16 6v11a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v11a1 1 0 0 1-2 0V6";
const icon = (path: string): string =>
  `<svg aria-hidden="true" viewBox="0 0 24 24"><path d="${path}"/></svg>`;

// End chat, for the page's or the widget's header (hidden but while a chat is on).
export const END_CHAT = `<button type="button" id="end" class="secondary small" hidden data-i18n="endChat">End chat</button>`;

export function chatMarkup({ topics }: TemplateOptions): string {
  return `
  <p id="error" class="error" role="alert" hidden></p>
  <form id="prechat" class="prechat">
    <label for="name" data-i18n="yourName">Your name</label>
    <input id="name" name="name" autocomplete="name" required maxlength="256">${topics ? TOPICS : ""}
    <div id="botCheck" class="bot-check"></div>
    <button type="submit" id="start" data-i18n="startChat">Start chat</button>
    <p id="connecting" class="connecting" role="status"></p>
  </form>
  <section id="conversation" class="conversation" hidden aria-label="Conversation" data-i18n-label="conversation">
    <div id="confirmEnd" class="confirm-end" role="group" aria-labelledby="endQuestion" hidden>
      <p id="endQuestion" data-i18n="endChatQuestion">End this chat?</p>
      <button type="button" id="endConfirmed" data-i18n="endConfirmed">Yes, end the chat</button>
      <button type="button" id="keepChatting" class="secondary" data-i18n="keepChatting">Keep chatting</button>
    </div>
    <p class="presence"><span id="presence" role="status"></span> <span id="waited" class="waited"></span></p>
    <button type="button" id="notify" class="secondary small" hidden data-i18n="notify">Notify me of new messages</button>
    <ol id="messages" class="messages" part="messages" aria-live="polite" aria-relevant="additions" aria-label="Messages" data-i18n-label="messages" tabindex="0"></ol>
    <p id="typing" class="typing" aria-live="polite"></p>
    <p id="status" class="status" role="status" hidden></p>
    <form id="composer" class="composer" part="composer">
      <label for="message" class="visually-hidden" data-i18n="message">Message</label>
      <textarea id="message" rows="1" placeholder="Type a message, Enter to send" data-i18n-placeholder="typeMessage" maxlength="1024"></textarea>
      <button type="button" id="attach" class="icon secondary" hidden aria-label="Attach a file" data-i18n-label="attach">${icon(ATTACH)}</button>
      <input type="file" id="fileInput" hidden multiple>
      <button type="submit" id="send" class="icon" aria-label="Send" data-i18n-label="send">${icon(SEND)}</button>
    </form>
    <p id="endedNote" class="ended-note" hidden data-i18n="ended">Chat ended</p>
    <button type="button" id="newChat" hidden data-i18n="newChat">Start a new chat</button>
  </section>`;
}

export interface ChatElements {
  root: Document | ShadowRoot;
  error: HTMLElement;
  prechat: HTMLFormElement;
  name: HTMLInputElement;
  topic: HTMLSelectElement | null;
  botCheck: HTMLElement;
  start: HTMLButtonElement;
  connecting: HTMLElement;
  conversation: HTMLElement;
  presence: HTMLElement;
  waited: HTMLElement;
  notify: HTMLButtonElement;
  messages: HTMLOListElement;
  typing: HTMLElement;
  status: HTMLElement;
  composer: HTMLFormElement;
  message: HTMLTextAreaElement;
  send: HTMLButtonElement;
  attach: HTMLButtonElement;
  fileInput: HTMLInputElement;
  end: HTMLButtonElement;
  confirmEnd: HTMLElement;
  endConfirmed: HTMLButtonElement;
  keepChatting: HTMLButtonElement;
  endedNote: HTMLElement;
  newChat: HTMLButtonElement;
}

function find<T extends Element>(
  root: Document | ShadowRoot,
  id: string,
  type: abstract new () => T,
): T {
  const element = root.getElementById(id);
  if (!(element instanceof type)) throw new Error(`the chat template has no #${id}`);
  return element;
}

// The elements of chatMarkup() under `root` (the page's document or the widget's shadow root).
export function chatElements(root: Document | ShadowRoot): ChatElements {
  const topic = root.getElementById("topic");
  return {
    root,
    error: find(root, "error", HTMLElement),
    prechat: find(root, "prechat", HTMLFormElement),
    name: find(root, "name", HTMLInputElement),
    topic: topic instanceof HTMLSelectElement ? topic : null,
    botCheck: find(root, "botCheck", HTMLElement),
    start: find(root, "start", HTMLButtonElement),
    connecting: find(root, "connecting", HTMLElement),
    conversation: find(root, "conversation", HTMLElement),
    presence: find(root, "presence", HTMLElement),
    waited: find(root, "waited", HTMLElement),
    notify: find(root, "notify", HTMLButtonElement),
    messages: find(root, "messages", HTMLOListElement),
    typing: find(root, "typing", HTMLElement),
    status: find(root, "status", HTMLElement),
    composer: find(root, "composer", HTMLFormElement),
    message: find(root, "message", HTMLTextAreaElement),
    send: find(root, "send", HTMLButtonElement),
    attach: find(root, "attach", HTMLButtonElement),
    fileInput: find(root, "fileInput", HTMLInputElement),
    end: find(root, "end", HTMLButtonElement),
    confirmEnd: find(root, "confirmEnd", HTMLElement),
    endConfirmed: find(root, "endConfirmed", HTMLButtonElement),
    keepChatting: find(root, "keepChatting", HTMLButtonElement),
    endedNote: find(root, "endedNote", HTMLElement),
    newChat: find(root, "newChat", HTMLButtonElement),
  };
}
