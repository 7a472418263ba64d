// The page of `leadsieve serve`: edit a request, see what it does to your
// leads.  Every string that comes from a lead or a request is put on the
// page as text (textContent, text nodes), never as markup.  Every call goes
// to this server, under the token the page's own address holds.
'use strict';

const $ = (id) => document.getElementById(id);

// An element with attributes and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
function clear(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
}
const fmt = (n) => (n === null || n === undefined ? '-' : Number(n).toLocaleString('en-US'));
const ratio = (x) => (x === null || x === undefined ? '-' : Number(x).toFixed(3));

async function call(path, options) {
  const r = await fetch(path, Object.assign({ cache: 'no-store' }, options));
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  return { status: r.status, body };
}

const state = {
  session: null,
  notes: new Set(),  // lint codes that are notes
  shown: null,       // the results on screen: {gen, funnel, diff, ...}
  seq: 0,            // edits sent
  controller: null,  // the edit in flight
  problems: [],      // errors of the text in the editor
  warnings: [],      // lint warnings of the results on screen
  located: null,
  view: { show: 'all', q: '', offset: 0, limit: 50 },
  editAt: 0,         // when the edit on its way was typed
};

/* ---------------- the editor ---------------- */

function markProblems() {
  const text = $('text').value;
  const located = state.located || locateJson(text);
  state.located = located;
  const spans = [];
  for (const p of state.problems) {
    let r = null;
    if (p.path === '' && located.error) r = { start: located.error.pos, end: located.error.pos + 1 };
    else r = rangeOf(located, p.path);
    if (r) spans.push({ start: r.start, end: Math.max(r.end, r.start + 1), kind: 'error', p });
  }
  for (const w of state.warnings) {
    const r = rangeOf(located, w.path);
    if (r) spans.push({ start: r.start, end: r.end, kind: 'warning', p: w });
  }
  spans.sort((a, b) => a.start - b.start || (a.kind === 'error' ? -1 : 1));
  state.spans = spans;
  // the backdrop holds the same text, with the marked ranges in <mark>
  const parts = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping: the first one shows
    parts.push(text.slice(at, s.start));
    parts.push(el('mark', { class: s.kind }, text.slice(s.start, Math.min(s.end, text.length)) || ' '));
    at = Math.min(s.end, text.length);
  }
  parts.push(text.slice(at) + '\n');
  clear($('backdrop'), parts);
  syncScroll();
  showHere();
}

function syncScroll() {
  $('backdrop').scrollTop = $('text').scrollTop;
  $('backdrop').scrollLeft = $('text').scrollLeft;
}

// What is wrong where the caret is.
function showHere() {
  const pos = $('text').selectionStart;
  const here = $('here');
  const hit = (state.spans || []).find((s) => pos >= s.start && pos <= s.end);
  if (!hit) {
    here.className = 'here';
    here.textContent = '';
    return;
  }
  here.className = 'here ' + hit.kind;
  const lc = lineColumn($('text').value, hit.start);
  here.textContent = `line ${lc.line}: ${hit.p.path || '(the request)'}: ${hit.p.hint || hit.p.message}`;
}

function problemItem(p, kind) {
  const text = $('text').value;
  let r = p.path === '' && state.located && state.located.error
    ? { start: state.located.error.pos, end: state.located.error.pos }
    : state.located ? rangeOf(state.located, p.path) : null;
  const where = r ? `line ${lineColumn(text, r.start).line}` : '';
  return el('li', {
    class: kind,
    'data-path': p.path,
    on: {
      click: () => {
        if (!r) return;
        $('text').focus();
        $('text').setSelectionRange(r.start, Math.max(r.end, r.start));
        showHere();
      },
    },
  }, el('span', { class: 'path' }, p.path || '(the request)'), ' ', where ? `(${where}) ` : '',
  p.hint || p.message, p.code ? el('span', { class: 'code' }, ` [${p.code}]`) : null);
}

