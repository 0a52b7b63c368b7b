// Message text as the chat shows it. text/markdown: parsed by marked, raw HTML and images
// shown as the text they are, then sanitised by DOMPurify down to a few formatting elements;
// links keep only http(s)/mailto/tel targets and open in a new tab without an opener.
// text/plain: text nodes, with web addresses made into the same safe links. Either way what
// would reorder the text is shown as a marker (strings.ts visibleInText).
import DOMPurify from "dompurify";
import { Marked, type Tokens } from "marked";
import { visibleInText } from "./strings.js";

const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeLink(anchor: HTMLAnchorElement): void {
  const href = anchor.getAttribute("href") || "";
  if (!SAFE_LINK.test(href.trim())) {
    anchor.replaceWith(...anchor.childNodes); // keep the words, lose the target
    return;
  }
  anchor.target = "_blank";
  anchor.rel = "noopener noreferrer";
}

export interface RichText {
  fromMarkdown(text: string): DocumentFragment;
  fromPlainText(text: string): DocumentFragment;
}

export function createRichText(): RichText {
  const markdown = new Marked({ gfm: true, breaks: true });
  markdown.use({
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.raw ?? token.text), // raw HTML is text, never markup
      image: (token: Tokens.Image) => escapeHtml(token.text || ""), // no images: their alt text
    },
  });
  const purify = DOMPurify(window); // our own instance: hooks or settings elsewhere don't apply

  function fromMarkdown(text: string): DocumentFragment {
    const html = markdown.parse(visibleInText(text), { async: false });
    const fragment = purify.sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR: ["href"],
      RETURN_DOM_FRAGMENT: true,
    });
    for (const anchor of fragment.querySelectorAll("a")) safeLink(anchor);
    return fragment;
  }

  function fromPlainText(given: string): DocumentFragment {
    const text = visibleInText(given);
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(WEB_ADDRESS)) {
      const start = match.index ?? 0;
      fragment.append(text.slice(last, start));
      const anchor = document.createElement("a");
      anchor.href = match[0];
      anchor.textContent = match[0];
      safeLink(anchor);
      fragment.append(anchor);
      last = start + match[0].length;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  return { fromMarkdown, fromPlainText };
}
