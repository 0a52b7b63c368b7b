// Attachments in the chat view: the file button and drop target, checks before any upload
// (Connect's types and 20 MB, from config.json's `attachments`), a status line while it goes
// up, and ATTACHMENT items as their scan goes: checking, blocked, or a download button
// (GetAttachment through chatjs, saved under the file's own name).
import { visible } from "./strings.js";

export function createAttachments({ policy, t, status, getSession }) {
  const enabled = Boolean(policy && policy.enabled);
  const types = (policy && policy.types) || {};
  const maxBytes = (policy && policy.maxBytes) || 0;

  const extension = (name) => (name.lastIndexOf(".") >= 0 ? name.slice(name.lastIndexOf(".")).toLowerCase() : "");

  // The file as Connect must get it (the type from our table: browsers name some differently),
  // or the reason it can't be sent.
  function check(file) {
    if (!enabled) return { problem: t("attachmentsOff") };
    const type = types[extension(file.name)];
    if (!type) return { problem: t("fileType", { name: file.name }) };
    if (file.size > maxBytes) {
      return { problem: t("fileSize", { name: file.name, size: Math.round(maxBytes / 2 ** 20) }) };
    }
    return { file: new File([file], file.name, { type }) };
  }

  async function send(file) {
    const { problem, file: checked } = check(file);
    if (problem) return status.show(problem, "error");
    status.show(t("uploading", { name: file.name }), "progress");
    try {
      await getSession().sendAttachment({ attachment: checked });
      status.clear();
    } catch (error) {
      const name = error && (error.name || (error.error && error.error.name));
      if (name === "ServiceQuotaExceededException") return status.show(t("tooManyFiles"), "error");
      const reason = (error && (error.message || (error.error && error.error.message))) || t("checkConnection");
      status.show(t("fileFailed", { name: file.name, reason }), "error");
    }
  }

  async function download(listed) {
    const blob = await getSession().downloadAttachment({ attachmentId: listed.AttachmentId });
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
  function render(item) {
    const listed = Array.isArray(item.Attachments) ? item.Attachments[0] : null;
    if (typeof listed !== "object" || listed === null) return null;
    const body = document.createElement("span");
    body.className = "attachment";
    if (listed.Status === "APPROVED") {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = visible(listed.AttachmentName);
      button.dir = "ltr";  // a file name reads left to right, so its real extension is last
      button.setAttribute("aria-label", t("download", { name: listed.AttachmentName }));
      button.addEventListener("click", () => download(listed).catch(() => status.show(t("checkConnection"), "error")));
      body.append(button);
    } else {
      body.classList.add(listed.Status === "REJECTED" ? "rejected" : "scanning");
      body.textContent = t(listed.Status === "REJECTED" ? "rejected" : "scanning", { name: listed.AttachmentName });
    }
    return body;
  }

  // The file button (its input is the real control) and dropping files on `target`.
  function wire({ input, button, target }) {
    if (button) button.hidden = !enabled;
    if (input) {
      input.accept = Object.keys(types).join(",");
      input.addEventListener("change", () => {
        [...input.files].forEach(send);
        input.value = "";
      });
    }
    if (button && input) button.addEventListener("click", () => input.click());
    target.addEventListener("dragover", (event) => event.preventDefault());
    target.addEventListener("drop", (event) => {
      event.preventDefault();
      if (getSession()) [...event.dataTransfer.files].forEach(send);
    });
  }

  return { render, wire };
}
