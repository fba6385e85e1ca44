// Clickable links built as DOM nodes: http and https only, opened without giving the page away.
import { el } from './dom.js';

const URL_PATTERN = /https?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The text as text nodes, with each http(s) URL in it as a safe link. */
export function linkified(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const url = safeUrl(raw);
    if (!url) continue;
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    nodes.push(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: raw }));
    last = match.index + raw.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}
