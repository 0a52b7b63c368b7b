// One chat's behaviour on the chat template's elements (the page's, or those in the widget's
// shadow root): pre-chat form → start (start-chat.ts) → join with chatjs → messages,
// attachments, receipts, interactive choices, typing, end (confirmed), new chat, and resume
// after a reload. `storageKey` keeps this view's chat, which the site's tabs share
// (shared-chat.ts).
import { createAttachments, type StatusLine } from "./attachments.js";
import { createAttention } from "./attention.js";
import { type BotCheck, mountBotCheck } from "./bot-check.js";
import type { ChatItem, ChatSession } from "./chatjs.js";
import { wireComposer } from "./composer.js";
import type { ChatConfig } from "./config.js";
import { createConnection } from "./connection-state.js";
import type { Emit, ErrorType, MessageRole, MessageType } from "./events.js";
import { createInteractive } from "./interactive.js";
import { createOutbox } from "./outbox.js";
import { FIELD_MESSAGES, type FormField } from "./problem-words.js";
import { participantServiceReachable } from "./reachability.js";
import { createReceipts } from "./receipts.js";
import { createRichText } from "./rich-text.js";
import { forgetChat, oneStartAtATime, saveChat, savedChat, sharedSession } from "./shared-chat.js";
import { signInGate } from "./sign-in-gate.js";
import { rememberEndedChat, type StartedChat, startChat } from "./start-chat.js";
import { chooseLanguage, strings, translate } from "./strings.js";
import type { ChatElements } from "./template.js";
import { createTranscript, TYPING_EVENT, TYPING_EVERY_MS } from "./transcript.js";

const ROLES: Record<string, MessageRole> = {
  CUSTOMER: "customer",
  AGENT: "agent",
  CUSTOM_BOT: "bot",
  SYSTEM: "system",
};

// chatjs's connect() rejects with {_debug: {reason, _debug: the service's error}}; these
// answers mean the participant token is no good any more (the chat ended or expired).
const CHAT_OVER = ["AccessDeniedException", "ResourceNotFoundException"];
// A started chat whose connection fails is joined again after these pauses (null: give up
// and let the customer try again, the same contact still).
const JOIN_RETRY_PAUSES_MS = [1000, 3000, null];
const EVENT = "application/vnd.amazonaws.connect.event.";

function chatIsOver(error: unknown): boolean {
  const outer = (error as { _debug?: { _debug?: { type?: string; statusCode?: number } } } | null)
    ?._debug;
  const answer = outer?._debug;
  return (
    Boolean(answer) &&
    (CHAT_OVER.includes(answer?.type ?? "") || [403, 404].includes(answer?.statusCode ?? 0))
  );
}

function messageType(item: ChatItem): MessageType {
  const type = String(item.ContentType || "");
  if (item.Type === "ATTACHMENT") return "attachment";
  if (type.endsWith(".interactive")) return "interactive";
  return type === "text/markdown" ? "markdown" : "text";
}

export interface StartRequest {
  name?: unknown;
  attributes?: unknown;
}

export interface ChatView {
  resume(): Promise<boolean>;
  startChat(request: StartRequest): Promise<void>;
  endChat(): Promise<void>;
  destroy(): void;
  language: string;
}

export interface ViewOptions {
  emit?: Emit;
  name?: string | null; // filled in (the page's signed-in customer, or a prefill)
  signedIn?: boolean; // with a name: the form asks for none
}

