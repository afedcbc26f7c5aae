// The article view: full text, metadata, entities and "more like this". Everything is inserted as text.
import {el, formatDay, markTerms, safeUrl} from './dom.js';

/**
 * The words of a query worth marking in an article's text: its terms without operators, field names, negated
 * terms or syntax characters. The server's analyzer stems words, so a word is marked when it starts with a term
 * ("probe" marks "probes"); a trailing plural "s" of the term is dropped for the same reason.
 */
export function queryTerms(q) {
  const positive = (q ?? '')
    .replace(/(^|\s)-("[^"]*"|\S+)/g, ' ')
    .replace(/\bNOT\s+("[^"]*"|\S+)/g, ' ')
    .replace(/\b(AND|OR|TO)\b/g, ' ')
    .replace(/[\p{L}_]+:/gu, ' ');
  const words = positive.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return [...new Set(words.map(w => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w)))];
}

/**
 * Fills `view` with the article. `similar` is the "more like this" list, or null if it could not be had;
 * `helpers` gives chips(labels), back (a link element), articleLink(item) and the query terms to mark.
 */
export function renderArticle(view, article, similar, helpers) {
  const when = formatDay(article.published, true);
  const url = safeUrl(article.url);
  const paragraphs = (article.body ?? '').split(/\n+/).map(p => p.trim()).filter(Boolean);
  view.replaceChildren(
    el('div', {class: 'reader'},
      el('nav', {class: 'reader-nav', 'aria-label': 'Back'}, helpers.back),
      el('article', {class: 'reader-article', 'aria-labelledby': 'article-title'},
        el('p', {class: 'kicker'}, [article.source, when].filter(Boolean).join(' · ')),
        el('h1', {id: 'article-title', class: 'reader-title', tabindex: '-1'}, article.title || article.id),
        el('p', {class: 'reader-meta'},
          url ? el('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, 'Original article ↗') : null,
          el('span', {class: 'reader-id'}, article.id)),
        helpers.chips(article.labels ?? {}),
        el('div', {class: 'reader-body'}, paragraphs.map(p => el('p', {}, markTerms(p, helpers.terms))))),
      el('aside', {class: 'similar', 'aria-labelledby': 'similar-title'},
        el('h2', {id: 'similar-title'}, 'More like this'),
        similar == null
          ? el('p', {class: 'muted'}, 'Similar articles could not be found just now.')
          : similar.length === 0
            ? el('p', {class: 'muted'}, 'No other article reads like this one.')
            : el('ol', {class: 'similar-list'}, similar.map(s => el('li', {dataset: {id: s.id}},
                helpers.articleLink(s),
                el('span', {class: 'similar-meta'}, [s.source, formatDay(s.published)].filter(Boolean).join(' · '))))))));
}
