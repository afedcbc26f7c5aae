// The coverage timeline: matching articles per month (or per day inside a month) drawn from the date facet,
// whose values are the children of the selected date: years, the months of a year, or the days of a month.
import {el, monthName, plural} from './dom.js';

/** Up to this many years, the overview shows months; beyond, years (a click on a year shows its months). */
const MONTHLY_YEARS = 3;
/** The overview shows at least this many months. */
const MIN_MONTHS = 12;

const pad = n => String(n).padStart(2, '0');

/**
 * Bars and breadcrumb for the date facet of a search answer. `childrenOf(path)` answers the date facet values
 * under a path for the same search; it is asked only when the facet itself does not hold what is drawn: the
 * months of each year for the overview, and the days around a selected day.
 */
export async function timelineModel(facet, childrenOf) {
  const path = facet.path;
  const [year, month, day] = path;
  const crumbs = [{label: 'All dates', date: ''}];
  if (year) crumbs.push({label: year, date: year});
  if (month) crumbs.push({label: monthName(+month), date: `${year}/${month}`});
  if (day) crumbs.push({label: String(+day), date: path.join('/')});

  const counts = values => new Map(values.map(v => [v.value, v.count]));
  if (path.length === 0) {
    const years = facet.values.map(v => +v.value).sort((a, b) => a - b);
    if (years.length === 0) return {crumbs, bars: [], unit: 'month'};
    if (years.length > MONTHLY_YEARS) {
      const byYear = counts(facet.values);
      const bars = range(years[0], years.at(-1)).map(y => ({
        date: String(y), count: byYear.get(String(y)) ?? 0, tick: String(y), name: String(y)}));
      return {crumbs, bars, unit: 'year'};
    }
    const byMonth = new Map();
    const monthsOfYears = await Promise.all(years.map(y => childrenOf([String(y)])));
    years.forEach((y, i) => monthsOfYears[i].forEach(m => byMonth.set(`${y}/${m.value}`, m.count)));
    const keys = [...byMonth.keys()].filter(k => byMonth.get(k) > 0).sort();
    if (!keys.length) return {crumbs, bars: [], unit: 'month'};
    return {crumbs, bars: monthBars(keys[0], keys.at(-1), byMonth), unit: 'month'};
  }
  if (path.length === 1) {
    const byMonth = counts(facet.values);
    const bars = range(1, 12).map(m => ({
      date: `${year}/${pad(m)}`, count: byMonth.get(pad(m)) ?? 0, tick: monthName(m, 'short'),
      name: `${monthName(m)} ${year}`}));
    return {crumbs, bars, unit: 'month'};
  }
  // A month shows its days; a selected day shows the days of its month with that one marked.
  const byDay = counts(path.length === 2 ? facet.values : await childrenOf([year, month]));
  const daysInMonth = new Date(Date.UTC(+year, +month, 0)).getUTCDate();
  const bars = range(1, daysInMonth).map(d => ({
    date: `${year}/${month}/${pad(d)}`, count: byDay.get(pad(d)) ?? 0, tick: String(d),
    name: `${d} ${monthName(+month)} ${year}`, selected: day === pad(d)}));
  return {crumbs, bars, unit: 'day'};
}

/** Months from first to last (widened to a year around them when shorter, so a lone month has context). */
function monthBars(first, last, byMonth) {
  const index = key => { const [y, m] = key.split('/').map(Number); return y * 12 + m - 1; };
  let from = index(first);
  let to = index(last);
  while (to - from + 1 < MIN_MONTHS) {
    if ((to - from) % 2 === 0) to++; else from--;
  }
  return range(from, to).map((i, n) => {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    const date = `${y}/${pad(m)}`;
    return {date, count: byMonth.get(date) ?? 0, tick: monthName(m, 'short'), name: `${monthName(m)} ${y}`,
            yearMark: m === 1 || n === 0 ? String(y) : null};
  });
}

function range(from, to) {
  return Array.from({length: to - from + 1}, (_, i) => from + i);
}

/** Draws the model: bars are buttons (keyboard and screen-reader friendly); `select(date)` applies a period. */
export function renderTimeline(model, container, crumbsNav, select) {
  crumbsNav.replaceChildren(el('ol', {}, model.crumbs.map((c, i) =>
    el('li', {}, i === model.crumbs.length - 1
      ? el('span', {'aria-current': 'location'}, c.label)
      : el('button', {type: 'button', class: 'link', onclick: () => select(c.date)}, c.label)))));

  if (!model.bars.length) {
    container.replaceChildren(el('p', {class: 'timeline-empty'}, 'No dated articles match.'));
    return;
  }
  const max = Math.max(...model.bars.map(b => b.count), 1);
  const tickEvery = Math.ceil(model.bars.length / 16);
  const parent = model.crumbs.at(-2)?.date ?? '';
  container.replaceChildren(el('ol', {class: `bars unit-${model.unit}`, 'aria-label': `Articles per ${model.unit}`},
    model.bars.map((bar, i) => el('li', {class: 'bar-slot'},
      el('button', {
        type: 'button', class: 'bar', dataset: {date: bar.date}, disabled: bar.count === 0,
        'aria-pressed': bar.selected ? 'true' : 'false',
        'aria-label': `${bar.name}: ${plural(bar.count, 'article')}`, title: `${bar.name}: ${plural(bar.count, 'article')}`,
        onclick: () => select(bar.selected ? parent : bar.date),
      },
        el('span', {class: 'bar-count'}, bar.count ? bar.count.toLocaleString() : ''),
        el('span', {class: 'bar-fill', style: {height: bar.count ? `max(3px, ${(100 * bar.count) / max}%)` : '0'}})),
      el('span', {class: 'tick', 'aria-hidden': 'true'},
        i % tickEvery === 0 || bar.selected ? bar.tick : '',
        bar.yearMark ? el('span', {class: 'year-mark'}, bar.yearMark) : null)))));
}
