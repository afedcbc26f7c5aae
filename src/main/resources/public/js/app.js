// The search page: reads its state from the URL, asks the JSON API, and draws results, facets and timeline.
// Facets are drawn from the answer's `facets` list, so a corpus profile with other dimensions needs no change here.
import {el, formatDay, marked, plural} from './dom.js';
import {apiParams, compareOf, hasFilters, isSelected, pageUrl, readState, refine, sortOf, withFilter, withoutFilters} from './state.js';
import {renderCompare} from './compare.js';
import {renderTimeline, timelineModel} from './timeline.js';
import {queryTerms, renderArticle} from './article.js';
import {attachSuggestions} from './suggest.js';
import './saved.js';

const $ = id => document.getElementById(id);
const TYPING_DEBOUNCE_MS = 250;
/** Values listed per facet before "Show more". */
const FACET_VALUES_SHOWN = 8;

let state = readState();
let dimensions = new Map(); // facet name -> {label, colour}, from the last answer
let lastAnswer = null;
let shownSearch = null; // the search the result list shows or is loading
let searchSeq = 0;
/** Settles when the latest search has been drawn (the article view waits for it: its chips need the labels). */
let searched = Promise.resolve();
let inFlight = null;
let typingTimer = null;
let articleShown = null;
let listScroll = 0;
const expandedFacets = new Set();
/** Value search inside a facet: dimension -> {prefix, values (null while loading)}. */
const facetFinds = new Map();
const FACET_FIND_DEBOUNCE_MS = 200;
let facetFindTimer = null;
let findsCountedFor = null;

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `Error ${status}`);
    this.status = status;
    this.detail = body?.detail ?? '';
  }
}

async function api(path, signal) {
  let res;
  try {
    res = await fetch(path, {signal, headers: {Accept: 'application/json'}});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, {error: 'Cannot reach the search service', detail: 'Check that it is running, then try again.'});
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// ---- navigation: every change of state is a change of URL -------------------------------------------------

function go(next, {replace = false, typing = false, fromList = false} = {}) {
  const url = pageUrl(next);
  if (!state.article && next.article) listScroll = window.scrollY;
  state = next;
  if (url !== location.pathname + location.search) {
    history[replace ? 'replaceState' : 'pushState']({typing, fromList}, '', url);
  }
  show();
}

function show() {
  syncControls();
  const params = apiParams(state).toString();
  if (params !== shownSearch) {
    shownSearch = params;
    searched = search(state);
  }
  const comparing = state.view === 'compare';
  $('compare-view').hidden = !comparing;
  if (comparing) {
    $('search-view').hidden = true;
    $('article-view').hidden = true;
    articleShown = null;
    document.title = 'Compare coverage – Newsroom search';
    renderCompare(state, $('compare-view'), {go, api});
    return;
  }
  const reading = Boolean(state.article);
  $('search-view').hidden = reading;
  $('article-view').hidden = !reading;
  if (reading) {
    openArticle(state.article);
  } else {
    if (articleShown) window.scrollTo(0, listScroll);
    articleShown = null;
    document.title = state.q ? `${state.q} – Newsroom search` : 'Newsroom search';
  }
}

function syncControls() {
  const q = $('q');
  if (!typingTimer && q.value.trim() !== state.q) q.value = state.q;
  $('sort').value = sortOf(state);
  $('collapse').checked = state.collapse === 'story';
  $('from').value = state.from;
  $('to').value = state.to;
}

/** Same-page links (articles, pages) are followed without a reload; a modified click opens a tab as usual. */
document.addEventListener('click', e => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  go(readState(new URL(a.href).search), {fromList: a.dataset.nav === 'article' && !state.article});
  if (a.dataset.nav === 'page') {
    window.scrollTo(0, 0);
    $('results').focus({preventScroll: true});
  }
});

window.addEventListener('popstate', () => {
  clearTimeout(typingTimer);
  typingTimer = null;
  state = readState();
  show();
});

// ---- searching -------------------------------------------------------------------------------------------

