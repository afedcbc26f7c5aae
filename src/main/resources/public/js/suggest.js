// Autocomplete under the search box: titles (open the article) and facet values (select the filter) from
// GET /api/suggest, as an ARIA combobox. Arrow keys move through the list while it is open, Enter chooses,
// Escape closes; the list never takes the focus from the search box.
import {el, marked} from './dom.js';

const DEBOUNCE_MS = 150;
const SHOWN = 8;

/**
 * @param input the search box
 * @param list the listbox element
 * @param choose called with a suggestion the person chose
 * @param labelOf a dimension's label, for the kind shown beside a value
 */
export function attachSuggestions(input, list, {choose, labelOf}) {
  let items = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let seq = 0;

  function close() {
    clearTimeout(timer);
    controller?.abort();
    items = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function draw() {
    list.replaceChildren(...items.map((s, i) => el('li', {
      id: `suggestion-${i}`, role: 'option', class: i === active ? 'active' : null,
      'aria-selected': String(i === active), dataset: {kind: s.kind, index: String(i)},
      onmousedown: e => e.preventDefault(), // keep the focus in the search box
      onclick: () => pick(i),
    },
    el('span', {class: 's-text'}, marked(s.html)),
    el('span', {class: 's-kind'}, s.kind === 'title' ? 'Article' : labelOf(s.dimension)))));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function pick(i) {
    const chosen = items[i];
    close();
    if (chosen) choose(chosen);
  }

  async function lookup(text) {
    controller?.abort();
    controller = new AbortController();
    const mine = ++seq;
    try {
      const res = await fetch(`/api/suggest?${new URLSearchParams({q: text, size: String(SHOWN)})}`,
        {signal: controller.signal, headers: {Accept: 'application/json'}});
      if (!res.ok) return;
      const body = await res.json();
      if (mine !== seq || document.activeElement !== input || input.value.trim() !== text) return;
      items = body.suggestions ?? [];
      active = -1;
      draw();
    } catch (e) {
      // Autocomplete is a help: when it cannot answer, the search box works as before.
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      close();
      return;
    }
    timer = setTimeout(() => lookup(text), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', e => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      const n = items.length;
      active = e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
      draw();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      e.stopPropagation();
      pick(active);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  });

  input.addEventListener('blur', close);
  input.form?.addEventListener('submit', close);
  return {close};
}
