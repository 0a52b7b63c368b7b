// The chat page (index.html): the chat template in its <main>, configured by ./config.json
// beside the page, only (?lang=… may choose the language). A signed-in site defines
// window.connectChatStarter = { getToken: async () => … }.
import "amazon-connect-chatjs";
import { createChatView } from "./chat-view.js";
import { readConfigFile } from "./config.js";
import { chooseLanguage, strings } from "./strings.js";
import { chatElements, chatMarkup, END_CHAT } from "./template.js";

const STORAGE_KEY = "connect-chat-starter.chat";

function pageLanguage(): string | null {
  return (
    new URLSearchParams(location.search).get("lang") ||
    document.documentElement.getAttribute("data-lang") ||
    null
  );
}

// A sign-in token in a link (?token=) is never used (only the site's getToken hook signs in),
// and is not left in the address bar or the tab's history either.
function forgetTokenInAddress(): void {
  const address = new URL(location.href);
  if (!address.searchParams.has("token")) return;
  address.searchParams.delete("token");
  history.replaceState(history.state, "", address.href);
}

async function main(): Promise<void> {
  forgetTokenInAddress();
  const main = document.querySelector("main");
  // an index.html from before the header had End chat: above the chat, then
  (document.querySelector(".chat-header") ?? main)?.insertAdjacentHTML("beforeend", END_CHAT);
  main?.insertAdjacentHTML("beforeend", chatMarkup({ topics: true }));
  const el = chatElements(document);
  const language = pageLanguage();
  const config = await readConfigFile("config.json", language);
  if (!config) {
    el.error.textContent = strings(chooseLanguage(language))("notConfigured");
    el.error.hidden = false;
    el.prechat.hidden = true;
    return;
  }
  document.title = strings(chooseLanguage(config.language))("title");
  const view = createChatView(el, config, STORAGE_KEY);
  document.documentElement.lang = view.language;
  if (!(await view.resume())) el.name.focus();
}

void main();
