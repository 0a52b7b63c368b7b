// What the loader (loader.ts, the stable widget.js) and the full bundle (widget.ts) share on
// window under a registry symbol: the loader's launcher, which the full bundle takes over.
const LOADER = Symbol.for("connect-chat-starter.loader");

export interface LoaderState {
  host: HTMLElement | null; // the loader's launcher, until the full widget takes over
  loading: boolean; // the full bundle's tag is in the page
  saidReady: boolean; // "ready" was the loader's: the widget taking over does not say it again
}

export function loaderState(): LoaderState {
  const holder = window as unknown as Record<symbol, LoaderState | undefined>;
  let state = holder[LOADER];
  if (!state) {
    state = { host: null, loading: false, saidReady: false };
    holder[LOADER] = state;
  }
  return state;
}

// The full widget is on the page: the loader's launcher goes in the same task, so no frame
// shows two launchers or none.
export function takeOverLauncher(): void {
  const state = loaderState();
  state.host?.remove();
  state.host = null;
  state.loading = false; // a snippet run again after a body swap loads it again
}

// Whether the mounted widget should say "ready": not if the loader's launcher it took over
// said it already (once per mount).
export function readyToSay(): boolean {
  const state = loaderState();
  const said = state.saidReady;
  state.saidReady = false;
  return !said;
}
