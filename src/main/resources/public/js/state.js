// The whole state of the page lives in its URL, in the API's own parameters (plus `article` for the article
// view), so reload, back/forward and a shared link all restore it exactly.

const SCALARS = ['q', 'date', 'from', 'to', 'sort', 'page', 'size', 'article', 'view', 'interval', 'norm', 'collapse',
                 'count', 'story'];

/**
 * {q, filters: {dimension: [values]}, date, from, to, sort, page, size, article} from a query string; the compare
 * view adds {view: 'compare', series: [API series specs], interval, norm}.
 */
export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const state = {q: '', filters: {}, date: '', from: '', to: '', sort: '', page: 1, size: '', article: '',
                 view: '', series: [], interval: '', norm: '', collapse: '', count: '', story: ''};
  for (const [key, value] of params) {
    if (key === 'series') {
      state.series.push(value);
    } else if (SCALARS.includes(key)) {
      state[key] = key === 'page' ? Math.max(1, parseInt(value, 10) || 1) : value;
    } else if (value !== '') {
      // Any other parameter is a facet dimension: the page knows none by name, the API says which exist.
      (state.filters[key] ??= []).includes(value) || state.filters[key].push(value);
    }
  }
  return state;
}

/** The search behind the state as URL parameters (everything but the article being read). */
export function searchParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const [dim, values] of Object.entries(state.filters)) values.forEach(v => p.append(dim, v));
  for (const key of ['date', 'from', 'to']) if (state[key]) p.set(key, state[key]);
  if (state.sort) p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  if (state.size) p.set('size', state.size);
  // Stories: one hit per story (collapse=story, counting stories), or the copies of one story.
  for (const key of ['collapse', 'count', 'story']) if (state[key]) p.set(key, state[key]);
  return p;
}

/** Browsing without a query shows the newest first; a query ranks by relevance; unless a sort was chosen. */
export function sortOf(state) {
  return state.sort || (state.q ? 'relevance' : '-date');
}

/** The parameters to ask the search API: the state's search with its sort spelled out. */
export function apiParams(state) {
  const p = searchParams(state);
  p.set('sort', sortOf(state));
  return p;
}

/** The page's own URL for a state. */
export function pageUrl(state) {
  const p = searchParams(state);
  if (state.article) p.set('article', state.article);
  if (state.view === 'compare') {
    p.set('view', 'compare');
    state.series.forEach(s => p.append('series', s));
    if (state.interval) p.set('interval', state.interval);
    if (state.norm) p.set('norm', state.norm);
  }
  const query = p.toString();
  return location.pathname + (query ? '?' + query : '');
}

/** A new search: any change of what is searched goes back to page 1 and leaves the article view. */
export function refine(state, changes) {
  return {...state, page: 1, article: '', view: '', ...changes};
}

export function isSelected(state, dim, value) {
  return (state.filters[dim] ?? []).includes(value);
}

/** The state with `value` of `dim` selected or not. */
export function withFilter(state, dim, value, selected) {
  const values = (state.filters[dim] ?? []).filter(v => v !== value);
  if (selected) values.push(value);
  const filters = {...state.filters, [dim]: values};
  if (!values.length) delete filters[dim];
  return refine(state, {filters});
}

export function hasFilters(state) {
  return Object.keys(state.filters).length > 0 || Boolean(state.date || state.from || state.to || state.story);
}

export function withoutFilters(state) {
  return refine(state, {filters: {}, date: '', from: '', to: '', story: ''});
}

/** A series of the compare view as the API takes it: name, q and facet filters in a query string of its own. */
export function seriesSpec({name = '', q = '', filters = {}}) {
  const p = new URLSearchParams();
  if (name) p.set('name', name);
  if (q) p.set('q', q);
  for (const [dim, values] of Object.entries(filters)) values.forEach(v => p.append(dim, v));
  return p.toString();
}

/** {name, q, filters} of a series spec. */
export function parseSeries(spec) {
  const series = {name: '', q: '', filters: {}};
  for (const [key, value] of new URLSearchParams(spec)) {
    if (key === 'name') series.name = value;
    else if (key === 'q') series.q = value;
    else (series.filters[key] ??= []).push(value);
  }
  return series;
}

/** The compare view seeded with the search of a state (a first series), keeping the search to come back to. */
export function compareOf(state) {
  const series = state.series.length ? state.series
    : [seriesSpec({name: state.q || describeFilters(state.filters) || 'All articles', q: state.q, filters: state.filters})];
  return {...state, view: 'compare', article: '', series};
}

export function describeFilters(filters) {
  return Object.entries(filters).map(([dim, values]) => `${dim}: ${values.join(' or ')}`).join(', ');
}