function renderProblems() {
  const items = [];
  for (const p of state.problems) items.push(problemItem(p, 'error'));
  for (const w of state.warnings) items.push(problemItem(w, state.notes.has(w.code) ? 'note' : 'warning'));
  clear($('problems'), items);
  const ne = state.problems.length, nw = state.warnings.length;
  $('nproblems').textContent = ne ? `${ne} error(s)` : nw ? `${nw} warning(s)` : 'none';
  markProblems();
}

/* ---------------- editing ---------------- */

function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = kind || '';
}

let pending = null;
function onEdit() {
  document.body.dataset.fresh = 'false';
  clearTimeout(state.insightsTimer);
  suggestWait('waiting for the edit to be run…');
  state.located = null;
  state.editAt = performance.now();
  // sent at once when no edit is on its way; while one is, keystrokes that
  // come together are one edit (a newer edit cancels an older one that is
  // still running, here and on the server)
  clearTimeout(pending);
  pending = setTimeout(evaluate, state.controller ? 40 : 0);
  markProblems();
}

async function evaluate() {
  const text = $('text').value;
  const seq = ++state.seq;
  const typed = state.editAt;
  if (state.controller) {
    // the older edit's answer is of no use now: its run is cancelled on the
    // server by this newer one
    state.controller.abort();
    document.body.dataset.cancelled = String(Number(document.body.dataset.cancelled || 0) + 1);
  }
  const controller = new AbortController();
  state.controller = controller;
  setStatus('running…', 'busy');
  let r, view, sent;
  try {
    // the page of the table on screen comes with the counts
    view = viewQuery().toString();
    sent = performance.now();
    r = await call('api/evaluate?' + view,
                   { method: 'POST', body: text, signal: controller.signal,
                     headers: { 'Content-Type': 'application/json' } });
  } catch (e) {
    if (e.name !== 'AbortError' && seq === state.seq) setStatus('the server did not answer', 'failed');
    return;
  }
  if (seq !== state.seq) return; // a newer edit is on its way
  state.controller = null;
  if (r.status === 409) return;
  if (!r.body || r.status !== 200) {
    setStatus((r.body && r.body.error) || `error ${r.status}`, 'failed');
    return;
  }
  const res = r.body;
  res.view = view;
  res.sent = sent;
  res.answered = performance.now();
  state.located = locateJson(text);
  if (!res.valid) {
    state.problems = res.problems;
    state.warnings = [];
    renderProblems();
    setStatus(`invalid request: ${res.problems.length} problem(s); the results shown are the last valid request's`, 'failed');
    document.body.dataset.gen = String(res.gen);
    document.body.dataset.valid = 'false';
    document.body.dataset.fresh = String($('text').value === text);
    suggestWait('the request is invalid: no proposals until it is fixed');
    return;
  }
  state.problems = [];
  state.warnings = (res.lint && res.lint.warnings) || [];
  renderProblems();
  await showResults(res, typed);
  // what is on screen is what the editor holds (for tests and the bench)
  document.body.dataset.fresh = String($('text').value === text);
}

async function showResults(res, typed) {
  state.shown = res;
  $('api').textContent = res.api === 'v1' ? 'v1 search request' : 'by_icp request';
  renderFunnel(res);
  renderDiff(res);
  fillShowSelect(res);
  // the table that came with the counts, when the view is still the one asked
  if (res.table && res.view === viewQuery().toString()) renderTable(res.table);
  else await loadTable();
  const drawn = performance.now();
  const ms = typed ? Math.round(drawn - typed) : null;
  setStatus(`${fmt(res.funnel.matched)} matched, ${fmt(res.funnel.returned)} returned · run ${Math.round(res.ms.run)} ms` +
            (ms !== null ? ` · ${ms} ms after the edit` : ''));
  document.body.dataset.gen = String(res.gen);
  document.body.dataset.valid = 'true';
  if (ms !== null) {
    document.body.dataset.latency = String(ms);
    // where the time went (bench/serve_bench.js): the wait for more keys,
    // the call (the server's evaluation and the transfer), the drawing
    document.body.dataset.phases = JSON.stringify({
      wait: res.sent - typed, call: res.answered - res.sent, draw: drawn - res.answered });
  }
  document.body.dataset.run = String(res.ms.run);
  document.body.dataset.total = String(res.ms.total);
  // the score and lint on the leads take a pass over the leads each: asked
  // for once the editing pauses, so that they do not slow the next edit
  clearTimeout(state.insightsTimer);
  state.insightsTimer = setTimeout(() => { loadInsights(res.gen); loadSuggest(res.gen); },
                                   res.gen === 0 ? 0 : 300);
}

