// Two builds of `leadsieve serve` side by side (bench/serve_ab.sh): both
// servers hold the same leads, each page gets the same edits in turn (one
// character on and off a function keyword, PAUSE_MS apart), so that the
// machine's load weighs on both alike and their ratio means something on
// a shared machine.  Each edit is timed by the page from the keystroke to
// the table drawn for it, next to the server's run.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require(path.join(process.env.LS_NODE_MODULES, 'playwright-core'));

const edits = Number(process.env.EDITS || 40);
const pause = Number(process.env.PAUSE_MS || 600);
const sides = { A: process.env.LEADSIEVE_A, B: process.env.LEADSIEVE_B };

function start(bin, save) {
  const child = spawn(bin, ['serve', '-j', process.env.THREADS || '2', '--request',
    process.env.REQUEST, '--save', save, process.env.LEADS_FILE], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '', err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(http:\S+\/)\n/m.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), p90: q(0.9), worst: s[s.length - 1] };
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
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-ab-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const run = {};
  for (const [name, bin] of Object.entries(sides)) {
    const server = await start(bin, path.join(dir, name + '.json'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
    const text = await page.inputValue('#text');
    const at = text.indexOf('"marketing"') + '"marketing'.length;
    await page.focus('#text');
    await page.evaluate((s) => document.getElementById('text').setSelectionRange(s, s), at);
    run[name] = { server, page, results: [] };
  }
  for (let k = 0; k < edits; k++) {
    for (const name of k % 2 ? ['B', 'A'] : ['A', 'B']) {
      const r = run[name];
      await r.page.bringToFront();
      await r.page.waitForTimeout(pause);
      r.results.push(await typed(r.page, k % 2 ? 'Backspace' : 'x'));
    }
  }
  await browser.close();
  const report = { leads_file: process.env.LEADS_FILE, edits, load_after: os.loadavg() };
  for (const [name, r] of Object.entries(run)) {
    r.server.child.kill('SIGINT');
    report[name] = { bin: sides[name], edit_latency_ms: stats(r.results.map((x) => x.latency)),
                     server_run_ms: stats(r.results.map((x) => x.run)) };
  }
  const ratio = (k, q) => report.B[k][q] / report.A[k][q];
  report.B_over_A = { latency_median: ratio('edit_latency_ms', 'median'),
                      latency_worst: ratio('edit_latency_ms', 'worst'),
                      run_median: ratio('server_run_ms', 'median') };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((e) => { console.error(e); process.exit(1); });
