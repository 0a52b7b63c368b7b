// A small customer chat page on amazon-connect-chatjs (window.connect), no build step.
// Configuration: ?startChatUrl=…&region=…[&participantEndpoint=…][&token=…] or ./config.json;
// a signed-in site can instead define window.connectChatStarter = { getToken: async () => … }.
import { loadConfig } from "./api.js";
import { createChatView } from "./chat-view.js";

const $ = (id) => document.getElementById(id);
const elements = Object.fromEntries(
  ["prechat", "name", "topic", "start", "error", "conversation", "messages", "typing",
   "composer", "message", "send", "end", "newChat", "botCheck"].map((id) => [id, $(id)]),
);

async function main() {
  const view = createChatView(elements, await loadConfig(), "connect-chat-starter.chat");
  if (!(await view.resume())) $("name").focus();
}

main();
