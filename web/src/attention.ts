// A customer in another tab still learns that the agent answered: while the tab is hidden,
// each new agent message shows in its title (and as a browser notification, once the
// customer has allowed them with the button); the title comes back when they return.
import type { Translate } from "./strings.js";

export interface Attention {
  agentMessage(name: string | undefined, text: string): void;
}

export function createAttention({
  t,
  button,
  signal,
}: {
  t: Translate;
  button: HTMLButtonElement;
  signal: AbortSignal;
}): Attention {
  const original = document.title;
  let unseen = 0;

  document.addEventListener(
    "visibilitychange",
    () => {
      if (document.visibilityState === "visible") {
        unseen = 0;
        document.title = original;
      }
    },
    { signal },
  );

  const canNotify = (): boolean =>
    "Notification" in window && Notification.permission === "granted";
  button.hidden = !("Notification" in window) || Notification.permission !== "default";
  button.addEventListener("click", async () => {
    await Notification.requestPermission();
    button.hidden = true;
  });

  function agentMessage(name: string | undefined, text: string): void {
    if (document.visibilityState === "visible") return;
    unseen += 1;
    const headline = t("newMessageTitle", { name });
    document.title = `(${unseen}) ${headline} – ${original}`;
    if (canNotify()) {
      const note = new Notification(headline, {
        body: text.slice(0, 200),
        tag: "connect-chat-starter",
      });
      note.addEventListener("click", () => {
        window.focus();
        note.close();
      });
    }
  }

  return { agentMessage };
}
