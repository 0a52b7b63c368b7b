// Every string the chat shows, per language. The language: the tag's or page's choice
// (data-lang, ?lang=), else the first of the browser's languages we have, else English.
// Elements name their string with data-i18n (text), data-i18n-label (aria-label) or
// data-i18n-placeholder; the rest is looked up with t(key, {name: …}).
const en = {
  title: "Chat with us",
  yourName: "Your name",
  topic: "Topic",
  optional: "(optional)",
  choose: "Choose…",
  topicBilling: "Billing",
  topicDelivery: "Delivery",
  topicOther: "Something else",
  startChat: "Start chat",
  message: "Message",
  typeMessage: "Type a message, Enter to send",
  typeMessageTouch: "Type a message",
  send: "Send",
  endChat: "End chat",
  endChatQuestion: "End this chat?",
  endConfirmed: "Yes, end the chat",
  keepChatting: "Keep chatting",
  newChat: "Start a new chat",
  close: "Close chat window",
  closeLauncher: "Close chat",
  messages: "Messages",
  conversation: "Conversation",
  attach: "Attach a file",
  notify: "Notify me of new messages",
  joined: "{name} joined",
  left: "{name} left",
  ended: "Chat ended",
  connecting: "Connecting you…",
  waiting: "Waiting for an agent to join",
  withAgent: "Chatting with {name}",
  typing: "{name} is typing…",
  delivered: "Delivered",
  read: "Read",
  newMessageTitle: "New message from {name}",
  uploading: "Sending…",
  scanning: "Checking for viruses…",
  blocked: "Blocked: it did not pass the virus check",
  download: "Download {name}",
  attachmentsOff: "Files can't be sent in this chat.",
  fileType: "{name} can't be sent: this type of file isn't accepted.",
  fileSize: "{name} can't be sent: files can be at most {size} MB.",
  fileFailed: "{name} was not sent: {reason}",
  tooManyFiles: "No more files can be sent in this chat.",
  minutes: "{count} min",
  notSent: "Message not sent",
  reconnecting: "Reconnecting…",
  queued: "Sending when you're back online",
  retry: "Retry",
  checkConnection: "Check your connection and try again.",
  botCheckUnavailable: "Bot check unavailable",
  oneMoreStep: "One more step",
  completeCheck: "Please complete the check above, then start the chat.",
  couldNotStart: "Could not start the chat",
  signIn: "Sign in to chat",
  signInNeeded: "Our chat is for signed-in customers.",
  signInDetail: "Please sign in, then start the chat again.",
  tryAgainIn: "Please try again in {wait}.",
  notStarted: "The chat could not be started.",
  // what each problem `type` of our API (lambda/start_chat/problems.py) means to a customer
  "problem:validation-error": "Some of your details weren't accepted. Please check them.",
  "problem:malformed-body": "Something went wrong sending your details. Please reload the page.",
  "problem:unsupported-media-type":
    "Something went wrong sending your details. Please reload the page.",
  "problem:body-too-large": "What you entered is too long. Please shorten it.",
  "problem:origin-not-allowed": "Chat isn't available on this website at the moment.",
  "problem:chat-not-resumable": "Your earlier chat can't be continued. Please start a new chat.",
  "problem:continuation-refused": "Your earlier chat can't be continued. Please start a new chat.",
  "problem:too-many-chats": "You've started several chats in a short time.",
  "problem:bot-check-failed":
    "We couldn't confirm you're a person. Please complete the check and try again.",
  "problem:bot-check-unavailable": "The check that keeps out robots isn't working right now.",
  "problem:value-refused": "Your details weren't accepted. Please shorten your name.",
  "problem:throttled": "A lot of chats are starting right now.",
  "problem:upstream-unavailable": "Our chat service is unavailable right now.",
  "problem:upstream-timeout": "Our chat service took too long to answer. Please try again.",
  "problem:upstream-rejected": "Our chat service couldn't start your chat. Please try again later.",
  "problem:internal-error": "Something went wrong on our side. Please try again later.",
  unreachable: "We can't reach the chat service. Check your connection and try again.",
  participantUnreachable:
    "The chat service can't be reached from this page, so no chat was started. Please try again later.",
  notConnected:
    "Your chat has started but isn't connected yet. Check your connection and try again.",
  fieldName: "Please check your name.",
  fieldTopic: "Please choose another topic.",
  aFewSeconds: "a few seconds",
  aboutSeconds: "about {count} seconds",
  aboutAMinute: "about a minute",
  aboutMinutes: "about {count} minutes",
  aboutAnHour: "about an hour",
  aboutHours: "about {count} hours",
  notShown: "(a message this chat can't show)",
  notConfigured:
    "This chat page is not configured: its config.json is missing or has no startChatUrl.",
};

