// A shop's React app using the widget's npm package as its docs say: mount in an effect,
// destroy in its cleanup, its events into React state, startChat from the app's own button.
import { type ChatEventMap, destroy, mount, off, on, startChat } from "connect-chat-starter-widget";
import { useEffect, useState } from "react";

// What the test reads to know StrictMode's mount, cleanup, mount happened (a development build).
let effectRuns = 0;

type Heard = {
  [E in keyof ChatEventMap]: { event: E; detail: ChatEventMap[E] };
}[keyof ChatEventMap];

export function App({ config }: { config: string }) {
  const [heard, setHeard] = useState<Heard[]>([]);
  const [contactId, setContactId] = useState<string | null>(null);

  useEffect(() => {
    effectRuns += 1;
    document.body.dataset.widgetEffects = String(effectRuns);
    void mount({ config, launcher: true });
    return () => destroy();
  }, [config]);

  useEffect(() => {
    const started = (detail: ChatEventMap["chat-started"]) => {
      setContactId(detail.contactId);
      setHeard((all) => [...all, { event: "chat-started", detail }]);
    };
    const message = (detail: ChatEventMap["message"]) =>
      setHeard((all) => [...all, { event: "message", detail }]);
    const ended = (detail: ChatEventMap["chat-ended"]) =>
      setHeard((all) => [...all, { event: "chat-ended", detail }]);
    on("chat-started", started);
    on("message", message);
    on("chat-ended", ended);
    return () => {
      off("chat-started", started);
      off("message", message);
      off("chat-ended", ended);
    };
  }, []);

  return (
    <main>
      <h1>Shop</h1>
      <button type="button" onClick={() => void startChat({ name: "Ada" })}>
        Ask us
      </button>
      <p>
        Contact: <output aria-label="Contact">{contactId ?? "none"}</output>
      </p>
      <ol aria-label="Widget events">
        {heard.map(({ event, detail }, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows
          <li key={index}>
            {event} {JSON.stringify(detail)}
          </li>
        ))}
      </ol>
    </main>
  );
}
