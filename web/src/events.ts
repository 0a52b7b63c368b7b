// The widget's events, for the host page: `connectChat("on", "unread", ({count}) => …)` or the
// package's on(). A handler that throws is reported on the console and the rest still run.

export type MessageRole = "customer" | "agent" | "bot" | "system";
export type MessageType = "text" | "markdown" | "interactive" | "attachment";
export type ErrorType = "configuration" | "start" | "connection" | "send" | "bot-check";

export interface ChatEventMap {
  ready: Record<string, never>; // mounted, configured, a chat from before a reload resumed
  open: Record<string, never>;
  close: Record<string, never>;
  "chat-started": { contactId: string }; // a new chat, or one resumed after a reload
  message: { role: MessageRole; type: MessageType }; // each new message, never its text
  unread: { count: number }; // messages from the other side while the panel is closed
  "chat-ended": Record<string, never>;
  error: { type: ErrorType; message: string };
}

export type ChatEventName = keyof ChatEventMap;
export type ChatEventHandler<E extends ChatEventName> = (detail: ChatEventMap[E]) => void;

export const EVENT_NAMES: readonly ChatEventName[] = [
  "ready",
  "open",
  "close",
  "chat-started",
  "message",
  "unread",
  "chat-ended",
  "error",
];

export function isEventName(name: unknown): name is ChatEventName {
  return EVENT_NAMES.includes(name as ChatEventName);
}

export type Emit = <E extends ChatEventName>(event: E, detail: ChatEventMap[E]) => void;

export class Emitter {
  private readonly handlers = new Map<ChatEventName, Set<(detail: never) => void>>();

  on<E extends ChatEventName>(event: E, handler: ChatEventHandler<E>): void {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler);
    this.handlers.set(event, set);
  }

  off<E extends ChatEventName>(event: E, handler: ChatEventHandler<E>): void {
    this.handlers.get(event)?.delete(handler);
  }

  readonly emit: Emit = (event, detail) => {
    for (const handler of [...(this.handlers.get(event) ?? [])]) {
      try {
        (handler as (value: typeof detail) => void)(detail);
      } catch (error) {
        console.error(`connect-chat-starter: a "${event}" handler threw`, error);
      }
    }
  };
}