/* ---------------- the funnel and the diff ---------------- */

function funnelRow(label, n, of, kind, view, sub) {
  const bar = el('div', { class: 'bar ' + (kind || '') });
  bar.style.width = of > 0 ? `${Math.max(0, Math.min(100, (100 * n) / of))}%` : '0';
  return [
    el('div', { class: 'label' + (sub ? ' sub' : ''), title: label }, label),
    el('div', {
      class: 'track', role: 'button', tabindex: 0, title: `show these leads (${label})`,
      'data-view': view,
      on: { click: () => view && setView(view) },
    }, bar),
    el('div', { class: 'n' }, (kind === 'drop' ? '−' : '') + fmt(n)),
  ];
}

function renderFunnel(res) {
  const f = res.funnel;
  const read = f.read || 0;
  const rows = [funnelRow('leads read', read, read, '', 'all')];
  if (f.duplicates) rows.push(funnelRow('duplicates', f.duplicates, read, 'drop', 'duplicate', true));
  for (const x of f.filters)
    if (x.dropped) rows.push(funnelRow(x.name, x.dropped, read, 'drop', 'filter:' + x.name, true));
  if (f.personas.length)
    rows.push(funnelRow('no persona', f.no_persona, read, 'drop', 'no_persona', true));
  rows.push(funnelRow('matched', f.matched, read, '', 'matched'));
  f.personas.forEach((p, i) =>
    rows.push(funnelRow(`${p.name} (priority ${p.priority})`, p.matched, read, 'persona', 'persona:' + i, true)));
  const limit = f.limit === null ? '' : ` (limit_by ${fmt(f.limit)}${f.limit_reached ? ', reached' : ''})`;
  rows.push(funnelRow('returned' + limit, f.returned, read, 'returned', 'matched'));
  clear($('funnel'), rows);
  $('funnel').dataset.matched = String(f.matched);
}

function renderDiff(res) {
  const d = res.diff;
  const b = (kind, n, text) => el('button', {
    type: 'button', class: kind, 'data-view': kind, on: { click: () => setView(kind) },
  }, text);
  clear($('diff'),
    el('strong', {}, 'against the request as loaded:'),
    b('gained', d.gained, `+${fmt(d.gained)} gained`),
    b('lost', d.lost, `−${fmt(d.lost)} lost`),
    b('reassigned', d.reassigned, `${fmt(d.reassigned)} reassigned`),
    el('span', { class: 'same' }, `${fmt(d.unchanged)} unchanged`));
  $('diff').dataset.gained = String(d.gained);
  $('diff').dataset.lost = String(d.lost);
}

/* ---------------- the table ---------------- */

function fillShowSelect(res) {
  const sel = $('show');
  const opts = [['all', 'all leads'], ['matched', 'matched'], ['changed', 'changed against the request as loaded'],
    ['gained', 'gained'], ['lost', 'lost'], ['reassigned', 'reassigned']];
  res.funnel.personas.forEach((p, i) => opts.push(['persona:' + i, `persona: ${p.name}`]));
  opts.push(['no_persona', 'no persona'], ['filtered', 'dropped by a filter']);
  for (const x of res.funnel.filters) if (x.dropped) opts.push(['filter:' + x.name, `dropped by ${x.name}`]);
  opts.push(['duplicate', 'duplicates']);
  if (!opts.some(([v]) => v === state.view.show)) state.view.show = 'all';
  clear(sel, opts.map(([v, t]) => el('option', { value: v, selected: v === state.view.show }, t)));
}

