// A tiny element builder for the popup and options pages. Text goes in with textContent only:
// strings from the API or the page never become markup.

/** el("a", {href, class: "x", dataset: {a: 1}}, "text", childNode, ...) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = String(value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An external link that opens in a new tab, or plain text when the URL is not http(s). */
export function link(label, href) {
  if (!href) return el('span', {}, label);
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}
