// Building the page from untrusted data: every string becomes a text node; the only HTML ever parsed is the
// server's highlighted text, and from that only <mark> survives.

/**
 * Makes an element. Attributes whose name starts with "on" are event listeners; `class`, `dataset` and `style`
 * (an object of CSS properties) are set through the DOM; children that are strings become text, never HTML.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) e.addEventListener(name.slice(2), value);
    else if (name === 'class') e.className = value;
    else if (name === 'dataset') Object.assign(e.dataset, value);
    else if (name === 'style') for (const [p, v] of Object.entries(value)) e.style.setProperty(p, v);
    else e.setAttribute(name, value === true ? '' : value);
  }
  e.append(...children.flat(Infinity).filter(c => c != null && c !== false));
  return e;
}

/**
 * The server's highlighted text (escaped article text with <mark> around matches) as DOM nodes. It is parsed in
 * an inert <template> (nothing in it loads or runs) and rebuilt from text nodes and <mark>s only, so even a
 * server bug could not bring markup of an article into the page.
 */
export function marked(html) {
  const template = document.createElement('template');
  template.innerHTML = html ?? '';
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    out.append(node.nodeName === 'MARK' ? el('mark', {}, node.textContent) : document.createTextNode(node.textContent));
  }
  return out;
}

/** Wraps the words of `text` that start with one of `terms` (lower case) in <mark>, as DOM nodes. */
export function markTerms(text, terms) {
  const out = document.createDocumentFragment();
  if (!terms.length) {
    out.append(text);
    return out;
  }
  const word = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(word)) {
    const lower = m[0].toLowerCase();
    if (terms.some(t => lower.startsWith(t))) {
      out.append(text.slice(last, m.index), el('mark', {}, m[0]));
      last = m.index + m[0].length;
    }
  }
  out.append(text.slice(last));
  return out;
}

/** Only web links are followed: a corpus could hold a javascript: URL. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});
const longDayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});

/** Dates are shown in UTC, the time zone the date facet is built in. */
export function formatDay(iso, long = false) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : (long ? longDayFormat : dayFormat).format(d);
}

export function monthName(month, style = 'long') {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(undefined, {month: style, timeZone: 'UTC'});
}

export function plural(n, one, many = one + 's') {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