function setView(show) {
  state.view.show = show;
  state.view.offset = 0;
  $('show').value = show;
  loadTable();
  $('leads').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function why(row) {
  switch (row.outcome) {
    case 'matched': return 'matched';
    case 'filtered': return `dropped by ${row.filter}`;
    case 'no_persona': return 'no persona matched';
    default: return 'duplicate of an earlier lead';
  }
}

function changeCell(row) {
  if (!row.change) return '';
  const was = row.was ? `was ${row.was}` : `was ${row.was_outcome.replace('_', ' ')}`;
  const sign = row.change === 'gained' ? '+ ' : row.change === 'lost' ? '− ' : '↔ ';
  return el('span', { class: row.change }, sign + row.change + ' ', el('span', { class: 'why' }, `(${was})`));
}

let tableSeq = 0;
function viewQuery() {
  const v = state.view;
  return new URLSearchParams({ show: v.show, q: v.q, offset: v.offset, limit: v.limit });
}

async function loadTable() {
  const res = state.shown;
  if (!res) return;
  const seq = ++tableSeq;
  const qs = viewQuery();
  qs.set('gen', res.gen);
  const r = await call('api/leads?' + qs.toString());
  if (seq !== tableSeq || r.status !== 200 || !r.body) return;
  renderTable(r.body);
}

function renderTable(t) {
  ++tableSeq; // an older page on its way is of no use now
  const rows = t.rows.map((row) => el('tr', {
    'data-i': row.i, on: { click: () => openLead(row.i) },
  },
  el('td', { class: 'num' }, String(row.i + 1)),
  el('td', {}, row.persona || ''),
  el('td', { class: 'title' }, row.title),
  el('td', { class: 'why' }, why(row)),
  el('td', {}, changeCell(row))));
  clear($('rows'), rows);
  const last = Math.min(t.offset + t.rows.length, t.total);
  $('count').textContent = t.total ? `${fmt(t.offset + 1)}–${fmt(last)} of ${fmt(t.total)}` : 'no lead';
  $('prev').disabled = t.offset === 0;
  $('next').disabled = last >= t.total;
  $('table').dataset.total = String(t.total);
  $('table').dataset.gen = String(t.gen);
}

/* ---------------- one lead ---------------- */

function functionCell(p) {
  if (p.function === null) return p.function_index === -2 ? 'any (no function list)' : 'no hit';
  return `"${p.function}"` + (p.function_inside_word ? ' inside a word' : '');
}
function seniorityCell(p) {
  if (p.seniority === null) return p.seniority_index === -2 ? 'any (no seniority list)' : 'no entry passed';
  return p.alternative && p.alternative !== p.seniority ? `"${p.seniority}" as "${p.alternative}"` : `"${p.seniority}"`;
}
function prohibitCell(p) {
  if (p.prohibit === null) return '-';
  return `"${p.prohibit}"` + (p.prohibit_token ? ` (the word "${p.prohibit_token}")` : '');
}

async function openLead(i) {
  const res = state.shown;
  const r = await call(`api/lead?gen=${res.gen}&i=${i}`);
  if (r.status !== 200 || !r.body) return;
  const d = r.body, x = d.explain;
  const verdict = d.outcome === 'matched' ? `assigned: ${x.assigned || '(no personas)'}`
    : d.outcome === 'filtered' ? `dropped by the request filter ${x.filter}` +
      (x.filter_field ? ` (the lead's ${x.filter_field} is ${x.filter_value !== undefined && x.filter_value !== null ? JSON.stringify(x.filter_value) : x.filter_value_type})` : '')
    : d.outcome === 'no_persona' ? 'no persona matched' : 'a duplicate of an earlier lead: dropped';
  const was = d.was ? `assigned ${d.was}` : d.was_outcome.replace('_', ' ');
  const personas = el('table', { class: 'personas' },
    el('thead', {}, el('tr', {}, ['persona', 'verdict', 'function', 'seniority', 'prohibit'].map((h) => el('th', {}, h)))),
    el('tbody', {}, x.personas.map((p) => el('tr', {},
      el('td', {}, p.name),
      el('td', { class: 'verdict ' + (p.matched ? 'match' : 'no') }, p.matched ? 'match' : 'no'),
      el('td', {}, functionCell(p)),
      el('td', {}, seniorityCell(p)),
      el('td', {}, prohibitCell(p))))));
  clear($('explain-body'),
    el('h2', {}, `Lead ${fmt(i + 1)}`),
    el('dl', {},
      el('dt', {}, 'title'), el('dd', { class: 'lead-title' }, x.title || '(no title)'),
      el('dt', {}, 'normalized'), el('dd', {}, x.title_norm),
      el('dt', {}, 'title field'), el('dd', {}, x.title_field || '(none)'),
      el('dt', {}, 'level'), el('dd', {}, (x.title_level || '-') + ' (from the title)' +
        (x.seniority_value ? `; seniority field: ${x.seniority_value}` : '')),
      el('dt', {}, 'from'), el('dd', {}, `${x.file || '?'}${x.line ? ':' + x.line : ''}`),
      el('dt', {}, 'now'), el('dd', { class: 'now' }, verdict),
      el('dt', {}, 'as loaded'), el('dd', {}, was)),
    el('h3', {}, 'Each persona'), personas,
    el('h3', {}, 'The lead as read' + (d.object_cut ? ' (first 64 KB)' : '')),
    el('pre', {}, d.object || ''));
  $('explain').hidden = false;
  $('explain').dataset.i = String(i);
}

/* ---------------- score and lint on the leads ---------------- */

let insightsSeq = 0;
async function loadInsights(gen) {
  const seq = ++insightsSeq;
  const r = await call(`api/insights?gen=${gen}`);
  if (seq !== insightsSeq || r.status !== 200 || !r.body) return;
  const d = r.body;
  if (d.lint && state.problems.length === 0 && state.shown && state.shown.gen === d.gen) {
    state.warnings = d.lint.warnings || [];
    renderProblems();
  }
  if (state.session.labels) renderScore(d);
}

function renderScore(d) {
  $('score').hidden = false;
  const body = $('score-body');
  if (d.score_problems) {
    clear(body, el('p', { class: 'failed' }, 'No score for this request:'),
      el('ul', {}, d.score_problems.map((p) => el('li', {}, `${p.path}: ${p.hint}`))));
    return;
  }
  const s = d.score;
  if (!s) { clear(body); return; }
  $('score-about').textContent = `${fmt(s.leads.scored)} labeled leads (${state.session.labels})`;
  const head = ['persona', 'labeled', 'assigned', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'];
  const metrics = el('table', { class: 'metrics' },
    el('thead', {}, el('tr', {}, head.map((h, k) => el('th', { class: k ? 'num' : '' }, h)))),
    el('tbody', {},
      s.personas.map((p) => el('tr', {}, el('td', {}, p.name),
        [p.labeled, p.assigned, p.tp, p.fp, p.fn].map((n) => el('td', { class: 'num' }, fmt(n))),
        [p.precision, p.recall, p.f1].map((n) => el('td', { class: 'num' }, ratio(n))))),
      el('tr', {}, el('td', {}, 'micro'), el('td'), el('td'),
        [s.overall.micro.tp, s.overall.micro.fp, s.overall.micro.fn].map((n) => el('td', { class: 'num' }, fmt(n))),
        [s.overall.micro.precision, s.overall.micro.recall, s.overall.micro.f1].map((n) => el('td', { class: 'num' }, ratio(n)))),
      el('tr', {}, el('td', {}, 'macro'), el('td'), el('td'), el('td'), el('td'), el('td'),
        [s.overall.macro.precision, s.overall.macro.recall, s.overall.macro.f1].map((n) => el('td', { class: 'num' }, ratio(n))))));
  const o = s.overall;
  clear(body, metrics,
    el('p', {}, `correct: ${fmt(o.correct)} of ${fmt(s.leads.scored)} scored leads (accuracy ${ratio(o.accuracy)})`),
    confusion(s), misses(s));
}

// Rows: the label; columns: the persona assigned.  Up to 30 personas a
// matrix, else the cells that hold leads, most first.
function confusion(s) {
  const c = s.confusion;
  if (!c) return null;
  const n = s.personas.length;
  if (n > 30) {
    return el('div', {}, el('h3', {}, 'Confusion (label → assigned)'),
      el('ol', {}, c.cells.slice(0, 100).map((x) => el('li', {}, `${c.labels[x.label]} → ${c.assigned[x.assigned]}: ${fmt(x.count)}`))));
  }
  const at = new Map(c.cells.map((x) => [x.label + ',' + x.assigned, x.count]));
  const right = (l, a) => (l < n ? l === a : a >= n);
  return el('div', { class: 'scroll' }, el('h3', {}, 'Confusion (rows: label, columns: assigned)'),
    el('table', { class: 'confusion' },
      el('thead', {}, el('tr', {}, el('th'), c.assigned.map((a) => el('th', { class: 'num' }, a)))),
      el('tbody', {}, c.labels.map((l, li) => el('tr', {}, el('th', {}, l),
        c.assigned.map((a, ai) => {
          const v = at.get(li + ',' + ai) || 0;
          return el('td', { class: 'num ' + (v ? (right(li, ai) ? 'right' : 'wrong') : '') }, v ? fmt(v) : '');
        }))))));
}

function misses(s) {
  const items = [];
  for (const p of s.personas) {
    for (const [kind, list] of [['missed', p.false_negatives], ['wrongly taken', p.false_positives]]) {
      for (const m of list || []) {
        items.push(el('li', {}, el('strong', {}, p.name), ` ${kind}: ${m.reason}` + (m.detail ? ` "${m.detail}"` : '') + ` (${fmt(m.count)}) — `,
          m.top_titles.map((t, k) => [k ? ', ' : '', el('span', {
            class: 'title', role: 'button', tabindex: 0, title: 'find these leads',
            on: { click: () => { $('q').value = t.title; state.view.q = t.title; setView('all'); } },
          }, t.title), ` ×${t.count}`])));
      }
    }
  }
  return el('div', { class: 'misses' }, el('h3', {}, 'Misses'), items.length ? el('ul', {}, items) : el('p', {}, 'none'));
}

/* ---------------- suggestions (with labels) ---------------- */

// The server works them out on a thread of its own (202 until then) for
// the edit on screen; a newer edit abandons the asking (suggestSeq) and
// stops the computation on the server, so proposals of an older request
// never show for a newer one.
let suggestSeq = 0;
function suggestState(kind, text) {
  $('suggest').dataset.state = kind;
  $('suggest-state').textContent = text;
}

function suggestWait(why) {
  ++suggestSeq;
  if (!state.session || !state.session.suggest) return;
  clear($('proposals'));
  $('suggest').dataset.gen = '';
  suggestState('waiting', why);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function loadSuggest(gen) {
  if (!state.session.suggest) return;
  const seq = ++suggestSeq;
  suggestState('computing', 'computing…');
  for (let wait = 150; ; wait = Math.min(wait * 2, 1000)) {
    const r = await call(`api/suggest?gen=${gen}`);
    if (seq !== suggestSeq || !state.shown || state.shown.gen !== gen) return;
    if (r.status === 202) {
      await sleep(wait);
      if (seq !== suggestSeq) return;
      continue;
    }
    if (r.status === 409) return; // a newer edit: its own asking is on its way
    if (r.status !== 200 || !r.body) {
      suggestState('failed', (r.body && r.body.error) || `error ${r.status}`);
      return;
    }
    renderProposals(r.body, gen);
    return;
  }
}

function renderProposals(d, gen) {
  const list = d.proposals || [];
  clear($('proposals'), list.map((p, k) => el('li', { 'data-k': k },
    el('strong', {}, p.title),
    typeof p.gain === 'number'
      ? el('span', { class: 'gain' + (p.gain < 0 ? ' down' : ''), title: 'micro F1 on the labeled leads' },
        `F1 ${p.gain >= 0 ? '+' : ''}${p.gain.toFixed(3)}`) : null,
    el('button', { type: 'button', class: 'apply', on: { click: () => applyProposal(p) } }, 'Apply'),
    p.detail ? el('span', { class: 'detail' }, p.detail) : null)));
  const about = typeof d.f1 === 'number' ? ` (micro F1 now ${d.f1.toFixed(3)} on ${fmt(d.labeled)} labeled leads)` : '';
  suggestState('done', list.length ? `${list.length} proposal(s), each with those above it${about}:`
    : (d.note || 'no proposal') + about);
  $('suggest').dataset.gen = String(gen);
  $('suggest').dataset.count = String(list.length);
}

// The proposal's request in the editor: an edit like a typed one, re-run
// and compared with the request as loaded.
function applyProposal(p) {
  const text = $('text');
  text.value = p.request;
  text.focus();
  onEdit();
}

/* ---------------- save ---------------- */

async function save() {
  const r = await call('api/save', { method: 'POST', body: $('text').value,
                                     headers: { 'Content-Type': 'application/json' } });
  const out = $('saved');
  if (r.status === 200 && r.body) {
    out.className = '';
    out.textContent = `Saved to ${r.body.saved} (${fmt(r.body.bytes)} bytes).`;
  } else {
    out.className = 'failed';
    out.textContent = `Not saved: ${(r.body && r.body.error) || 'error ' + r.status}`;
  }
}

/* ---------------- start ---------------- */

async function start() {
  const r = await call('api/session');
  if (r.status !== 200 || !r.body) {
    setStatus('this page cannot reach its server', 'failed');
    return;
  }
  const s = r.body;
  state.session = s;
  for (const rule of s.lint_rules || []) if (rule.note) state.notes.add(rule.code);
  $('where').textContent = `${s.request_name} · ${fmt(s.leads)} leads from ${s.inputs.join(', ') || 'standard input'}`;
  $('save').title = `Write the edited request to ${s.save_path}`;
  $('save').disabled = !s.can_save;
  if (!s.suggest)
    suggestState('off', s.labels ? 'no proposals for this session'
      : 'Suggestions need labels: start leadsieve serve with --labels FILE or --label-field NAME.');
  const text = $('text');
  text.value = s.request;
  text.addEventListener('input', onEdit);
  text.addEventListener('scroll', syncScroll);
  for (const ev of ['click', 'keyup', 'select']) text.addEventListener(ev, showHere);
  $('reset').addEventListener('click', () => { text.value = s.request; onEdit(); });
  $('save').addEventListener('click', save);
  $('close').addEventListener('click', () => { $('explain').hidden = true; });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') $('explain').hidden = true; });
  $('show').addEventListener('change', () => setView($('show').value));
  let searching = null;
  $('q').addEventListener('input', () => {
    clearTimeout(searching);
    searching = setTimeout(() => { state.view.q = $('q').value; state.view.offset = 0; loadTable(); }, 150);
  });
  $('prev').addEventListener('click', () => { state.view.offset = Math.max(0, state.view.offset - state.view.limit); loadTable(); });
  $('next').addEventListener('click', () => { state.view.offset += state.view.limit; loadTable(); });
  state.located = locateJson(text.value);
  state.warnings = (s.base.lint && s.base.lint.warnings) || [];
  renderProblems();
  await showResults(s.base, 0);
  document.body.dataset.ready = 'true';
}

start();
