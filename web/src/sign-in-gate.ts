// An environment that starts chats only for a signed-in customer (config.json's signIn) and a
// visitor with no sign-in token (no getToken hook, or it gives nothing): instead of a form
// the API could only refuse, "Sign in to chat", a link to the site's sign-in page
// (config.json's signInUrl) when there is one. No chat is started.
import type { ChatConfig } from "./config.js";
import { signInToken } from "./start-chat.js";
import type { Translate } from "./strings.js";
import type { ChatElements } from "./template.js";

const ID = "signInGate";

// True while the visitor must sign in first; asked again, a token now there lifts it.
export async function signInGate(
  el: ChatElements,
  config: ChatConfig,
  t: Translate,
): Promise<boolean> {
  const needed = config.signIn && !(await signInToken().catch(() => null));
  const shown = el.root.getElementById(ID);
  if (needed && !shown) {
    const note = document.createElement("p");
    note.id = ID;
    note.textContent = `${t("signInNeeded")} `;
    const link = document.createElement("a");
    link.href = config.signInUrl ?? "";
    link.textContent = t("signIn");
    note.append(config.signInUrl ? link : t("signIn"));
    el.prechat.after(note);
    if (el.prechat.contains(el.root.activeElement)) link.focus(); // not lost with the form
  } else if (!needed && shown) {
    shown.remove();
  } else return needed;
  el.prechat.hidden = needed;
  return needed;
}
