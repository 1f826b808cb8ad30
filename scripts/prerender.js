#!/usr/bin/env node
// Trunk post-build step (scripts/post-build.sh; release builds, after site-files.py, before compress.js): the first screen, prerendered.
//
// The app's wasm is about a megabyte gzip; a first visitor should not wait for it to see the
// first scenario. This hook opens the built site in headless Chromium (Debian's, driven by the
// Playwright the set-up script installs for the end-to-end tests), once in English and once in
// Chinese, waits until the app has drawn its first scenario, and writes what it drew into
// index.html: `<div class="prerender" data-lang="en|zh">`, each an inert copy of the app's DOM
// with a "starting" note. Then the first render needs only the page, its style sheets and one
// small script; the wasm loads beside it and takes over (src/ui/prerender.rs removes the copies
// before the app draws, in the same task, so the screen does not flash).
//
// The copy is shown only when it is what the app will draw: a first visit (nothing stored by
// the app in this browser), no share link (`#…`), no embed query (`?…`). The small blocking
// script `prerender-HASH.js` decides that before the body is parsed and picks the language the
// app would (`Lang::from_code`: a language starting with "zh" is Chinese); the style sheet shows
// the chosen copy. The page's Content-Security-Policy forbids inline styles, so the few `style`
// attributes the app sets through the CSSOM become `data-ps="N"` with rules in
// `prerender-HASH.css`. Form controls keep their values (a textarea's text, a select's choice)
// as markup.
//
// Without Playwright (no `e2e/node_modules`: `bash scripts/setup.sh --site` installs it), the
// site is left as Trunk built it and this says so; scripts/publish.sh then refuses to publish
// it, and scripts/bundle-size.py fails the first-render budget in scripts/test.sh.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('prerender.js runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const ROOT = path.resolve(__dirname, '..');
let chromium;
try {
  ({ chromium } = require(path.join(ROOT, 'e2e', 'node_modules', 'playwright')));
} catch (e) {
  console.warn('prerender.js: Playwright is not installed (bash scripts/setup.sh --site installs it); ' +
    'the first screen is not prerendered');
  process.exit(0);
}

const LANGS = [
  { code: 'en', locale: 'en-US', note: 'Starting the simulated cluster…',
    failed: 'The app could not load. Check the connection and reload the page.' },
  { code: 'zh', locale: 'zh-CN', note: '正在启动模拟集群…',
    failed: '应用未能加载。请检查网络连接后重新加载页面。' },
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (file.endsWith('/')) file += 'index.html';
    const full = path.join(dir, path.normalize(file));
    if (!full.startsWith(dir) || !fs.existsSync(full) || fs.statSync(full).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(full)] || 'application/octet-stream' });
    fs.createReadStream(full).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// In the page: the app's DOM as markup that shows the same without the app.
function capture() {
  const app = document.querySelector('.app');
  if (!app) throw new Error('no .app element');
  if (document.querySelector('[data-testid=computing]')) throw new Error('still computing');
  for (const t of app.querySelectorAll('textarea')) {
    t.textContent = t.value;
    t.setAttribute('readonly', '');
  }
  for (const i of app.querySelectorAll('input')) {
    if (i.type === 'checkbox' || i.type === 'radio') {
      if (i.checked) i.setAttribute('checked', ''); else i.removeAttribute('checked');
    } else {
      i.setAttribute('value', i.value);
      i.setAttribute('readonly', '');
    }
  }
  for (const s of app.querySelectorAll('select')) {
    for (const o of s.options) {
      if (o.selected) o.setAttribute('selected', ''); else o.removeAttribute('selected');
    }
  }
  // Ids would repeat between the two copies and the app; nothing inert needs them.
  for (const e of app.querySelectorAll('[id]')) e.removeAttribute('id');
  app.removeAttribute('id');
  const styles = [];
  for (const e of [app, ...app.querySelectorAll('[style]')]) {
    const css = e.getAttribute('style');
    if (css === null) continue;
    let n = styles.indexOf(css);
    if (n < 0) n = styles.push(css) - 1;
    e.removeAttribute('style');
    e.setAttribute('data-ps', String(n));
  }
  return { html: app.outerHTML, styles, title: document.title };
}

