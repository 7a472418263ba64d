// The serve page's figures, measured in the page itself (bench/serve.sh):
// start-up to the first page, and edit -> updated counts and table.  Each
// edit is typed into the editor (one character added to or taken from a
// function keyword), and timed from the keystroke to the table drawn for
// it (the page's own figure, which includes its 40 ms wait for more keys),
// next to the server's run and evaluation times.  A burst of keys typed
// 60 ms apart (each sent, the page waits 40 ms for more) is timed from its
// last key: the earlier keys' runs are cancelled by the newer ones.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require(path.join(process.env.LS_NODE_MODULES, 'playwright-core'));

const edits = Number(process.env.EDITS || 40);
const pause = Number(process.env.PAUSE_MS || 1000);

function waitForUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '', err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(http:\S+\/)\n/m.exec(out);
      if (m) resolve({ url: m[1], stderr: () => err });
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { n: s.length, median: q(0.5), p90: q(0.9), worst: s[s.length - 1], best: s[0] };
};

async function typed(page, key) {
  const gen = Number(await page.getAttribute('body', 'data-gen'));
  await page.keyboard.press(key);
  await page.waitForFunction((g) => Number(document.body.dataset.gen) > g &&
    document.body.dataset.fresh === 'true' && document.body.dataset.valid === 'true' &&
    document.getElementById('table').dataset.gen === document.body.dataset.gen, gen,
    { timeout: 60000, polling: 'raf' });
  return {
    latency: Number(await page.getAttribute('body', 'data-latency')),
    run: Number(await page.getAttribute('body', 'data-run')),
    total: Number(await page.getAttribute('body', 'data-total')),
    phases: JSON.parse(await page.getAttribute('body', 'data-phases') || '{}'),
  };
}

async function main() {
  const save = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'serve-bench-')), 'r.json');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const t0 = performance.now();
  const child = spawn(process.env.LEADSIEVE, ['serve', '-j', process.env.THREADS || '2',
    '--request', process.env.REQUEST, '--save', save, process.env.LEADS_FILE],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = await waitForUrl(child);
  const tUrl = performance.now() - t0;
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  const tPage = performance.now() - t0;

  // the end of the first function keyword: a character goes on and off it
  const text = await page.inputValue('#text');
  const at = text.indexOf('"marketing"') + '"marketing'.length;
  await page.focus('#text');
  await page.evaluate((s) => document.getElementById('text').setSelectionRange(s, s), at);
  const single = [];
  for (let k = 0; k < edits; k++) {
    await page.waitForTimeout(pause);
    single.push(await typed(page, k % 2 ? 'Backspace' : 'x'));
  }
  // bursts: six keys 60 ms apart, then their last one's result
  const bursts = [];
  const cancelled0 = Number(await page.getAttribute('body', 'data-cancelled') || 0);
  for (let k = 0; k < 10; k++) {
    await page.waitForTimeout(pause);
    for (const c of 'abcde') { await page.keyboard.press(c); await page.waitForTimeout(60); }
    const r = await typed(page, 'f');
    bursts.push(r);
    for (let b = 0; b < 6; b++) await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.body.dataset.valid === 'true');
  }
  const cancelled = Number(await page.getAttribute('body', 'data-cancelled') || 0) - cancelled0;
  await browser.close();
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  const report = {
    leads_file: process.env.LEADS_FILE,
    startup: { address_ms: tUrl, first_page_ms: tPage, server_says: server.stderr().split('\n')[0] },
    edit_latency_ms: stats(single.map((r) => r.latency)),
    server_run_ms: stats(single.map((r) => r.run)),
    server_evaluate_ms: stats(single.map((r) => r.total)),
    // the page's phases of each edit (absent on a page without them)
    page_wait_ms: stats(single.map((r) => r.phases.wait || 0)),
    page_call_ms: stats(single.map((r) => r.phases.call || 0)),
    page_draw_ms: stats(single.map((r) => r.phases.draw || 0)),
    // the slowest edit's phases, and its server evaluation
    worst_edit: single.reduce((a, r) => (r.latency > a.latency ? r : a), single[0]),
    burst_last_key_latency_ms: stats(bursts.map((r) => r.latency)),
    burst_edits_cancelled_in_flight: cancelled,
  };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