async function search(s) {
  inFlight?.abort();
  const controller = (inFlight = new AbortController());
  const seq = ++searchSeq;
  $('results').setAttribute('aria-busy', 'true');
  try {
    const answer = await api('/api/search?' + apiParams(s), controller.signal);
    if (seq !== searchSeq) return;
    lastAnswer = answer;
    dimensions = new Map(answer.facets.map((f, i) => [f.name, {label: f.label, colour: i % 6}]));
    document.body.classList.remove('stale');
    renderFacets(s, answer.facets);
    renderActiveFilters(s);
    renderResults(s, answer);
    renderPager(s, answer);
    renderTools(s, answer);
    drawTimeline(s, answer, controller.signal, seq);
    loadTerms(s, controller.signal, seq);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== searchSeq) return;
    renderError(s, e);
  } finally {
    if (seq === searchSeq) $('results').setAttribute('aria-busy', 'false');
  }
}

function renderError(s, e) {
  document.body.classList.add('stale');
  renderActiveFilters(s);
  $('status').textContent = '';
  $('pager').replaceChildren();
  $('results').replaceChildren(
    el('div', {class: 'message error-state', role: 'alert'},
      el('h2', {}, e.message),
      e.detail ? el('p', {class: 'detail'}, e.detail) : null,
      el('p', {}, e.status === 400
        ? 'Change the search above (the search tips show the syntax) or remove a filter.'
        : 'Try again in a moment.')));
}

// ---- facets ----------------------------------------------------------------------------------------------

function label(dim) {
  return dimensions.get(dim)?.label ?? dim;
}

