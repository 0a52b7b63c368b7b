// How the widget shows itself, set by the page before it mounts (connectChat("init", {…}) in
// the snippet, or the package's mount()): the launcher or none (programmatic only), open on
// load, a name to fill in, and a signed-in customer who is not asked for a name.

export interface LaunchOptions {
  launcher: boolean; // false: no launcher button; the page opens the chat itself
  openOnLoad: boolean;
  name: string | null; // filled into the pre-chat form
  signedIn: boolean; // with a name: the form asks for nothing, only "Start chat"
}

export const LAUNCH_DEFAULTS: LaunchOptions = {
  launcher: true,
  openOnLoad: false,
  name: null,
  signedIn: false,
};

// The page's options over the defaults; values of the wrong type are ignored.
export function launchOptions(
  given: unknown,
  over: LaunchOptions = LAUNCH_DEFAULTS,
): LaunchOptions {
  if (typeof given !== "object" || given === null) return over;
  const { launcher, openOnLoad, name, signedIn } = given as Record<string, unknown>;
  const flag = (value: unknown, fallback: boolean): boolean =>
    typeof value === "boolean" ? value : fallback;
  return {
    launcher: flag(launcher, over.launcher),
    openOnLoad: flag(openOnLoad, over.openOnLoad),
    name: typeof name === "string" && name.trim() ? name.trim() : over.name,
    signedIn: flag(signedIn, over.signedIn),
  };
}