export type StringKey = keyof typeof en;
type Table = Record<StringKey, string>;

// Typed as the English table: a language missing a key does not compile.
const es: Table = {
  title: "Chatea con nosotros",
  yourName: "Tu nombre",
  topic: "Tema",
  optional: "(opcional)",
  choose: "Elige…",
  topicBilling: "Facturación",
  topicDelivery: "Entrega",
  topicOther: "Otra cosa",
  startChat: "Iniciar chat",
  message: "Mensaje",
  typeMessage: "Escribe un mensaje; Intro para enviar",
  typeMessageTouch: "Escribe un mensaje",
  send: "Enviar",
  endChat: "Terminar chat",
  endChatQuestion: "¿Terminar este chat?",
  endConfirmed: "Sí, terminar el chat",
  keepChatting: "Seguir chateando",
  newChat: "Iniciar un chat nuevo",
  close: "Cerrar la ventana del chat",
  closeLauncher: "Cerrar chat",
  messages: "Mensajes",
  conversation: "Conversación",
  attach: "Adjuntar un archivo",
  notify: "Avisarme de mensajes nuevos",
  joined: "{name} se ha unido",
  left: "{name} se ha ido",
  ended: "Chat terminado",
  connecting: "Conectándote…",
  waiting: "Esperando a que se una un agente",
  withAgent: "Chateando con {name}",
  typing: "{name} está escribiendo…",
  delivered: "Entregado",
  read: "Leído",
  newMessageTitle: "Nuevo mensaje de {name}",
  uploading: "Enviando…",
  scanning: "Buscando virus…",
  blocked: "Bloqueado: no ha pasado el análisis de virus",
  download: "Descargar {name}",
  attachmentsOff: "En este chat no se pueden enviar archivos.",
  fileType: "No se puede enviar {name}: no se acepta este tipo de archivo.",
  fileSize: "No se puede enviar {name}: los archivos pueden tener {size} MB como máximo.",
  fileFailed: "No se ha enviado {name}: {reason}",
  tooManyFiles: "En este chat no se pueden enviar más archivos.",
  minutes: "{count} min",
  notSent: "Mensaje no enviado",
  reconnecting: "Reconectando…",
  queued: "Se enviará cuando vuelvas a tener conexión",
  retry: "Reintentar",
  checkConnection: "Comprueba tu conexión y vuelve a intentarlo.",
  botCheckUnavailable: "La comprobación antibots no está disponible",
  oneMoreStep: "Un paso más",
  completeCheck: "Completa la comprobación de arriba y después inicia el chat.",
  couldNotStart: "No se ha podido iniciar el chat",
  signIn: "Inicia sesión para chatear",
  signInNeeded: "Nuestro chat es para clientes con sesión iniciada.",
  signInDetail: "Inicia sesión y vuelve a iniciar el chat.",
  tryAgainIn: "Vuelve a intentarlo dentro de {wait}.",
  notStarted: "No se ha podido iniciar el chat.",
  "problem:validation-error": "Algunos de tus datos no se han aceptado. Revísalos.",
  "problem:malformed-body": "Algo ha fallado al enviar tus datos. Vuelve a cargar la página.",
  "problem:unsupported-media-type":
    "Algo ha fallado al enviar tus datos. Vuelve a cargar la página.",
  "problem:body-too-large": "Lo que has escrito es demasiado largo. Acórtalo.",
  "problem:origin-not-allowed": "El chat no está disponible en este sitio web en este momento.",
  "problem:chat-not-resumable": "Tu chat anterior no se puede continuar. Inicia un chat nuevo.",
  "problem:continuation-refused": "Tu chat anterior no se puede continuar. Inicia un chat nuevo.",
  "problem:too-many-chats": "Has iniciado varios chats en poco tiempo.",
  "problem:bot-check-failed":
    "No hemos podido confirmar que eres una persona. Completa la comprobación y vuelve a intentarlo.",
  "problem:bot-check-unavailable": "La comprobación antibots no funciona en este momento.",
  "problem:value-refused": "Tus datos no se han aceptado. Acorta tu nombre.",
  "problem:throttled": "Se están iniciando muchos chats en este momento.",
  "problem:upstream-unavailable": "Nuestro servicio de chat no está disponible en este momento.",
  "problem:upstream-timeout":
    "Nuestro servicio de chat ha tardado demasiado en responder. Vuelve a intentarlo.",
  "problem:upstream-rejected":
    "Nuestro servicio de chat no ha podido iniciar tu chat. Vuelve a intentarlo más tarde.",
  "problem:internal-error": "Algo ha fallado por nuestra parte. Vuelve a intentarlo más tarde.",
  unreachable:
    "No podemos conectar con el servicio de chat. Comprueba tu conexión y vuelve a intentarlo.",
  participantUnreachable:
    "No se puede conectar con el servicio de chat desde esta página, así que no se ha iniciado ningún chat. Vuelve a intentarlo más tarde.",
  notConnected:
    "Tu chat ha empezado pero aún no está conectado. Comprueba tu conexión y vuelve a intentarlo.",
  fieldName: "Revisa tu nombre.",
  fieldTopic: "Elige otro tema.",
  aFewSeconds: "unos segundos",
  aboutSeconds: "unos {count} segundos",
  aboutAMinute: "un minuto aproximadamente",
  aboutMinutes: "unos {count} minutos",
  aboutAnHour: "una hora aproximadamente",
  aboutHours: "unas {count} horas",
  notShown: "(un mensaje que este chat no puede mostrar)",
  notConfigured:
    "Esta página de chat no está configurada: falta su config.json o no tiene startChatUrl.",
};

