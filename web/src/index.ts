// The package's ES module: the widget and its API for an app built with a bundler (React,
// Vue, …). mount() once (a second call while it is on the page does nothing), then the same
// commands as the snippet's connectChat(…).
import "amazon-connect-chatjs";
import chatCss from "../styles/chat.css";
import widgetCss from "../styles/widget.css";
import { mountOnce, Superseded, sharedState } from "./commands.js";
import { type ChatConfig, fromFile, readConfigFile } from "./config.js";
import { type LaunchOptions, launchOptions } from "./launch.js";
import { mount as mountPanel } from "./widget-panel.js";

export type { CommandName, ConnectChat } from "./commands.js";
export { close, destroy, endChat, off, on, open, startChat, toggle } from "./commands.js";
export type { AttachmentPolicy, BotCheckConfig, BotCheckProvider, ChatConfig } from "./config.js";
export type {
  ChatEventHandler,
  ChatEventMap,
  ChatEventName,
  ErrorType,
  MessageRole,
  MessageType,
} from "./events.js";
export type { LaunchOptions } from "./launch.js";

export type ConfigValues = Partial<ChatConfig> & Pick<ChatConfig, "startChatUrl">;

export interface MountOptions extends Partial<LaunchOptions> {
  // config.json's address (the stack's CDN publishes one), or the configuration itself
  config: string | URL | ConfigValues;
}

async function configOf(given: MountOptions["config"]): Promise<ChatConfig> {
  const language = document.documentElement.getAttribute("data-lang");
  const config =
    typeof given === "string" || given instanceof URL
      ? await readConfigFile(given, language)
      : fromFile({ language, ...given }, given.language ?? language);
  if (!config) throw new Error("the widget's configuration has no startChatUrl");
  return config;
}

// Puts the widget on the page; resolves once it is ready (a chat from before a reload resumed).
export async function mount(options: MountOptions): Promise<void> {
  sharedState().launch = launchOptions(options);
  await mountOnce(async (state) =>
    mountPanel(
      await configOf(options.config),
      [chatCss, widgetCss],
      state.launch,
      state.emitter.emit,
    ),
  ).catch((error: unknown) => {
    if (!(error instanceof Superseded)) throw error;
  });
}
