// How the widget shows itself, set by the page before it mounts (connectChat("init", {…}) in
// the snippet, or the package's mount()): the launcher or none (programmatic only), open on
// load, a name to fill in, a signed-in customer who is not asked for a name; the corner,
// the colour scheme and the launcher's label.

export interface LaunchOptions {
  launcher: boolean; // false: no launcher button; the page opens the chat itself
  openOnLoad: boolean;
  name: string | null; // filled into the pre-chat form
  signedIn: boolean; // with a name: the form asks for nothing, only "Start chat"
  position: "right" | "left"; // the corner (offsets: --chat-offset-x/-y on the host)
  theme: "light" | "dark" | "auto"; // auto: the visitor's prefers-color-scheme
  label: string | null; // the launcher's text, else "Chat with us" in the chat's language
}

export const LAUNCH_DEFAULTS: LaunchOptions = {
  launcher: true,
  openOnLoad: false,
  name: null,
  signedIn: false,
  position: "right",
  theme: "light",
  label: null,
};

// The page's options over the defaults; values of the wrong type are ignored.
export function launchOptions(
  given: unknown,
  over: LaunchOptions = LAUNCH_DEFAULTS,
): LaunchOptions {
  if (typeof given !== "object" || given === null) return over;
  const { launcher, openOnLoad, name, signedIn, position, theme, label } = given as Record<
    string,
    unknown
  >;
  const flag = (value: unknown, fallback: boolean): boolean =>
    typeof value === "boolean" ? value : fallback;
  return {
    launcher: flag(launcher, over.launcher),
    openOnLoad: flag(openOnLoad, over.openOnLoad),
    name: typeof name === "string" && name.trim() ? name.trim() : over.name,
    signedIn: flag(signedIn, over.signedIn),
    position: position === "left" || position === "right" ? position : over.position,
    theme: theme === "light" || theme === "dark" || theme === "auto" ? theme : over.theme,
    label: typeof label === "string" && label.trim() ? label.trim() : over.label,
  };
}
