// The message box: as tall as its text up to five lines (then it scrolls), and Enter sends
// where there is a keyboard. On a touch screen Enter is a new line and Send sends: a phone's
// return key is where people start a new line, and a message sent half-written is worse
// than one more tap. The placeholder says which.
import type { Translate } from "./strings.js";

const MAX_ROWS = 5;

export function wireComposer(box: HTMLTextAreaElement, form: HTMLFormElement, t: Translate): void {
  const touch = matchMedia("(pointer: coarse)");
  const placeholder = (): void => {
    box.placeholder = t(touch.matches ? "typeMessageTouch" : "typeMessage");
  };
  placeholder();
  touch.addEventListener("change", placeholder);
  // rows, not a height: no style attribute for a strict CSP to weigh
  const fit = (): void => {
    box.rows = 1; // an empty box too: Chromium counts a wrapped placeholder's lines
    while (box.value && box.scrollHeight > box.clientHeight && box.rows < MAX_ROWS) box.rows++;
  };
  box.addEventListener("input", fit);
  form.addEventListener("submit", () => setTimeout(fit)); // after the send empties it
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !touch.matches) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
