// A small customer chat page on amazon-connect-chatjs (window.connect), no build step.
// Configuration: ?startChatUrl=…&region=…[&participantEndpoint=…] or ./config.json.
import { loadConfig, rememberEndedChat, startChat } from "./api.js";
import { createTranscript, TYPING_EVENT, TYPING_EVERY_MS } from "./transcript.js";

const STORAGE_KEY = "connect-chat-starter.chat";
const $ = (id) => document.getElementById(id);
const transcript = createTranscript($("messages"), $("typing"));
const { render, showTyping } = transcript;
let session = null;
let contactId = null;

function showError(title, detail) {
  const box = $("error");
  box.textContent = detail ? `${title}: ${detail}` : title;
  box.hidden = false;
}

function ended() {
  sessionStorage.removeItem(STORAGE_KEY);
  rememberEndedChat(contactId);
  $("message").disabled = $("send").disabled = $("end").disabled = true;
}

async function join(config, details, resumed) {
  connect.ChatSession.setGlobalConfig({
    region: config.region,
    ...(config.participantEndpoint ? { endpoint: config.participantEndpoint } : {}),
  });
  session = connect.ChatSession.create({
    chatDetails: details, options: { region: config.region },
    type: connect.ChatSession.SessionTypes.CUSTOMER, disableCSM: true,
  });
  session.onMessage(({ data }) => render(data));
  session.onTyping(({ data }) => { if (data.ParticipantRole !== "CUSTOMER") showTyping(data.DisplayName); });
  session.onEnded(ended);
  await session.connect();
  contactId = details.contactId;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(details));
  $("prechat").hidden = true;
  $("conversation").hidden = false;
  if (resumed) {  // the page was reloaded mid-chat: show what was said so far
    const { data } = await session.getTranscript({ maxResults: 100, sortOrder: "ASCENDING", scanDirection: "BACKWARD" });
    data.Transcript.forEach(render);
  }
  $("message").focus();
}

function wireComposer() {
  let lastTyping = 0;
  $("message").addEventListener("input", () => {
    if (session && Date.now() - lastTyping > TYPING_EVERY_MS) {
      lastTyping = Date.now();
      session.sendEvent({ contentType: TYPING_EVENT }).catch(() => {});
    }
  });
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("message").value.trim();
    if (!text || !session) return;
    $("message").value = "";
    try {
      await session.sendMessage({ contentType: "text/plain", message: text });
    } catch {
      showError("Message not sent", "Check your connection and try again.");
    }
  });
  $("end").addEventListener("click", async () => {
    try { await session.disconnectParticipant(); } finally { ended(); }
  });
}

async function main() {
  const config = await loadConfig();
  wireComposer();
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved) {
    try {
      await join(config, JSON.parse(saved), true);
      return;
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);  // the chat is over: start afresh
    }
  }
  $("prechat").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("error").hidden = true;
    $("start").disabled = true;
    try {
      const details = await startChat(config, $("name").value.trim(), $("topic").value);
      await join(config, details, false);
    } catch (error) {
      showError(error.title || "Could not start the chat", error.message);
      $("start").disabled = false;
    }
  });
  $("name").focus();
}

main();
