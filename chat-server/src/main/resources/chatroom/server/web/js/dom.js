// Small DOM helpers. Everything users wrote goes on the page as text nodes, never as HTML.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * A new element: props set attributes (`class`, `text` for textContent, `dataset`, `on<event>`
 * listeners); children are nodes or strings (strings become text nodes).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** A line of an inline error next to a control; empty text hides it. */
export function showError(id, text) {
  const node = $(id);
  node.textContent = text || '';
  node.hidden = !text;
}