/** Re-draws `container` and gives the focus back to the control that had it, so the keyboard keeps its place. */
function keepFocus(container, draw) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focusKey : null;
  draw();
  const again = key ? container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`) : null;
  if (again) {
    again.focus();
    // A text box drawn again keeps its caret at the end of what was typed.
    if (again.type === 'search') again.setSelectionRange(again.value.length, again.value.length);
  }
}

function renderFacets(s, facets) {
  const flat = facets.filter(f => !f.hierarchical);
  renderFieldNames(flat);
  keepFocus($('facets'), () => $('facets').replaceChildren(...flat.map(f => facetGroup(s, f))));
  // Values found inside a facet are counted over the search: a new search counts them again.
  if (s !== findsCountedFor) {
    findsCountedFor = s;
    for (const [dim, find] of facetFinds) {
      if (find.prefix && flat.some(f => f.name === dim)) loadFacetValues(dim, find.prefix);
    }
  }
  const selected = Object.values(s.filters).flat().length + (s.date || s.from || s.to ? 1 : 0);
  $('filters-count').textContent = selected ? `(${selected})` : '';
}

/** The search tips name the fields a query can search: title and body, and the index's own dimensions. */
function renderFieldNames(flat) {
  const names = ['title', 'body', ...flat.map(f => f.name)];
  const list = names.flatMap((name, i) => [...(i ? [', '] : []), el('code', {}, name)]);
  $('field-names').replaceChildren(...list);
}

function facetGroup(s, facet) {
  const find = facetFinds.get(facet.name);
  const finding = Boolean(find?.prefix);
  const expanded = expandedFacets.has(facet.name);
  const values = finding
    ? (find.values ?? facet.values.filter(v => isSelected(s, facet.name, v.value)))
    : expanded
      ? facet.values
      : facet.values.filter((v, i) => i < FACET_VALUES_SHOWN || isSelected(s, facet.name, v.value));
  const colour = dimensions.get(facet.name)?.colour ?? 0;
  // A long facet (more values than are listed at first) can be searched by the start of a value's words.
  const searchable = finding || facet.values.length > FACET_VALUES_SHOWN;
  return el('fieldset', {class: `facet c${colour}`, dataset: {facet: facet.name}},
    el('legend', {}, facet.label),
    searchable ? el('input', {
      type: 'search', class: 'facet-find', value: find?.prefix ?? '', autocomplete: 'off', spellcheck: 'false',
      placeholder: `Find ${facet.label.toLowerCase()}…`, 'aria-label': `Find a value of ${facet.label}`,
      dataset: {focusKey: `${facet.name}:find`},
      oninput: e => findFacetValues(facet.name, e.target.value),
    }) : null,
    finding && find.values && find.values.length === 0
      ? el('p', {class: 'facet-none'}, `No ${facet.label.toLowerCase()} starts with “${find.prefix}”`)
      : facet.values.length === 0
      ? el('p', {class: 'facet-none'}, 'None in these results')
      : el('ul', {}, values.map(v => el('li', {},
          el('label', {class: 'facet-value'},
            el('input', {
              type: 'checkbox', value: v.value, checked: isSelected(s, facet.name, v.value),
              dataset: {focusKey: `${facet.name}:${v.value}`},
              onchange: e => go(withFilter(state, facet.name, v.value, e.target.checked)),
            }),
            el('span', {class: 'facet-name'}, v.value),
            el('span', {class: 'facet-count'}, v.count.toLocaleString()))))),
    !finding && (expanded || values.length < facet.values.length)
      ? el('button', {
          type: 'button', class: 'link facet-more', 'aria-expanded': String(expanded),
          dataset: {focusKey: `${facet.name}:more`},
          onclick: () => {
            expanded ? expandedFacets.delete(facet.name) : expandedFacets.add(facet.name);
            renderFacets(state, lastAnswer.facets);
          },
        }, expanded ? 'Show fewer' : `Show ${facet.values.length - values.length} more`)
      : null);
}

/** Asks the API for the values of `dim` a word of which starts with `prefix`, counted over the same search. */
function findFacetValues(dim, prefix) {
  clearTimeout(facetFindTimer);
  const text = prefix.trim();
  if (!text) {
    facetFinds.delete(dim);
    renderFacets(state, lastAnswer.facets);
    return;
  }
  facetFinds.set(dim, {prefix: text, values: facetFinds.get(dim)?.prefix === text ? facetFinds.get(dim).values : null});
  facetFindTimer = setTimeout(() => loadFacetValues(dim, text), FACET_FIND_DEBOUNCE_MS);
}

async function loadFacetValues(dim, prefix) {
  const params = apiParams(state);
  for (const key of ['sort', 'page', 'size']) params.delete(key);
  params.set('prefix', prefix);
  params.set('size', '50');
  try {
    const body = await api(`/api/facets/${encodeURIComponent(dim)}?${params}`);
    if (facetFinds.get(dim)?.prefix !== prefix) return;
    facetFinds.set(dim, {prefix, values: body.values});
    renderFacets(state, lastAnswer.facets);
  } catch (e) {
    if (e.name !== 'AbortError') facetFinds.set(dim, {prefix, values: []});
  }
}

function describeDate(date) {
  const [y, m, d] = date.split('/');
  if (!m) return y;
  const month = new Date(Date.UTC(+y, +m - 1, +(d ?? 1))).toLocaleString(undefined, {month: 'long', timeZone: 'UTC'});
  return d ? `${+d} ${month} ${y}` : `${month} ${y}`;
}

function renderActiveFilters(s) {
  const remove = (text, next) => el('button', {
    type: 'button', class: 'chip removable', 'aria-label': `Remove filter ${text}`, title: 'Remove this filter',
    onclick: () => go(next),
  }, text, el('span', {class: 'x', 'aria-hidden': 'true'}, '×'));
  const chips = [];
  for (const [dim, values] of Object.entries(s.filters)) {
    for (const v of values) chips.push(remove(`${label(dim)}: ${v}`, withFilter(s, dim, v, false)));
  }
  if (s.date) chips.push(remove(`Date: ${describeDate(s.date)}`, refine(s, {date: ''})));
  if (s.from) chips.push(remove(`From ${formatDay(s.from) ?? s.from}`, refine(s, {from: ''})));
  if (s.to) chips.push(remove(`To ${formatDay(s.to) ?? s.to}`, refine(s, {to: ''})));
  if (s.story) chips.push(remove('Copies of one story', refine(s, {story: ''})));
  if (chips.length) {
    chips.push(el('button', {type: 'button', class: 'link clear-all', onclick: () => go(withoutFilters(state))}, 'Clear all'));
  }
  $('active-filters').replaceChildren(...chips);
  $('active-filters').hidden = chips.length === 0;
}

/** Entity chips of an article, grouped by dimension: each is a filter; a selected one is pressed and unselects. */
function entityChips(labels) {
  const dims = [...dimensions.keys()].filter(dim => labels[dim]?.length);
  if (!dims.length) return null;
  return el('ul', {class: 'entities', 'aria-label': 'Tagged'}, dims.map(dim => {
    const {colour} = dimensions.get(dim);
    return el('li', {class: `entity-group c${colour}`},
      el('span', {class: 'entity-dim'}, label(dim)),
      labels[dim].map(value => {
        const selected = isSelected(state, dim, value);
        return el('button', {
          type: 'button', class: 'chip entity', 'aria-pressed': String(selected),
          title: `${selected ? 'Remove filter' : 'Filter by'} ${label(dim)}: ${value}`,
          onclick: () => go(withFilter(state, dim, value, !selected)),
        }, value);
      }));
  }));
}

// ---- results ---------------------------------------------------------------------------------------------

/** What the pages count: stories when hits are collapsed into stories, else articles. */
function shownTotal(answer) {
  return state.collapse === 'story' && answer.stories != null ? answer.stories : answer.total;
}

function renderResults(s, answer) {
  const took = `${answer.took_ms} ms`;
  const pages = answer.size ? Math.ceil(shownTotal(answer) / answer.size) : 1;
  $('status').replaceChildren(
    answer.stories != null
      ? el('strong', {}, plural(answer.stories, 'story', 'stories'), ` (${plural(answer.total, 'article')})`)
      : el('strong', {}, plural(answer.total, 'article')),
    s.q ? el('span', {}, ' for ', el('span', {class: 'q-echo'}, s.q.includes('"') ? s.q : `“${s.q}”`))
      : hasFilters(s) ? ' match the filters' : ' in the index',
    pages > 1 ? ` · page ${s.page} of ${pages.toLocaleString()}` : '',
    el('span', {class: 'took'}, ` · ${took}`));

  const results = $('results');
  const respelled = didYouMean(answer);
  if (answer.total === 0) {
    results.replaceChildren(...[respelled, noResults(s)].filter(Boolean));
    return;
  }
  const intro = !s.q && !hasFilters(s) && s.page === 1 ? welcome(answer) : null;
  results.replaceChildren(...[respelled, intro, ...answer.hits.map(hit => hitView(s, hit))].filter(Boolean));
}

/** "Did you mean …?" when the query found little and the index knows a spelling that finds more. */
function didYouMean(answer) {
  const [best] = answer.did_you_mean ?? [];
  if (!best) return null;
  return el('p', {class: 'did-you-mean', id: 'did-you-mean'}, 'Did you mean ',
    el('button', {type: 'button', class: 'link', onclick: () => go(refine(state, {q: best.query}))}, best.query),
    ` (${plural(best.total, 'article')})?`);
}

function hitView(s, hit) {
  const when = formatDay(hit.published);
  const snippets = hit.snippets ?? [];
  return el('article', {class: 'hit', dataset: {id: hit.id}},
    el('h3', {class: 'hit-title'},
      el('a', {href: pageUrl({...s, article: hit.id}), dataset: {nav: 'article'}},
        hit.title_html ? marked(hit.title_html) : hit.title || hit.id)),
    el('p', {class: 'hit-meta'},
      hit.source && dimensions.has('source')
        ? el('button', {type: 'button', class: 'link source', title: `Filter by source: ${hit.source}`,
            onclick: () => go(withFilter(state, 'source', hit.source, true))}, hit.source)
        : hit.source,
      when ? el('time', {datetime: hit.published}, when) : null),
    snippets.length
      ? el('p', {class: 'snippet'}, snippets.flatMap((html, i) => (i ? [' … ', marked(html)] : [marked(html)])))
      : null,
    hit.story && hit.story.copies > 1 ? storyCopies(s, hit.story) : null,
    entityChips(hit.labels ?? {}));
}

/** "Ran in N outlets" under a collapsed hit, with its copies listed on demand and a link to all of them. */
function storyCopies(s, story) {
  const list = el('ol', {class: 'copies', id: `copies-${story.id}`, hidden: true},
    ...story.shown.map(c => el('li', {},
      el('span', {class: 'source'}, c.source ?? ''), ' ',
      c.published ? el('time', {datetime: c.published}, formatDay(c.published)) : null, ' ',
      el('a', {href: pageUrl({...s, article: c.id}), dataset: {nav: 'article'}}, c.title || c.id))));
  const toggle = el('button', {type: 'button', class: 'link show-copies', 'aria-expanded': 'false',
    'aria-controls': list.id, onclick: () => {
      list.hidden = !list.hidden;
      toggle.setAttribute('aria-expanded', String(!list.hidden));
      toggle.textContent = list.hidden ? `Show ${plural(story.copies, 'copy', 'copies')}` : 'Hide copies';
    }}, `Show ${plural(story.copies, 'copy', 'copies')}`);
  const all = el('a', {href: pageUrl(refine(s, {story: story.id, collapse: '', count: '', sort: 'date'})),
    dataset: {nav: 'page'}}, 'All copies');
  return el('div', {class: 'story'},
    el('p', {class: 'ran-in'}, `Ran in ${plural(story.outlets, 'outlet')}`, ' · ', toggle,
      ' · ', all),
    list);
}

function welcome(answer) {
  // Example searches taken from the index itself: its most covered names, in the query syntax.
  const [first, ...others] = answer.facets.filter(f => !f.hierarchical && f.values.length);
  const examples = first
    ? [`"${first.values[0].value}"`, ...others.slice(0, 2).map(f => `${f.name}:"${f.values[0].value}"`)]
    : [];
  return el('div', {class: 'message welcome'},
    el('p', {}, `All ${plural(answer.total, 'article')} are below. Search them, or narrow them down with the filters and the timeline.`),
    examples.length ? el('p', {class: 'examples'}, 'Try ', examples.map(q => el('button', {
      type: 'button', class: 'chip example', onclick: () => go(refine(state, {q})),
    }, q))) : null);
}

function noResults(s) {
  if (!s.q && !hasFilters(s)) {
    return el('div', {class: 'message empty-state'},
      el('h2', {}, 'The index has no articles yet'),
      el('p', {}, 'Index a corpus, then reload this page.'));
  }
  const hints = [];
  if (s.q) {
    hints.push('Check the spelling, or allow a typo with ~ (huochebang~1).');
    hints.push('Use fewer words, OR between them, or a prefix with * (regulat*).');
  }
  if (hasFilters(s)) {
    hints.push(el('span', {}, 'Remove a filter above, or ',
      el('button', {type: 'button', class: 'link', onclick: () => go(withoutFilters(state))}, 'clear all filters'), '.'));
  }
  return el('div', {class: 'message no-results'},
    el('h2', {}, s.q ? ['No articles match ', el('span', {class: 'q-echo'}, s.q)] : 'No articles match these filters'),
    el('ul', {}, hints.map(h => el('li', {}, h))));
}

function renderPager(s, answer) {
  const pages = answer.size ? Math.ceil(shownTotal(answer) / answer.size) : 0;
  if (pages <= 1) {
    $('pager').replaceChildren();
    return;
  }
  const link = (page, text, attrs = {}) => el('a', {href: pageUrl({...s, page}), dataset: {nav: 'page'}, ...attrs}, text);
  const numbers = [];
  for (let p = Math.max(1, s.page - 2); p <= Math.min(pages, s.page + 2); p++) {
    numbers.push(p === s.page ? el('span', {class: 'current', 'aria-current': 'page'}, String(p)) : link(p, String(p)));
  }
  $('pager').replaceChildren(
    s.page > 1 ? link(s.page - 1, '‹ Previous', {rel: 'prev'}) : el('span', {class: 'disabled'}, '‹ Previous'),
    ...numbers,
    s.page < pages ? link(s.page + 1, 'Next ›', {rel: 'next'}) : el('span', {class: 'disabled'}, 'Next ›'));
}

// ---- analyst tools: download, compare, significant terms --------------------------------------------------

/** Every matching article as CSV (the export streams them all, past the 10,000 a search pages to). */
function exportParams(s) {
  const p = apiParams(s);
  p.delete('page');
  p.delete('size');
  p.set('format', 'csv');
  p.set('bom', '1');
  return p;
}

function renderTools(s, answer) {
  const download = $('download');
  download.href = '/api/export?' + exportParams(s);
  download.textContent = `Download results (${answer.total.toLocaleString()}, CSV)`;
  download.hidden = answer.total === 0;
}

$('compare-open').addEventListener('click', () => go(compareOf({...state, series: []})));

/** A term of the panel added to the query: the query AND the term (a phrase in quotes). */
export function addTerm(q, term) {
  const t = term.includes(' ') ? `"${term}"` : term;
  if (!q) return t;
  return /\s/.test(q) ? `(${q}) AND ${t}` : `${q} AND ${t}`;
}

async function loadTerms(s, signal, seq) {
  const panel = $('terms');
  const list = $('terms-list');
  if (!s.q && !hasFilters(s)) {
    panel.hidden = true;
    return;
  }
  const p = apiParams(s);
  ['page', 'size', 'sort'].forEach(k => p.delete(k));
  p.set('size', '12');
  list.setAttribute('aria-busy', 'true');
  try {
    const answer = await api('/api/significant-terms?' + p, signal);
    if (seq !== searchSeq) return;
    panel.hidden = answer.terms.length === 0;
    list.replaceChildren(el('ul', {class: 'terms-chips'}, answer.terms.map(t => el('li', {},
      el('button', {
        type: 'button', class: 'chip term', dataset: {term: t.term},
        title: `In ${t.sample_count} of ${answer.sample_size} sampled results (${answer.sampling}), ${t.background_count.toLocaleString()} of ${answer.background_size.toLocaleString()} articles in all`,
        onclick: () => go(refine(state, {q: addTerm(state.q, t.term)})),
      }, t.term)))));
  } catch (e) {
    if (e.name === 'AbortError' || seq !== searchSeq) return;
    panel.hidden = true;
  } finally {
    if (seq === searchSeq) list.setAttribute('aria-busy', 'false');
  }
}

// ---- timeline --------------------------------------------------------------------------------------------

async function drawTimeline(s, answer, signal, seq) {
  const facet = answer.facets.find(f => f.hierarchical);
  $('timeline').hidden = !facet;
  if (!facet) return;
  const bars = $('timeline-bars');
  bars.setAttribute('aria-busy', 'true');
  try {
    const model = await timelineModel(facet, path => dateChildren(s, path, signal));
    if (seq !== searchSeq) return;
    keepFocus($('timeline'), () =>
      renderTimeline(model, bars, $('date-crumbs'), date => go(refine(state, {date}))));
  } catch (e) {
    if (e.name === 'AbortError' || seq !== searchSeq) return;
    bars.replaceChildren(el('p', {class: 'timeline-empty'}, `The timeline could not be drawn: ${e.message}`));
  } finally {
    if (seq === searchSeq) bars.setAttribute('aria-busy', 'false');
  }
}

/** The date facet values under `path` for the same search: counts only, no hits. */
async function dateChildren(s, path, signal) {
  const params = apiParams({...s, date: path.join('/'), page: 1, size: ''});
  params.set('size', '0');
  params.set('facet_limit', '1');
  const answer = await api('/api/search?' + params, signal);
  return answer.facets.find(f => f.hierarchical)?.values ?? [];
}

// ---- article view ----------------------------------------------------------------------------------------

async function openArticle(id) {
  if (articleShown === id) return;
  articleShown = id;
  const view = $('article-view');
  const back = backLink();
  view.setAttribute('aria-busy', 'true');
  view.replaceChildren(el('div', {class: 'reader'}, back, el('p', {class: 'muted'}, 'Loading the article…')));
  window.scrollTo(0, 0);
  const path = `/api/articles/${encodeURIComponent(id)}`;
  try {
    const [article, similar] = await Promise.all([
      api(path),
      api(path + '/similar').then(r => r.similar).catch(() => null),
      searched,
    ]);
    if (articleShown !== id) return;
    renderArticle(view, article, similar, {
      back: backLink(),
      chips: entityChips,
      terms: queryTerms(state.q),
      articleLink: a => el('a', {href: pageUrl({...state, article: a.id}), dataset: {nav: 'article'}}, a.title || a.id),
    });
    document.title = `${article.title || article.id} – Newsroom search`;
    $('article-title')?.focus({preventScroll: true});
  } catch (e) {
    if (articleShown !== id) return;
    view.replaceChildren(el('div', {class: 'reader'}, back,
      el('div', {class: 'message error-state', role: 'alert'}, el('h2', {}, e.message), el('p', {class: 'detail'}, e.detail))));
  } finally {
    view.setAttribute('aria-busy', 'false');
  }
}

function backLink() {
  return el('a', {
    href: pageUrl({...state, article: ''}), class: 'back',
    onclick: e => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      goBackToList();
    },
  }, '← Back to results');
}

function goBackToList() {
  if (history.state?.fromList) history.back();
  else go({...state, article: ''});
}

// ---- controls --------------------------------------------------------------------------------------------

function typed() {
  const q = $('q').value.trim();
  if (q !== state.q || state.article) {
    // A burst of typing is one history entry: it replaces the entry an earlier keystroke made.
    go(refine(state, {q}), {replace: history.state?.typing === true, typing: true});
  }
}

$('q').addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    typingTimer = null;
    typed();
  }, TYPING_DEBOUNCE_MS);
});

attachSuggestions($('q'), $('suggestions'), {
  labelOf: label,
  choose: suggestion => {
    clearTimeout(typingTimer);
    typingTimer = null;
    if (suggestion.kind === 'title') {
      go({...state, article: suggestion.id}, {fromList: !state.article});
    } else {
      // A value replaces the words typed to find it: it becomes a filter.
      $('q').value = '';
      go(withFilter(refine(state, {q: ''}), suggestion.dimension, suggestion.text, true));
    }
  },
});

$('search-form').addEventListener('submit', e => {
  e.preventDefault();
  clearTimeout(typingTimer);
  typingTimer = null;
  const q = $('q').value.trim();
  if (q !== state.q || state.article) go(refine(state, {q}));
  else if (document.body.classList.contains('stale')) searched = search(state); // try again after an error
});

$('collapse').addEventListener('change', e => {
  const on = e.target.checked;
  go(refine(state, {collapse: on ? 'story' : '', count: on ? 'stories' : '', story: ''}));
});

$('sort').addEventListener('change', e => {
  const chosen = e.target.value;
  go({...state, sort: chosen === sortOf({...state, sort: ''}) ? '' : chosen, page: 1});
});
for (const id of ['from', 'to']) {
  $(id).addEventListener('change', e => go(refine(state, {[id]: e.target.value})));
}

$('filters-toggle').addEventListener('click', e => {
  const open = e.currentTarget.getAttribute('aria-expanded') !== 'true';
  e.currentTarget.setAttribute('aria-expanded', String(open));
  document.querySelector('.sidebar').classList.toggle('open', open);
});

document.addEventListener('keydown', e => {
  const inField = e.target.closest('input, select, textarea');
  if (e.key === '/' && !inField) {
    e.preventDefault();
    $('q').focus();
    $('q').select();
  } else if (e.key === 'Escape' && state.article) {
    goBackToList();
  } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !state.article
             && (e.target === $('q') || e.target.closest('#results'))) {
    // Arrow keys move from result to result (and from the search box into the results).
    const links = [...document.querySelectorAll('#results .hit-title a')];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement.closest('.hit')?.querySelector('.hit-title a'));
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
    e.preventDefault();
    (next < 0 ? $('q') : links[next]).focus();
  }
});

show();
