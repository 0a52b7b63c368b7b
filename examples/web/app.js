// A small customer chat page on amazon-connect-chatjs (window.connect), no build step.
// Configuration: ?startChatUrl=…&region=…[&participantEndpoint=…][&token=…][&lang=…] or
// ./config.json; a signed-in site can instead define
// window.connectChatStarter = { getToken: async () => … }.
import { loadConfig } from "./api.js";
import { createChatView } from "./chat-view.js";
import { chooseLanguage, strings } from "./strings.js";
import { Marked } from "./vendor/marked.js";
import DOMPurify from "./vendor/purify.js";

const $ = (id) => document.getElementById(id);
const elements = Object.fromEntries(
  ["prechat", "name", "topic", "start", "error", "conversation", "messages", "typing", "status",
   "composer", "message", "send", "attach", "fileInput", "end", "confirmEnd", "endConfirmed",
   "keepChatting", "newChat", "botCheck", "notify"].map((id) => [id, $(id)]),
);

async function main() {
  const config = await loadConfig();
  document.title = strings(chooseLanguage(config.language))("title");
  const view = createChatView({ ...elements, root: document }, config, "connect-chat-starter.chat", { Marked, DOMPurify });
  document.documentElement.lang = view.language;
  if (!(await view.resume())) $("name").focus();
}

main();