function hashed(stem, ext, data) {
  return `${stem}-${crypto.createHash('sha256').update(data).digest('hex').slice(0, 16)}${ext}`;
}

const DECIDE = `// Written by scripts/prerender.js: whether the prerendered first screen is what the app will
// draw (a first visit, no share link or embed query), and in which language (as Lang::from_code).
(function () {
  var stored = null;
  try { stored = window.localStorage; } catch (e) { stored = null; }
  var get = function (k) { try { return stored ? stored.getItem(k) : null; } catch (e) { return null; } };
  if (location.hash || location.search || get('podlab.scenario') !== null) return;
  var code = get('podlab.lang') || navigator.language || '';
  var zh = code.indexOf('zh') === 0;
  document.documentElement.setAttribute('data-pre', zh ? 'zh' : 'en');
  document.documentElement.setAttribute('lang', zh ? 'zh-CN' : 'en');
  // The app's start-up module failing (the wasm not fetched or not compiled) leaves the copy
  // up: say so instead of "starting" for ever.
  var failed = function () {
    if (document.querySelector('.prerender')) document.documentElement.setAttribute('data-pre-failed', '');
  };
  window.addEventListener('error', function (e) { if (!(e.target && e.target !== window)) failed(); });
  window.addEventListener('unhandledrejection', failed);
})();
`;

// Debian's Chromium (what the set-up script installs), or another Chromium-based browser.
function browserPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .find((p) => fs.existsSync(p));
  if (!found) throw new Error('no Chromium found (bash scripts/setup.sh --site installs it; or set CHROMIUM)');
  return found;
}

(async () => {
  const dir = path.resolve(staging);
  const server = await serve(dir);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: browserPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const copies = [];
  const styles = [];
  try {
    for (const lang of LANGS) {
      const context = await browser.newContext({ locale: lang.locale, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url);
      await page.locator('.app [data-node]').first().waitFor({ timeout: 60000 });
      await page.waitForFunction(() => !document.querySelector('[data-testid=computing]'), null, { timeout: 60000 });
      // Two frames: every effect of the first render has run.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      if (errors.length) throw new Error(`the page failed while starting: ${errors.join('; ')}`);
      const shot = await page.evaluate(capture);
      await context.close();
      // The style attributes of both copies share one numbering.
      let html = shot.html.replace(/data-ps="(\d+)"/g, (_, n) => {
        const css = shot.styles[Number(n)];
        let k = styles.indexOf(css);
        if (k < 0) k = styles.push(css) - 1;
        return `data-ps="${k}"`;
      });
      copies.push(`<div class="prerender" data-lang="${lang.code}">` +
        `<p class="prerender-note" role="status"><span class="starting">${lang.note}</span>` +
        `<span class="failed">${lang.failed}</span></p>` +
        `<div class="prerender-app" inert>${html}</div></div>`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const css = '/* Written by scripts/prerender.js: the styles the app set on its first screen. */\n' +
    styles.map((s, i) => `.prerender [data-ps="${i}"] { ${s} }`).join('\n') + '\n';
  const cssName = hashed('prerender', '.css', css);
  const jsName = hashed('prerender', '.js', DECIDE);
  fs.writeFileSync(path.join(dir, cssName), css);
  fs.writeFileSync(path.join(dir, jsName), DECIDE);
  const page = path.join(dir, 'index.html');
  let index = fs.readFileSync(page, 'utf8');
  if (index.includes('class="prerender"')) throw new Error('index.html is already prerendered');
  const head = `<script src="./${jsName}"></script>\n    <link rel="stylesheet" href="./${cssName}" />\n    `;
  const at = index.indexOf('<link rel="stylesheet"');
  if (at < 0) throw new Error('index.html names no style sheet');
  if (!index.includes('<body>')) throw new Error('index.html has no <body> tag');
  index = index.slice(0, at) + head + index.slice(at);
  index = index.replace('<body>', `<body>\n    ${copies.join('\n    ')}`);
  fs.writeFileSync(page, index);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`prerender.js: first screen written (${copies.length} languages, index.html ` +
    `${kb(index.length)}, ${kb(zlib.gzipSync(index, { level: 9 }).length)} gzip)`);
})().catch((e) => {
  console.error(`prerender.js: ${e.stack || e}`);
  process.exit(1);
});
