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
  send: "Send",
  endChat: "End chat",
  endChatQuestion: "End this chat?",
  endConfirmed: "Yes, end the chat",
  keepChatting: "Keep chatting",
  newChat: "Start a new chat",
  close: "Close chat window",
  messages: "Messages",
  conversation: "Conversation",
  attach: "Attach a file",
  notify: "Notify me of new messages",
  joined: "{name} joined",
  left: "{name} left",
  ended: "Chat ended",
  typing: "{name} is typing…",
  delivered: "Delivered",
  read: "Read",
  newMessageTitle: "New message from {name}",
  uploading: "Sending {name}…",
  scanning: "{name} · checking for viruses…",
  rejected: "{name} · blocked by the virus check",
  download: "Download {name}",
  attachmentsOff: "Files can't be sent in this chat.",
  fileType: "{name} can't be sent: this type of file isn't accepted.",
  fileSize: "{name} can't be sent: files can be at most {size} MB.",
  fileFailed: "{name} was not sent: {reason}",
  tooManyFiles: "No more files can be sent in this chat.",
  minutes: "{count} min",
  notSent: "Message not sent",
  checkConnection: "Check your connection and try again.",
  botCheckUnavailable: "Bot check unavailable",
  oneMoreStep: "One more step",
  completeCheck: "Please complete the check above, then start the chat.",
  couldNotStart: "Could not start the chat",
  signIn: "Sign in to chat",
  signInDetail: "Please sign in, then start the chat again.",
  tryAgainIn: "Please try again in {seconds} seconds.",
  notStarted: "The chat could not be started.",
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
  send: "Enviar",
  endChat: "Terminar chat",
  endChatQuestion: "¿Terminar este chat?",
  endConfirmed: "Sí, terminar el chat",
  keepChatting: "Seguir chateando",
  newChat: "Iniciar un chat nuevo",
  close: "Cerrar la ventana del chat",
  messages: "Mensajes",
  conversation: "Conversación",
  attach: "Adjuntar un archivo",
  notify: "Avisarme de mensajes nuevos",
  joined: "{name} se ha unido",
  left: "{name} se ha ido",
  ended: "Chat terminado",
  typing: "{name} está escribiendo…",
  delivered: "Entregado",
  read: "Leído",
  newMessageTitle: "Nuevo mensaje de {name}",
  uploading: "Enviando {name}…",
  scanning: "{name} · buscando virus…",
  rejected: "{name} · bloqueado por el análisis de virus",
  download: "Descargar {name}",
  attachmentsOff: "En este chat no se pueden enviar archivos.",
  fileType: "No se puede enviar {name}: no se acepta este tipo de archivo.",
  fileSize: "No se puede enviar {name}: los archivos pueden tener {size} MB como máximo.",
  fileFailed: "No se ha enviado {name}: {reason}",
  tooManyFiles: "En este chat no se pueden enviar más archivos.",
  minutes: "{count} min",
  notSent: "Mensaje no enviado",
  checkConnection: "Comprueba tu conexión y vuelve a intentarlo.",
  botCheckUnavailable: "La comprobación antibots no está disponible",
  oneMoreStep: "Un paso más",
  completeCheck: "Completa la comprobación de arriba y después inicia el chat.",
  couldNotStart: "No se ha podido iniciar el chat",
  signIn: "Inicia sesión para chatear",
  signInDetail: "Inicia sesión y vuelve a iniciar el chat.",
  tryAgainIn: "Vuelve a intentarlo dentro de {seconds} segundos.",
  notStarted: "No se ha podido iniciar el chat.",
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

export function visible(text: unknown): string {
  return String(text ?? "").replace(
    CONTROLS,
    (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
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