// Contact attributes as the page gave them: string values only (the API keeps only its
// allowedAttributes of those).
function attributesOf(given: unknown): Record<string, string> {
  if (typeof given !== "object" || given === null) return {};
  return Object.fromEntries(
    Object.entries(given).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

export function createChatView(
  el: ChatElements,
  config: ChatConfig,
  storageKey: string,
  options: ViewOptions = {},
): ChatView {
  const emit: Emit = options.emit ?? (() => {});
  const listening = new AbortController(); // the document's listeners, until destroy()
  const t = strings(chooseLanguage(config.language));
  translate(el.root, t);
  const nameKey = `${storageKey}.name`; // a new chat after a reload needs no retyping
  el.name.value = options.name || el.name.value || sessionStorage.getItem(nameKey) || "";
  if (options.signedIn && options.name) {
    el.name.hidden = true;
    for (const label of el.name.labels ?? []) label.hidden = true;
  }
  let over = false; // the chat ended; its transcript still shows
  let replaying = false; // drawing a resumed chat's earlier messages: no message events
  let session: ChatSession | null = null;
  let current: StartedChat | null = null; // the joined chat's details (contact ID, continuation token)
  const getSession = (): ChatSession | null => session;
  const status: StatusLine = {
    show(text, kind) {
      el.status.textContent = text;
      el.status.className = `status ${kind}`;
      el.status.hidden = false;
    },
    clear() {
      el.status.hidden = true;
      el.status.textContent = "";
    },
  };
  // Back from "Reconnecting…": what the agent said meanwhile, then what the customer typed.
  const connection = createConnection(
    el.composer,
    t,
    () => {
      if (session && current) void showEarlier(session, current.contactId);
      void outbox.flush();
    },
    (broken) => void rejoin(broken),
    listening.signal,
  );
  const outbox = createOutbox(el.messages, t, getSession, connection.online, () =>
    emit("error", { type: "send", message: t("notSent") }),
  );
  const send = outbox.send;
  const attachments = createAttachments({ policy: config.attachments, t, status, getSession });
  attachments.wire({
    input: el.fileInput,
    button: el.attach,
    target: el.conversation,
    list: el.messages,
  });
  const receipts = createReceipts({ list: el.messages, t, getSession, signal: listening.signal });
  const transcript = createTranscript({
    list: el.messages,
    typingLine: el.typing,
    t,
    richText: createRichText(),
    interactive: createInteractive({ send, t, language: t.language }),
    attachments,
    receipts,
    attention: createAttention({ t, button: el.notify, signal: listening.signal }),
    shown(item) {
      const fromAnotherContact = item.ContactId && item.ContactId !== current?.contactId;
      if (replaying || fromAnotherContact) return; // an earlier chat's, rehydrated
      emit("message", {
        role: ROLES[String(item.ParticipantRole)] ?? "agent",
        type: messageType(item),
      });
    },
  });
  const botCheck: Promise<BotCheck> = mountBotCheck(el.botCheck, config.botCheck).catch(
    (error: Error) => {
      showError(t("botCheckUnavailable"), error.message, "bot-check");
      return { required: true, token: () => null, reset() {} };
    },
  );

  function showError(title: string, detail: string | undefined, type: ErrorType): void {
    el.error.textContent = detail ? `${title}: ${detail}` : title;
    el.error.hidden = false;
    emit("error", { type, message: el.error.textContent });
  }

  // The inputs the API named (errors[].field): marked invalid, each with its message.
  function markFields(fields: readonly FormField[]): void {
    for (const field of fields) {
      const input = field === "name" ? el.name : el.topic;
      if (!input || input.hidden) continue;
      const note = document.createElement("p");
      note.id = `${input.id}-problem`;
      note.className = "field-problem";
      note.textContent = t(FIELD_MESSAGES[field]);
      input.after(note);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", note.id);
    }
    const first = fields[0];
    (first === "topic" ? el.topic : first === "name" ? el.name : null)?.focus();
  }

  function clearFields(): void {
    for (const input of [el.name, el.topic]) {
      if (!input) continue;
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      el.root.getElementById(`${input.id}-problem`)?.remove();
    }
  }

  // Who is there: waiting for an agent (with the time waited, outside the live region so a
  // screen reader is not read every second), the agent's name, or the end.
  let waitingSince = 0;
  let clock: ReturnType<typeof setInterval> | undefined;
  function showPresence(state: "waiting" | "agent" | "ended", name?: string): void {
    el.conversation.dataset.state = state;
    clearInterval(clock);
    el.waited.textContent = "";
    if (state === "agent") el.presence.textContent = t("withAgent", { name });
    if (state !== "waiting") {
      waitingSince = 0;
      if (state === "ended") el.presence.textContent = "";
      return;
    }
    el.presence.textContent = t("waiting");
    waitingSince ||= Date.now();
    const tick = (): void => {
      const seconds = Math.floor((Date.now() - waitingSince) / 1000);
      el.waited.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    };
    tick();
    clock = setInterval(tick, 1000);
  }

  // An agent joining or leaving this chat (not an earlier one's, rehydrated).
  function track(item: ChatItem, contactId: string): void {
    if (item.ParticipantRole !== "AGENT" || (item.ContactId && item.ContactId !== contactId)) {
      return;
    }
    const type = String(item.ContentType || "");
    if (type === `${EVENT}participant.joined`) showPresence("agent", item.DisplayName);
    if (type === `${EVENT}participant.left`) showPresence("waiting");
  }

  function setEnded(isEnded: boolean): void {
    el.composer.hidden = isEnded; // Send and Attach with it
    el.end.hidden = isEnded; // in the header
    el.endedNote.hidden = !isEnded;
    if (isEnded) showPresence("ended");
    el.message.disabled = isEnded;
    el.send.disabled = isEnded;
    el.end.disabled = isEnded;
    el.attach.disabled = isEnded;
    el.confirmEnd.hidden = true;
    el.newChat.hidden = !isEnded;
  }

  // Once per chat: the customer's own end also comes back as the chat's ended event.
  function ended(): void {
    if (over) return;
    over = true;
    connection.watch(null);
    outbox.clear();
    forgetChat(storageKey);
    if (current) rememberEndedChat(current.contactId, current.continuationToken);
    setEnded(true);
    status.clear();
    el.newChat.focus();
    emit("chat-ended", {});
  }

  async function join(details: StartedChat, resumed: boolean): Promise<void> {
    connect.ChatSession.setGlobalConfig({
      region: config.region,
      ...(config.participantEndpoint ? { endpoint: config.participantEndpoint } : {}),
    });
    const { contactId, participantId, participantToken } = details;
    const joining = sharedSession(
      storageKey,
      details,
      () =>
        connect.ChatSession.create({
          chatDetails: { contactId, participantId, participantToken },
          options: { region: config.region },
          type: connect.ChatSession.SessionTypes.CUSTOMER,
          disableCSM: true,
        }),
      chatIsOver,
    );
    session = joining;
    showPresence("waiting");
    joining.onMessage(({ data }) => {
      track(data, contactId);
      transcript.render(data);
    });
    joining.onTyping(({ data }) => {
      if (data.ParticipantRole !== "CUSTOMER") transcript.showTyping(data.DisplayName);
    });
    receipts.listen(joining);
    joining.onEnded(ended);
    try {
      await joining.connect();
    } catch (error) {
      session = null;
      throw error;
    }
    current = details;
    connection.watch(joining);
    el.prechat.hidden = true;
    el.conversation.hidden = false;
    over = false;
    setEnded(false);
    emit("chat-started", { contactId });
    if (resumed) await showEarlier(joining, contactId);
    el.message.focus();
  }

  // chatjs gives its websocket up for good when CreateParticipantConnection fails other than
  // by the network, and a session connects only once: the same chat is joined again with a
  // new session, paced, until it is back or over.
  async function rejoin(broken: ChatSession): Promise<void> {
    const on = (): boolean => session === broken && !over;
    for (let pause = 1000; on(); pause = Math.min(pause * 2, 30_000)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (!on() || !current || !navigator.onLine) continue;
      // Let go of the broken one first: it holds the chat's lock across tabs (shared-chat.ts),
      // and a new session queued behind it would only mirror it.
      broken.cleanUpOnParticipantDisconnect?.();
      try {
        await join(current, true);
      } catch (error) {
        session = broken;
        if (chatIsOver(error)) ended();
      }
    }
  }

  // Reloaded mid-chat: what was said so far. A chat that is on stays on if this fails.
  async function showEarlier(joined: ChatSession, contactId: string): Promise<void> {
    try {
      const { data } = await joined.getTranscript({
        maxResults: 100,
        sortOrder: "ASCENDING",
        scanDirection: "BACKWARD",
      });
      const items = (data as { Transcript?: unknown } | undefined)?.Transcript;
      replaying = true;
      for (const item of Array.isArray(items) ? (items as ChatItem[]) : []) {
        track(item, contactId);
        transcript.render(item);
        // ended while its websocket was away (connection-state.ts): chatjs never says so
        const thisChat = !item.ContactId || item.ContactId === contactId;
        if (!over && thisChat && item.ContentType === `${EVENT}chat.ended`) ended();
      }
    } catch {
      status.show(t("checkConnection"), "error");
    } finally {
      replaying = false;
    }
  }

  function newChat(): void {
    // the next chat continues the ended one (persistent chat, start-chat.ts)
    session = null;
    transcript.clear();
    el.conversation.hidden = true;
    el.prechat.hidden = false;
    el.start.disabled = false;
    el.name.focus();
  }

  let lastTyping = 0;
  el.message.addEventListener("input", () => {
    if (session && Date.now() - lastTyping > TYPING_EVERY_MS) {
      lastTyping = Date.now();
      session.sendEvent({ contentType: TYPING_EVENT }).catch(() => {});
    }
  });
  wireComposer(el.message, el.composer, t);
  el.composer.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = el.message.value.trim();
    if (!text || !session) return;
    el.message.value = "";
    await send(text);
  });
  // End chat asks first: one stray tap must not end a conversation.
  el.end.addEventListener("click", () => {
    el.confirmEnd.hidden = false;
    el.keepChatting.focus();
  });
  el.keepChatting.addEventListener("click", () => {
    el.confirmEnd.hidden = true;
    el.end.focus();
  });
  el.confirmEnd.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      el.keepChatting.click();
    }
  });
  async function endChat(): Promise<void> {
    if (!session) return;
    try {
      await session.disconnectParticipant();
    } catch {
      // Ended here either way. A mirroring tab's call also fails when the holder's end
      // reaches it before the answer does (shared-chat.ts).
    } finally {
      ended();
    }
  }
  el.endConfirmed.addEventListener("click", endChat);
  el.newChat.addEventListener("click", newChat);
  // One chat per click: a start under way is the answer to every other (a double click, the
  // page's startChat twice). A chat started but not connected is joined again on the next
  // try, never started twice.
  let starting: Promise<void> | null = null;
  let unjoined: StartedChat | null = null;
  function begin(name: string, attributes: Record<string, string>): Promise<void> {
    starting ??= beginOnce(name, attributes).finally(() => {
      starting = null;
    });
    return starting;
  }

  async function beginOnce(name: string, attributes: Record<string, string>): Promise<void> {
    if (session && !over) return; // one chat at a time
    if (over) newChat();
    el.error.hidden = true;
    clearFields();
    el.start.disabled = true;
    el.connecting.textContent = t("connecting"); // announced politely (role=status)
    try {
      if (!unjoined) {
        const check = await botCheck;
        if (check.required && !check.token()) {
          showError(t("oneMoreStep"), t("completeCheck"), "bot-check");
          el.start.disabled = false;
          return;
        }
        // No contact for a page that could not connect to it (reachability.ts)
        if (!(await participantServiceReachable(config))) {
          showError(t("couldNotStart"), t("participantUnreachable"), "connection");
          el.start.disabled = false;
          return;
        }
        // a chat another tab started meanwhile (null): shown here too, not a second contact
        const started = await oneStartAtATime(storageKey, async () => {
          sessionStorage.setItem(nameKey, name);
          const chat = await startChat(config, { name, attributes, botToken: check.token() }, t);
          // kept before it is joined: a reload joins this contact rather than starting one
          saveChat(storageKey, chat);
          return chat;
        });
        if (!started) {
          if (!(await resume())) el.start.disabled = false;
          return;
        }
        unjoined = started;
        check.reset();
      }
      await joinRetrying(unjoined);
      unjoined = null;
    } catch (error) {
      if (unjoined) {
        showError(t("notConnected"), undefined, "connection");
      } else {
        const problem = error as { title?: string; message?: string; fields?: FormField[] };
        showError(problem.title || t("couldNotStart"), problem.message, "start");
        markFields(problem.fields ?? []);
      }
      el.start.disabled = false;
    } finally {
      el.connecting.textContent = "";
    }
  }

  // A started chat whose connection failed is joined again, the same contact, a few times.
  async function joinRetrying(details: StartedChat): Promise<void> {
    for (const pause of JOIN_RETRY_PAUSES_MS) {
      try {
        return await join(details, false);
      } catch (error) {
        if (chatIsOver(error)) {
          unjoined = null;
          forgetChat(storageKey);
          throw error;
        }
        if (pause === null) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
  el.prechat.addEventListener("submit", (event) => {
    event.preventDefault();
    const topic = el.topic?.value ?? "";
    void begin(el.name.value.trim(), topic ? { topic } : {});
  });

  // The page's startChat: its name (else the form's), its attributes; the form is skipped.
  async function startFromPage(request: StartRequest): Promise<void> {
    if (!session && (await signInGate(el, config, t))) return;
    const given = typeof request.name === "string" ? request.name.trim() : "";
    const name = given || el.name.value.trim();
    if (!name) {
      el.name.focus();
      return showError(t("couldNotStart"), t("yourName"), "start");
    }
    el.name.value = name;
    await begin(name, attributesOf(request.attributes));
  }

  // A chat this tab was in before a reload (or another tab is in), if it is still on; true if
  // it was resumed. It is forgotten only when Connect says it is over or gone: after a
  // network blip the next reload tries again.
  async function resume(): Promise<boolean> {
    const saved = savedChat(storageKey);
    if (!saved) return false;
    // the form stays until the chat is back, but says so and starts nothing meanwhile
    el.start.disabled = true;
    el.connecting.textContent = t("connecting");
    try {
      await join(saved, true);
      return true;
    } catch (error) {
      if (chatIsOver(error)) forgetChat(storageKey);
      else {
        unjoined = saved; // the next start joins it again
        showError(t("couldNotStart"), t("checkConnection"), "connection");
      }
      return false;
    } finally {
      el.start.disabled = false;
      el.connecting.textContent = "";
    }
  }

  // A chat started in another tab: this one shows it too.
  addEventListener(
    "storage",
    ({ key, newValue }) => {
      if (key !== storageKey || !newValue || (session && !over) || starting) return;
      if (over) transcript.clear();
      void resume();
    },
    { signal: listening.signal },
  );

  // Off the page (destroy, or a body swap): stop drawing and listening. The chat itself goes
  // on: the next mount resumes it.
  function destroy(): void {
    session?.cleanUpOnParticipantDisconnect?.();
    session = null;
    connection.watch(null);
    clearInterval(clock);
    listening.abort();
  }

  // Not resumed: the form, or sign-in first (sign-in-gate.ts).
  async function resumeOrGate(): Promise<boolean> {
    return (await resume()) || signInGate(el, config, t).then(() => false);
  }

  return { resume: resumeOrGate, startChat: startFromPage, endChat, destroy, language: t.language };
}
