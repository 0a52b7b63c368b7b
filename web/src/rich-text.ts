// Message text as the chat shows it. text/markdown: parsed by marked, raw HTML and images
// shown as the text they are, then sanitised by DOMPurify down to a few formatting elements;
// links keep only http(s)/mailto/tel targets and open in a new tab without an opener.
// text/plain: text nodes, with web addresses made into the same safe links. The libraries
// come from the caller (the page imports them from vendor/, the widget bundle from npm).
const ALLOWED_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
                      "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr",
                      "th", "td"];
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeLink(anchor) {
  const href = anchor.getAttribute("href") || "";
  if (!SAFE_LINK.test(href.trim())) {
    anchor.replaceWith(...anchor.childNodes);  // keep the words, lose the target
    return;
  }
  anchor.target = "_blank";
  anchor.rel = "noopener noreferrer";
}

export function createRichText({ Marked, DOMPurify }) {
  const markdown = new Marked({ gfm: true, breaks: true });
  markdown.use({
    renderer: {
      html: (token) => escapeHtml(token.raw ?? token.text),  // raw HTML is text, never markup
      image: (token) => escapeHtml(token.text || ""),  // no images: their alt text
    },
  });
  const purify = DOMPurify(window);  // our own instance: hooks or settings elsewhere don't apply

  function fromMarkdown(text) {
    const html = markdown.parse(text, { async: false });
    const fragment = purify.sanitize(html, {
      ALLOWED_TAGS, ALLOWED_ATTR: ["href"], RETURN_DOM_FRAGMENT: true,
    });
    fragment.querySelectorAll("a").forEach(safeLink);
    return fragment;
  }

  function fromPlainText(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(WEB_ADDRESS)) {
      fragment.append(text.slice(last, match.index));
      const anchor = document.createElement("a");
      anchor.href = match[0];
      anchor.textContent = match[0];
      safeLink(anchor);
      fragment.append(anchor);
      last = match.index + match[0].length;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  return { fromMarkdown, fromPlainText };
}
