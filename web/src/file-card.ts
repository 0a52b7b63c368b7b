// A file in the conversation, sent or received, as a card: its type (the extension), its
// name (visible(): the real order of a name from the other side), its size when known, and
// where it is: sending, being checked for viruses, ready (the name downloads it), or
// blocked (said in words, not only in red).
import { type Translate, visible } from "./strings.js";

export type FileState = "uploading" | "scanning" | "ready" | "blocked";

// 1024s, as the "at most 20 MB" of a refused file counts: a file shown as 20 MB is sent.
export function fileSize(bytes: number, language: string): string {
  const step = Math.min(2, Math.floor(Math.log(Math.max(bytes, 1)) / Math.log(1024)));
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit: ["byte", "kilobyte", "megabyte"][step],
    unitDisplay: step ? "short" : "long", // "24 bytes", "1.2 MB"
    maximumFractionDigits: 1,
  }).format(bytes / 1024 ** step);
}

export function fileCard(
  name: unknown,
  state: FileState,
  t: Translate,
  size?: number,
  download?: () => void,
): HTMLElement {
  const shown = visible(name);
  const card = document.createElement("span");
  card.className = "file-card";
  card.dataset.state = state;
  const type = document.createElement("span");
  type.className = "file-type";
  type.setAttribute("aria-hidden", "true");
  const dot = shown.lastIndexOf(".");
  type.textContent = dot > 0 ? shown.slice(dot + 1, dot + 5).toUpperCase() : "";
  const title = document.createElement(download ? "button" : "span");
  title.className = "file-name link";
  title.textContent = shown;
  title.dir = "ltr"; // a file name reads left to right, so its real extension is last
  if (download) {
    (title as HTMLButtonElement).type = "button";
    title.setAttribute("aria-label", t("download", { name }));
    title.addEventListener("click", download);
  }
  const words = [size === undefined || state === "blocked" ? "" : fileSize(size, t.language)];
  if (state !== "ready") words.push(t(state)); // its words are under its name
  const line = document.createElement("span");
  line.className = "file-state";
  line.textContent = words.filter(Boolean).join(" · ");
  card.append(type, title, line);
  return card;
}