export const STRINGS: Readonly<Record<string, Table>> = { en, es };

export function chooseLanguage(
  asked: string | null | undefined,
  browser: readonly string[] = navigator.languages || [navigator.language],
): string {
  for (const wanted of [asked, ...browser]) {
    const base = (wanted || "").toLowerCase().split("-")[0] ?? "";
    if (STRINGS[base]) return base;
  }
  return "en";
}

// Bidi and other control characters in what the other side names (display and file names)
// would reorder what is shown: `invoice\u202Efdp.exe.txt` reads as `invoicetxt.exe.pdf`. Each
// is shown as a visible ⟨U+202E⟩ instead; letters of every script, Arabic and Hebrew too,
// come through as they are.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// In message text (and the titles and choices of interactive messages) only what reorders
// a run is marked: embeddings, overrides, isolates, and controls other than line breaks and
// tabs. The marks right-to-left writers put in ordinary text (U+200E, U+200F, U+061C) stay.
const REORDERING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function marker(c: string): string {
  return `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

export function visible(text: unknown): string {
  return String(text ?? "").replace(CONTROLS, marker);
}

export function visibleInText(text: unknown): string {
  return String(text ?? "").replace(REORDERING, marker);
}

export type Translate = ((key: StringKey, values?: Record<string, unknown>) => string) & {
  language: string;
};

export function isStringKey(key: string | undefined): key is StringKey {
  return key !== undefined && Object.hasOwn(en, key);
}

// `values` are names and numbers from elsewhere: each is made visible() before it is shown.
export function strings(language: string): Translate {
  const table = STRINGS[language] ?? en;
  const t = (key: StringKey, values: Record<string, unknown> = {}): string =>
    (table[key] ?? en[key]).replace(/\{(\w+)\}/g, (_, name: string) => visible(values[name]));
  return Object.assign(t, { language: STRINGS[language] ? language : "en" });
}

// Fills the data-i18n* elements under `root` (the page, or the widget's shadow root).
export function translate(root: ParentNode, t: Translate): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const key = node.dataset.i18n;
    if (isStringKey(key)) node.textContent = t(key);
  }
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
    const key = node.dataset.i18nLabel;
    if (isStringKey(key)) node.setAttribute("aria-label", t(key));
  }
  for (const node of root.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
    const key = node.dataset.i18nPlaceholder;
    if (isStringKey(key)) node.placeholder = t(key);
  }
}
