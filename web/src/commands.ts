// The public API: open, close, toggle, startChat, endChat, on, off, destroy (and init, the
// launch options, before mounting). The same functions back the package's ESM exports and the
// global connectChat(command, ...args), which replays the calls a page queued with the stub
//   window.connectChat = window.connectChat || function () {
//     (connectChat.q = connectChat.q || []).push(arguments); };
// before the script loaded. State lives on window under a registry symbol, so a second copy
// of the bundle (a snippet run again after Turbo or HTMX swapped the body) finds it, and no
// named element in the page can stand in for it.
import type { StartRequest } from "./chat-view.js";
import { type ChatEventHandler, type ChatEventName, Emitter, isEventName } from "./events.js";
import { LAUNCH_DEFAULTS, type LaunchOptions, launchOptions } from "./launch.js";
import { readyToSay } from "./loader-state.js";
import type { Widget } from "./widget-panel.js";

interface SharedState {
  emitter: Emitter;
  launch: LaunchOptions;
  widget: Promise<Widget> | null; // mounting or mounted
  mounted: Widget | null;
}

const STATE = Symbol.for("connect-chat-starter.widget");

// A mount that destroy() overtook: not an error for whoever asked for it.
export class Superseded extends Error {}

export function sharedState(): SharedState {
  const holder = window as unknown as Record<symbol, SharedState | undefined>;
  let state = holder[STATE];
  if (!state) {
    state = { emitter: new Emitter(), launch: LAUNCH_DEFAULTS, widget: null, mounted: null };
    holder[STATE] = state;
  }
  return state;
}

// Mounts with `create` unless a widget is on the page already; one removed from the page by
// a body swap is taken down first. The promise is the widget, ready.
export function mountOnce(
  create: (state: SharedState) => Widget | Promise<Widget>,
): Promise<Widget> {
  const state = sharedState();
  if (state.widget && (!state.mounted || state.mounted.host.isConnected)) return state.widget;
  destroy();
  const mounting: Promise<Widget> = Promise.resolve(state)
    .then(create)
    .then(async (widget) => {
      if (state.widget !== mounting) {
        // destroy() came while it was being built (React's StrictMode mounts twice)
        widget.destroy();
        throw new Superseded();
      }
      state.mounted = widget;
      await widget.ready;
      if (readyToSay()) state.emitter.emit("ready", {}); // else the loader's launcher said it
      return widget;
    });
  mounting.catch((error: Error) => {
    if (error instanceof Superseded) return;
    if (state.widget === mounting) state.widget = null;
    state.emitter.emit("error", { type: "configuration", message: error.message });
    console.error("connect-chat-starter widget:", error.message);
  });
  state.widget = mounting;
  return mounting;
}

// A command for the widget once it is mounted (a failed mount was reported as an error event).
const withWidget = <T>(act: (widget: Widget) => T | Promise<T>): Promise<T | undefined> =>
  sharedState().widget?.then(act, () => undefined) ?? Promise.resolve(undefined);

export function init(options: Partial<LaunchOptions>): void {
  const state = sharedState();
  state.launch = launchOptions(options, state.launch);
}

export function open(): Promise<void> {
  return withWidget((widget) => widget.open());
}

export function close(): Promise<void> {
  return withWidget((widget) => widget.close());
}

export function toggle(): Promise<void> {
  return withWidget((widget) => widget.toggle());
}

// A chat with this name and these contact attributes (the API keeps only its
// allowedAttributes), the pre-chat form skipped; the panel opens.
export function startChat(
  request: { name?: string; attributes?: Record<string, string> } = {},
): Promise<void> {
  return withWidget((widget) => widget.startChat(request as StartRequest));
}

// Ends the chat on, without asking the customer (the page's own button asked).
export function endChat(): Promise<void> {
  return withWidget((widget) => widget.endChat());
}

export function on<E extends ChatEventName>(event: E, handler: ChatEventHandler<E>): void {
  if (!isEventName(event) || typeof handler !== "function") return;
  const state = sharedState();
  state.emitter.on(event, handler);
  // "ready" once it has happened: a handler added late still hears it
  if (event === "ready" && state.mounted?.host.isConnected) {
    void state.widget?.then(() => (handler as ChatEventHandler<"ready">)({}));
  }
}

export function off<E extends ChatEventName>(event: E, handler: ChatEventHandler<E>): void {
  sharedState().emitter.off(event, handler);
}

// Takes the widget off the page; a chat on goes on, and the next mount resumes it. Handlers
// added with on() stay.
export function destroy(): void {
  const state = sharedState();
  state.mounted?.destroy();
  state.mounted = null;
  state.widget = null;
}

export const COMMANDS = { init, open, close, toggle, startChat, endChat, on, off, destroy };
export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
export type ConnectChat = <C extends CommandName>(
  command: C,
  ...args: Parameters<Commands[C]>
) => ReturnType<Commands[C]>;

function run(command: unknown, args: readonly unknown[]): unknown {
  if (typeof command !== "string" || !Object.hasOwn(COMMANDS, command)) {
    console.error(`connect-chat-starter: no command "${String(command)}"`);
    return undefined;
  }
  return (COMMANDS[command as CommandName] as (...values: unknown[]) => unknown)(...args);
}

declare global {
  interface Window {
    connectChat?: unknown;
  }
}

// window.connectChat(command, ...args), after the calls the page's stub queued. Called after
// mountOnce() began (a queued init still comes before the widget is built: that waits for a
// microtask), so queued commands wait for the widget.
export function installGlobal(): void {
  const stub: unknown = window.connectChat;
  const queued = typeof stub === "function" ? (stub as { q?: unknown }).q : undefined;
  const queue: unknown[] = Array.isArray(queued) ? [...queued] : [];
  window.connectChat = (command: unknown, ...args: unknown[]) => run(command, args);
  for (const call of queue) {
    const [command, ...args] = Array.from(call as ArrayLike<unknown>);
    run(command, args);
  }
}
