// A small customer chat page on amazon-connect-chatjs (window.connect), no build step.
// Configuration: ./config.json beside the page, only (?lang=… may choose the language); a
// signed-in site defines window.connectChatStarter = { getToken: async () => … }.
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

function showConfigurationError() {
  const t = strings(chooseLanguage(new URLSearchParams(location.search).get("lang")));
  $("error").textContent = t("notConfigured");
  $("error").hidden = false;
  $("prechat").hidden = true;
}

async function main() {
  const config = await loadConfig();
  if (!config) return showConfigurationError();
  document.title = strings(chooseLanguage(config.language))("title");
  const view = createChatView({ ...elements, root: document }, config, "connect-chat-starter.chat", { Marked, DOMPurify });
  document.documentElement.lang = view.language;
  if (!(await view.resume())) $("name").focus();
}

main();
