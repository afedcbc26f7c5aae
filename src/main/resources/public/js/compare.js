// The compare view: up to 8 searches counted per time bucket (GET /api/compare), drawn as lines in an SVG built
// with DOM calls (no chart library, nothing inline), raw or as a share of all articles in each bucket.
import {el, plural} from './dom.js';
import {parseSeries, seriesSpec, describeFilters, pageUrl} from './state.js';

const MAX_SERIES = 8;
const COLOURS = ['#1b4b8f', '#a5231c', '#1f6a3a', '#b5651d', '#5f2d91', '#17666c', '#8b2347', '#68645c'];
const SVG = 'http://www.w3.org/2000/svg';
const W = 1000;
const H = 340;
const M = {left: 64, right: 20, top: 16, bottom: 48};

let seq = 0;
let controller = null;

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  e.append(...children.filter(c => c != null));
  return e;
}

/** The API parameters of a compare state. */
export function compareParams(state) {
  const p = new URLSearchParams();
  state.series.forEach(s => p.append('series', s));
  if (state.interval) p.set('interval', state.interval);
  return p;
}

/** Draws the compare view of `state` into `view`; `go(state)` navigates, `api(path, signal)` fetches JSON. */
export async function renderCompare(state, view, {go, api}) {
  const series = state.series.map(parseSeries);
  const chart = el('section', {id: 'compare-chart', class: 'card chart', 'aria-busy': 'true', 'aria-label': 'Coverage over time'});
  const legend = el('ul', {id: 'compare-legend', class: 'legend'});
  const status = el('p', {id: 'compare-status', class: 'status', role: 'status'});
  const csvHref = '/api/compare?' + compareParams(state) + '&format=csv';
  view.replaceChildren(
    el('div', {class: 'compare'},
      el('div', {class: 'compare-head'},
        el('a', {href: pageUrl({...state, view: ''}), class: 'back', dataset: {nav: 'search'}}, '← Back to search'),
        el('h2', {}, 'Coverage compared over time')),
      seriesEditor(state, series, go),
      el('div', {class: 'compare-controls'},
        el('label', {}, 'Per ', el('select', {id: 'interval', onchange: e => go({...state, interval: e.target.value === 'auto' ? '' : e.target.value})},
          ['auto', 'day', 'week', 'month', 'year'].map(i => el('option', {value: i, selected: (state.interval || 'auto') === i}, i === 'auto' ? 'automatic' : i)))),
        el('fieldset', {class: 'toggle'}, el('legend', {class: 'visually-hidden'}, 'Show'),
          toggle('raw', 'Articles', !state.norm, () => go({...state, norm: ''})),
          toggle('norm', 'Share of all articles', Boolean(state.norm), () => go({...state, norm: '1'}))),
        el('a', {id: 'compare-csv', class: 'button', href: csvHref, download: 'newsroom-compare.csv'}, 'Download CSV')),
      status, chart, legend));
  if (!series.length) {
    chart.setAttribute('aria-busy', 'false');
    chart.replaceChildren(el('p', {class: 'timeline-empty'}, 'Add a search to compare.'));
    return;
  }
  controller?.abort();
  controller = new AbortController();
  const mine = ++seq;
  try {
    const answer = await api('/api/compare?' + compareParams(state), controller.signal);
    if (mine !== seq) return;
    status.textContent = `Articles per ${answer.interval}` + (state.norm ? ', as a share of all articles in the index that ' + answer.interval : '')
      + ` · ${plural(answer.baseline.total, 'article')} in all`;
    drawChart(chart, answer, state, go);
    legend.replaceChildren(...answer.series.map((s, i) => el('li', {},
      el('span', {class: 'swatch', style: {'background-color': COLOURS[i]}}),
      el('span', {class: 'legend-name'}, s.name), ' ',
      el('span', {class: 'muted'}, plural(s.total, 'article')))));
  } catch (e) {
    if (e.name === 'AbortError' || mine !== seq) return;
    chart.replaceChildren(el('div', {class: 'message error-state', role: 'alert'},
      el('h2', {}, e.message), e.detail ? el('p', {class: 'detail'}, e.detail) : null));
  } finally {
    if (mine === seq) chart.setAttribute('aria-busy', 'false');
  }
}

function toggle(value, text, checked, onchange) {
  return el('label', {class: 'toggle-option'},
    el('input', {type: 'radio', name: 'norm', value, checked, onchange}), text);
}

