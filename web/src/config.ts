// The widget's configuration: the tag's data attributes when it has them (a self-hosted
// widget.js), else config.json beside the script (what the stack writes at deploy time, so
// the CDN's one tag needs no attributes).
export function configFromTag(script) {
  const data = script.dataset;
  if (!data.startChatUrl) return null;
  return {
    startChatUrl: data.startChatUrl,
    region: data.region || "us-east-1",
    participantEndpoint: data.participantEndpoint || null,
    botCheck: data.botCheckSiteKey
      ? { provider: data.botCheckProvider || "turnstile", siteKey: data.botCheckSiteKey }
      : null,
    attachments: { enabled: false },  // Connect's policy comes only with config.json
    language: data.lang || null,
  };
}

export async function widgetConfig(script, base) {
  const fromTag = configFromTag(script);
  if (fromTag) return fromTag;
  const response = await fetch(new URL("config.json", base), { credentials: "omit" });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const file = await response.json();
  return {
    startChatUrl: file.startChatUrl,
    region: file.region || "us-east-1",
    participantEndpoint: file.participantEndpoint || null,
    botCheck: file.botCheck || null,
    attachments: file.attachments || { enabled: false },
    language: script.dataset.lang || null,
  };
}
