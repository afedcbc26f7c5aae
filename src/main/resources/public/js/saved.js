// "Save this search": the search on screen (its q, filters and dates, read from the page's URL) saved with the
// write token, then followed through its Atom feed or a webhook. Lists the saved searches with their feed links.
import {el, plural} from './dom.js';
import {describeFilters, readState} from './state.js';

const $ = id => document.getElementById(id);

/** The saved-search body for the search the page shows. */
function savedSearchOf(state, name, webhook) {
  const body = {name, q: state.q, filters: state.filters};
  for (const key of ['date', 'from', 'to']) if (state[key]) body[key] = state[key];
  if (webhook) body.webhook = webhook;
  return body;
}

function say(text, {error = false, link = null} = {}) {
  const status = $('save-status');
  status.classList.toggle('error', error);
  status.replaceChildren(text, link ? ' ' : '', link ?? '');
}

async function answerOf(res) {
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body ? `${body.error}: ${body.detail}` : `Error ${res.status}`);
  return body;
}

async function loadList() {
  const list = $('saved-list');
  try {
    const {saved_searches: searches} = await answerOf(await fetch('/api/saved-searches', {headers: {Accept: 'application/json'}}));
    list.replaceChildren(...searches.map(s => el('li', {dataset: {id: s.id}},
      el('a', {href: s.page}, s.name),
      el('span', {class: 'muted'}, plural(s.matches, 'new match', 'new matches')),
      el('a', {class: 'feed', href: s.feed, type: 'application/atom+xml'}, 'Atom feed'))));
    if (!searches.length) list.replaceChildren(el('li', {class: 'muted'}, 'None yet.'));
  } catch (e) {
    list.replaceChildren(el('li', {class: 'muted'}, e.message));
  }
}

$('save-open').addEventListener('click', e => {
  const panel = $('save-panel');
  panel.hidden = !panel.hidden;
  e.currentTarget.setAttribute('aria-expanded', String(!panel.hidden));
  if (panel.hidden) return;
  const state = readState();
  if (!$('save-name').value) $('save-name').value = state.q || describeFilters(state.filters) || 'All articles';
  say('');
  loadList();
  $('save-name').focus();
});

$('save-form').addEventListener('submit', async e => {
  e.preventDefault();
  const body = savedSearchOf(readState(), $('save-name').value.trim(), $('save-webhook').value.trim());
  say('Saving…');
  try {
    const res = await fetch('/api/saved-searches', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${$('save-token').value.trim()}`},
      body: JSON.stringify(body),
    });
    const saved = await answerOf(res);
    say(`Saved “${saved.name}”. Follow it:`, {link: el('a', {id: 'saved-feed', href: saved.feed, type: 'application/atom+xml'}, 'Atom feed')});
    loadList();
  } catch (err) {
    say(err.message, {error: true});
  }
});