/** One row per series: its colour, name, query and filters; add, remove and apply. */
function seriesEditor(state, series, go) {
  const rows = series.map((s, i) => el('li', {class: 'series-row', dataset: {index: String(i)}},
    el('span', {class: 'swatch', style: {'background-color': COLOURS[i]}, 'aria-hidden': 'true'}),
    el('label', {}, el('span', {class: 'visually-hidden'}, `Name of series ${i + 1}`),
      el('input', {name: 'name', value: s.name, placeholder: 'Name', size: 14})),
    el('label', {class: 'series-q'}, el('span', {class: 'visually-hidden'}, `Search of series ${i + 1}`),
      el('input', {name: 'q', type: 'search', value: s.q, placeholder: 'Search, e.g. topic:crude or "oil price"'})),
    Object.keys(s.filters).length ? el('span', {class: 'series-filters muted'}, describeFilters(s.filters)) : null,
    el('button', {type: 'button', class: 'link remove-series', 'aria-label': `Remove series ${i + 1}`,
      onclick: () => go({...state, series: state.series.filter((_, j) => j !== i)})}, 'Remove')));
  const read = form => [...form.querySelectorAll('.series-row')].map((row, i) => seriesSpec({
    name: row.querySelector('input[name=name]').value.trim(),
    q: row.querySelector('input[name=q]').value.trim(),
    filters: series[i]?.filters ?? {}}));
  const form = el('form', {id: 'series-form', class: 'card series-editor', onsubmit: e => {
    e.preventDefault();
    go({...state, series: read(e.currentTarget)});
  }},
    el('ol', {class: 'series-list'}, rows),
    el('div', {class: 'series-actions'},
      series.length < MAX_SERIES
        ? el('button', {type: 'button', id: 'add-series', class: 'link', onclick: () => {
            go({...state, series: [...read(form), seriesSpec({name: `Series ${series.length + 1}`})]});
          }}, '+ Add a search')
        : el('span', {class: 'muted'}, `At most ${MAX_SERIES} searches`),
      el('button', {type: 'submit', class: 'search-button', id: 'compare-apply'}, 'Compare')));
  return form;
}

/** Lines of counts or shares per bucket; each point opens that series' articles of that bucket. */
function drawChart(chart, answer, state, go) {
  const buckets = answer.buckets;
  if (!buckets.length) {
    chart.replaceChildren(el('p', {class: 'timeline-empty'}, 'No dated articles match.'));
    return;
  }
  const norm = Boolean(state.norm);
  const value = (b, i) => (norm ? b.ratios[i] : b.counts[i]);
  let max = 0;
  buckets.forEach(b => answer.series.forEach((_, i) => { max = Math.max(max, value(b, i) ?? 0); }));
  const ticks = niceTicks(max, norm);
  const top = ticks.at(-1) || 1;
  const x = i => M.left + (buckets.length === 1 ? (W - M.left - M.right) / 2 : (i * (W - M.left - M.right)) / (buckets.length - 1));
  const y = v => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const format = v => (norm ? `${(v * 100).toLocaleString(undefined, {maximumFractionDigits: 2})}%` : v.toLocaleString());

  const grid = ticks.map(t => svg('g', {class: 'y-tick'},
    svg('line', {x1: M.left, x2: W - M.right, y1: y(t), y2: y(t)}),
    svg('text', {x: M.left - 8, y: y(t) + 4, 'text-anchor': 'end'}, format(t))));
  const every = Math.ceil(buckets.length / 12);
  const xTicks = buckets.map((b, i) => (i % every === 0 ? svg('text', {class: 'x-tick', x: x(i), y: H - M.bottom + 18, 'text-anchor': 'middle'}, b.key) : null));
  const lines = answer.series.map((s, i) => {
    const segments = [];
    let current = [];
    buckets.forEach((b, j) => {
      const v = value(b, i);
      if (v == null) { if (current.length) segments.push(current); current = []; } else current.push(`${x(j)},${y(v)}`);
    });
    if (current.length) segments.push(current);
    return svg('g', {class: 'series', dataset: {series: String(i)}},
      ...segments.map(points => svg('polyline', {points: points.join(' '), fill: 'none', stroke: COLOURS[i], 'stroke-width': 2.2})));
  });
  const points = answer.series.map((s, i) => svg('g', {class: 'points'}, ...buckets.map((b, j) => {
    const v = value(b, i);
    if (v == null) return null;
    const label = `${s.name}, ${b.key}: ${plural(b.counts[i], 'article')}`
      + (b.ratios[i] == null ? '' : ` (${(b.ratios[i] * 100).toLocaleString(undefined, {maximumFractionDigits: 2})}% of ${b.total.toLocaleString()})`);
    const open = () => go(articlesOf(state, i, b));
    return svg('circle', {class: 'point', cx: x(j), cy: y(v), r: 4, fill: COLOURS[i], tabindex: '0', role: 'button',
      'aria-label': label, dataset: {series: String(i), key: b.key, count: String(b.counts[i])},
      onclick: open, onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } }},
      svg('title', {}, label));
  })));
  chart.replaceChildren(svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img',
    'aria-label': `${norm ? 'Share' : 'Number'} of articles per ${answer.interval}`},
    svg('g', {class: 'grid'}, ...grid),
    svg('line', {class: 'axis', x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom}),
    ...xTicks, ...lines, ...points));
}

/** The search view of one series in one bucket: its query and filters, from the bucket's first to its last day. */
export function articlesOf(state, i, bucket) {
  const s = parseSeries(state.series[i]);
  const day = iso => iso.slice(0, 10);
  const last = new Date(Date.parse(bucket.end) - 86_400_000).toISOString();
  return {...state, view: '', page: 1, article: '', date: '', q: s.q, filters: s.filters, from: day(bucket.start), to: day(last)};
}

function niceTicks(max, norm) {
  if (max <= 0) return norm ? [0, 0.01] : [0, 1];
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map(m => m * power).find(s => s >= raw);
  if (!norm) step = Math.max(1, Math.round(step));
  const ticks = [];
  for (let t = 0; t < max + step - 1e-12; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
