// Attachments in the chat view: the file button and drop target, checks before any upload
// (Connect's types and 20 MB, from config.json's `attachments`), and each file as a card
// (file-card.ts): sending, then as its ATTACHMENT item's scan goes, checking, blocked, or
// ready to download (GetAttachment through chatjs, saved under the file's own name).
import type { ChatAttachment, ChatItem, ChatSession } from "./chatjs.js";
import type { AttachmentPolicy } from "./config.js";
import { fileCard } from "./file-card.js";
import { type Translate, visible } from "./strings.js";

export interface StatusLine {
  show(text: string, kind: "error" | "progress"): void;
  clear(): void;
}

export interface Attachments {
  render(item: ChatItem): HTMLElement | null;
  wire(controls: {
    input: HTMLInputElement;
    button: HTMLButtonElement;
    target: HTMLElement;
    list: HTMLElement;
  }): void;
}

type Checked = { file: File; problem?: undefined } | { problem: string; file?: undefined };

function errorField(error: unknown, field: "name" | "message"): string | null {
  if (typeof error !== "object" || error === null) return null;
  const own = (error as Record<string, unknown>)[field];
  if (typeof own === "string" && own) return own;
  const inner = (error as { error?: Record<string, unknown> }).error;
  const nested = inner?.[field];
  return typeof nested === "string" && nested ? nested : null;
}

export function createAttachments({
  policy,
  t,
  status,
  getSession,
}: {
  policy: AttachmentPolicy;
  t: Translate;
  status: StatusLine;
  getSession: () => ChatSession | null;
}): Attachments {
  const enabled = policy.enabled;
  const types = policy.types ?? {};
  const maxBytes = policy.maxBytes ?? 0;

  const extension = (name: string): string =>
    name.lastIndexOf(".") >= 0 ? name.slice(name.lastIndexOf(".")).toLowerCase() : "";

  // The file as Connect must get it (the type from our table: browsers name some differently),
  // or the reason it can't be sent.
  function check(file: File): Checked {
    if (!enabled) return { problem: t("attachmentsOff") };
    const type = types[extension(file.name)];
    if (!type) return { problem: t("fileType", { name: file.name }) };
    if (file.size > maxBytes) {
      return { problem: t("fileSize", { name: file.name, size: Math.round(maxBytes / 2 ** 20) }) };
    }
    return { file: new File([file], file.name, { type }) };
  }

  // Sizes of the files sent from this tab (Connect's items carry none), by name.
  const sizes = new Map<string, number>();
  // Each file being sent, as its card (in `list`) until its item comes, or its send fails.
  const pending = new Map<string, HTMLElement>();
  let list: HTMLElement | null = null;

  async function send(file: File): Promise<void> {
    const checked = check(file);
    if (checked.problem !== undefined) return status.show(checked.problem, "error");
    const session = getSession();
    if (!session) return;
    status.clear();
    sizes.set(file.name, file.size);
    const entry = document.createElement("li");
    entry.className = "customer";
    entry.append(fileCard(file.name, "uploading", t, file.size));
    pending.get(file.name)?.remove();
    pending.set(file.name, entry);
    list?.append(entry);
    entry.scrollIntoView({ block: "end" });
    try {
      await session.sendAttachment({ attachment: checked.file });
      setTimeout(() => entry.remove(), 10_000); // its item, should it not come
    } catch (error) {
      entry.remove();
      if (errorField(error, "name") === "ServiceQuotaExceededException") {
        return status.show(t("tooManyFiles"), "error");
      }
      const reason = errorField(error, "message") ?? t("checkConnection");
      status.show(t("fileFailed", { name: file.name, reason }), "error");
    }
  }

  async function download(listed: ChatAttachment): Promise<void> {
    const session = getSession();
    if (!session || !listed.AttachmentId) return;
    const blob = await session.downloadAttachment({ attachmentId: listed.AttachmentId });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = visible(listed.AttachmentName);
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  // The body of an ATTACHMENT item's list entry (the item comes again with the verdict), or
  // null for an item that lists no file.
  function render(item: ChatItem): HTMLElement | null {
    const first: unknown = Array.isArray(item.Attachments) ? item.Attachments[0] : null;
    if (typeof first !== "object" || first === null) return null;
    const listed = first as ChatAttachment;
    const name = String(listed.AttachmentName ?? "");
    const own = item.ParticipantRole === "CUSTOMER";
    if (own) pending.get(name)?.remove();
    const size = own ? sizes.get(name) : undefined;
    if (listed.Status === "APPROVED") {
      return fileCard(name, "ready", t, size, () => {
        download(listed).catch(() => status.show(t("checkConnection"), "error"));
      });
    }
    return fileCard(name, listed.Status === "REJECTED" ? "blocked" : "scanning", t, size);
  }

  // The file button (its input is the real control) and dropping files on `target`.
  function wire(controls: {
    input: HTMLInputElement;
    button: HTMLButtonElement;
    target: HTMLElement;
    list: HTMLElement;
  }): void {
    const { input, button, target } = controls;
    list = controls.list;
    button.hidden = !enabled;
    input.accept = Object.keys(types).join(",");
    input.addEventListener("change", () => {
      for (const file of input.files ?? []) void send(file);
      input.value = "";
    });
    button.addEventListener("click", () => input.click());
    target.addEventListener("dragover", (event) => event.preventDefault());
    target.addEventListener("drop", (event) => {
      event.preventDefault();
      if (getSession()) for (const file of event.dataTransfer?.files ?? []) void send(file);
    });
  }

  return { render, wire };
}
