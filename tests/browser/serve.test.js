// `leadsieve serve` in a real browser: Debian's Chromium, headless, driven
// by Playwright.  Starts the server on the bundled labeled leads plus one
// lead whose title is markup, then: the page loads; a persona keyword is
// edited and the counts change; the JSON is broken and the error shows at
// its place; a lead's explain view opens; the markup title shows as text;
// the edited request is saved; a proposal of suggest is applied in one
// click and the counts and score move; without labels the suggestions
// panel says what it needs.  Screenshots of the main views go to
// LS_SCREENSHOT_DIR.  Run by ctest (serve_browser) through run.sh.
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require(path.join(process.env.LS_NODE_MODULES, 'playwright-core'));

const src = process.env.LS_SOURCE_DIR;
const shots = process.env.LS_SCREENSHOT_DIR;
const inputs = path.join(src, 'data/examples/labeled-inputs');
const XSS = '<img src=x onerror="window.__xss=1"> Sales Manager';

function step(name) {
  console.log(`- ${name}`);
}

// Selects text in the editor, as a mouse drag would, for the keys that follow.
async function select(page, start, end) {
  await page.focus('#text');
  await page.evaluate(([s, e]) => document.getElementById('text').setSelectionRange(s, e), [start, end]);
}

// The server, and the address it prints.
function startServer(dir, labels = true) {
  const args = ['serve', '-j', '2', '--request', path.join(dir, 'request.json'),
    ...(labels ? ['--labels', path.join(inputs, 'labels.tsv')] : []),
    path.join(src, 'data/examples/labeled'), path.join(dir, 'xss.jsonl')];
  const child = spawn(process.env.LEADSIEVE, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no address in 30 s; stderr: ' + err));
    }, 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/)\n/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stderr: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadsieve-browser-'));
  fs.copyFileSync(path.join(inputs, 'request-improved.json'), path.join(dir, 'request.json'));
  fs.writeFileSync(path.join(dir, 'xss.jsonl'),
    JSON.stringify({ sales_id: 'xss-1', full_name: 'Mallory', job_title: XSS,
                     location: 'New York, New York, United States' }) + '\n');
  const browser = await chromium.launch({
    executablePath: process.env.LS_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  let server = null;
  try {
    server = await startServer(dir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
    page.on('dialog', (d) => { problems.push('dialog: ' + d.message()); d.dismiss(); });

    step('the page loads with the leads and the request as loaded');
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    assert.match(await page.textContent('#where'), /5,001 leads/);
    const matched0 = Number(await page.getAttribute('#funnel', 'data-matched'));
    assert.equal(matched0, 151, 'the request as loaded matches 150 labeled leads and the markup one');
    assert.equal(await page.getAttribute('#diff', 'data-gained'), '0');
    await page.waitForSelector('#score-body table.metrics');
    await page.screenshot({ path: path.join(shots, 'serve-main.png'), fullPage: true });

    step('a persona keyword edited: the counts change');
    const text = await page.inputValue('#text');
    const at = text.indexOf('["sales", ');
    assert.ok(at > 0);
    const before = Number(await page.getAttribute('body', 'data-gen'));
    await select(page, at + 1, at + 8);
    await page.keyboard.type('"wholesale"');
    await page.waitForFunction((g) => Number(document.body.dataset.gen) > g &&
      document.body.dataset.valid === 'true' &&
      document.getElementById('table').dataset.gen === document.body.dataset.gen, before);
    const matched1 = Number(await page.getAttribute('#funnel', 'data-matched'));
    const lost = Number(await page.getAttribute('#diff', 'data-lost'));
    assert.ok(matched1 < matched0, `matched ${matched0} -> ${matched1}`);
    assert.ok(lost > 0, `lost ${lost}`);
    assert.match(await page.textContent('#diff'), new RegExp(`−${lost} lost`));
    console.log(`  matched ${matched0} -> ${matched1}, ${lost} lost; edit to table ${await page.getAttribute('body', 'data-latency')} ms`);
    await page.click('#diff button.lost');
    await page.waitForFunction(() => document.getElementById('table').dataset.total !== undefined &&
      [...document.querySelectorAll('#rows tr')].every((r) => r.textContent.includes('lost')));
    assert.equal(Number(await page.getAttribute('#table', 'data-total')), lost);

    step('the JSON broken: the error shows at its place');
    const edited = await page.inputValue('#text');
    const prio = edited.indexOf(', 1],\n    ["Sales Managers"');
    assert.ok(prio > 0);
    await select(page, prio + 2, prio + 3);
    await page.keyboard.type('"first"');
    await page.waitForSelector('#problems li.error[data-path="personas[3][4]"]');
    assert.equal(await page.textContent('#backdrop mark.error'), '"first"');
    assert.match(await page.textContent('#problems li.error'), /priority must be an integer/);
    await page.click('#problems li.error');
    assert.match(await page.textContent('#here'), /personas\[3\]\[4\]: priority must be an integer/);
    assert.equal(await page.getAttribute('body', 'data-valid'), 'false');
    // not JSON at all: the place where it stops being JSON
    const broken = await page.inputValue('#text');
    const close = broken.lastIndexOf(']');
    await select(page, close, close + 1);
    await page.keyboard.press('Delete');
    await page.waitForSelector('#problems li.error[data-path=""]');
    assert.match(await page.textContent('#problems li.error'), /not valid JSON/);
    assert.equal(await page.locator('#backdrop mark.error').count(), 1);
    await page.screenshot({ path: path.join(shots, 'serve-invalid.png') });
    // back to the keyword edit
    await page.fill('#text', edited);
    await page.waitForFunction(() => document.body.dataset.valid === 'true');
    await page.waitForFunction(() => document.querySelectorAll('#problems li.error').length === 0);

    step("a lead's explain view");
    await page.selectOption('#show', 'all');
    await page.fill('#q', 'sales manager');
    await page.waitForFunction(() => document.querySelectorAll('#rows tr').length > 0 &&
      [...document.querySelectorAll('#rows td.title')].every((t) => /sales manager/i.test(t.textContent)));
    await page.click('#rows tr:first-child');
    await page.waitForSelector('#explain:not([hidden]) table.personas');
    assert.equal(await page.locator('#explain table.personas tbody tr').count(), 6);
    assert.match(await page.textContent('#explain'), /Each persona/);
    // under the edit, "Sales Managers" (the fifth persona) no longer takes it
    assert.equal(await page.textContent('#explain table.personas tbody tr:nth-child(5) td:first-child'), 'Sales Managers');
    assert.equal(await page.textContent('#explain table.personas tbody tr:nth-child(5) .verdict'), 'no');
    await page.screenshot({ path: path.join(shots, 'serve-explain.png') });
    await page.click('#close');

    step('a title that is markup shows as text');
    await page.fill('#q', 'onerror');
    await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 1);
    assert.equal(await page.textContent('#rows td.title'), XSS);
    assert.equal(await page.locator('#rows img, #leads img').count(), 0);
    await page.click('#rows tr:first-child');
    await page.waitForSelector('#explain:not([hidden]) .lead-title');
    assert.equal(await page.textContent('#explain .lead-title'), XSS);
    assert.equal(await page.locator('#explain img').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.click('#close');

    step('the edited request is saved beside the request');
    const wanted = await page.inputValue('#text');
    await page.click('#save');
    await page.waitForFunction(() => /^Saved to /.test(document.getElementById('saved').textContent));
    const saved = path.join(dir, 'request.edited.json');
    assert.equal(fs.readFileSync(saved, 'utf8'), wanted.endsWith('\n') ? wanted : wanted + '\n');
    assert.notEqual(fs.readFileSync(path.join(dir, 'request.json'), 'utf8'), fs.readFileSync(saved, 'utf8'));

    step('a proposal of suggest applied in one click: the counts and the score move');
    await page.click('#reset');
    await page.waitForFunction((t) => document.body.dataset.valid === 'true' &&
      document.body.dataset.fresh === 'true' && document.getElementById('text').value === t &&
      document.getElementById('diff').dataset.gained === '0' &&
      document.getElementById('diff').dataset.lost === '0', text);
    const gen0 = await page.getAttribute('body', 'data-gen');
    await page.waitForFunction((g) => document.getElementById('suggest').dataset.state === 'done' &&
      document.getElementById('suggest').dataset.gen === g, gen0, { timeout: 30000 });
    assert.ok(Number(await page.getAttribute('#suggest', 'data-count')) >= 1, 'at least one proposal');
    const detail = await page.textContent('#proposals li:first-child .detail');
    const [, f1Before, f1After] = /micro F1 (\d\.\d{3}) → (\d\.\d{3})/.exec(detail);
    assert.ok(Number(f1After) > Number(f1Before), detail);
    const microF1 = () => page.textContent('#score-body table.metrics tbody tr:nth-last-child(2) td:last-child');
    await page.waitForFunction((f) => [...document.querySelectorAll('#score-body table.metrics tbody tr')]
      .some((r) => r.firstChild.textContent === 'micro' && r.lastChild.textContent === f), f1Before);
    assert.equal(await microF1(), f1Before);
    await page.screenshot({ path: path.join(shots, 'serve-suggest.png'), fullPage: true });
    await page.click('#proposals li:first-child button.apply');
    await page.waitForFunction((g) => Number(document.body.dataset.gen) > Number(g) &&
      document.body.dataset.valid === 'true' && document.body.dataset.fresh === 'true' &&
      document.getElementById('table').dataset.gen === document.body.dataset.gen, gen0);
    assert.notEqual(await page.inputValue('#text'), text);
    const moved = Number(await page.getAttribute('#diff', 'data-gained')) +
      Number(await page.getAttribute('#diff', 'data-lost'));
    assert.ok(moved > 0, 'the proposal changes which leads match');
    // the score of the applied request is the one the proposal promised
    await page.waitForFunction((f) => [...document.querySelectorAll('#score-body table.metrics tbody tr')]
      .some((r) => r.firstChild.textContent === 'micro' && r.lastChild.textContent === f), f1After);
    const gen1 = await page.getAttribute('body', 'data-gen');
    await page.waitForFunction((g) => document.getElementById('suggest').dataset.state === 'done' &&
      document.getElementById('suggest').dataset.gen === g, gen1, { timeout: 30000 });
    console.log(`  applied: ${detail}; ${moved} lead(s) moved, micro F1 ${f1Before} -> ${await microF1()}`);
    await page.screenshot({ path: path.join(shots, 'serve-suggest-applied.png'), fullPage: true });

    step('calls without the token are refused');
    const origin = new URL(server.url).origin;
    const status = await page.evaluate(async (o) => (await fetch(o + '/api/session')).status, origin);
    assert.equal(status, 404);

    step('without labels, the suggestions panel says what they need');
    server.child.kill('SIGINT');
    await new Promise((r) => server.child.on('exit', r));
    server = await startServer(dir, false);
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    assert.equal(await page.getAttribute('#suggest', 'data-state'), 'off');
    assert.match(await page.textContent('#suggest-state'), /need labels: start leadsieve serve with --labels FILE/);
    assert.equal(await page.locator('#proposals li').count(), 0);

    assert.deepEqual(problems.filter((p) => !p.includes('404')), [], 'no error in the page');
  } finally {
    await browser.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGINT');
      await new Promise((r) => server.child.on('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('serve in the browser: ok');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
