// The prerendered first screen (scripts/prerender.js, src/ui/prerender.rs): a first visit sees
// the first scenario before the wasm arrives, in its language, inert, and the app then takes
// over in one task with exactly what the copy showed. A returning visitor, a share link and an
// embedded page get no copy (it would not be what the app draws).
const { test, expect } = require('@playwright/test');
const path = require('path');
const { live } = require('./helpers');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

// Holds the wasm back until `release()`.
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

// The app's DOM, or the copy's, as comparable markup: no ids (the copy drops them), no style
// attributes (the copy moves them to classes of a style sheet), form values as markup.
function markup(root) {
  const app = root.cloneNode(true);
  const live = [...root.querySelectorAll('textarea, input, select')];
  const copies = [...app.querySelectorAll('textarea, input, select')];
  copies.forEach((c, i) => {
    if (c.tagName === 'TEXTAREA') c.textContent = live[i].value;
    if (c.tagName === 'INPUT' && c.type !== 'checkbox' && c.type !== 'radio') c.setAttribute('value', live[i].value);
    if (c.tagName === 'SELECT') [...c.options].forEach((o, k) => {
      if (live[i].options[k].selected) o.setAttribute('selected', ''); else o.removeAttribute('selected');
    });
  });
  for (const e of [app, ...app.querySelectorAll('*')]) {
    for (const a of ['id', 'style', 'data-ps', 'readonly']) e.removeAttribute(a);
  }
  return app.outerHTML;
}

// The copy is taken at 1440 wide; the page is laid out by its style sheet at any width, so the
// same markup must serve a projector and a phone.
const LANGS = [
  ['en-US', 'en', 'Starting the simulated cluster…', 'Cluster', 'The app could not load. Check the connection and reload the page.', [1280, 720]],
  ['zh-CN', 'zh', '正在启动模拟集群…', '集群', '应用未能加载。请检查网络连接后重新加载页面。', [390, 844]],
];

for (const [locale, lang, note, cluster, , [width, height]] of LANGS) {
  test(`a first visit in ${lang} at ${width} wide sees the first scenario before the wasm, then the app takes over`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width, height } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Mark each animation frame, and when the copy goes and the app comes: they must share one.
    await page.addInitScript(() => {
      window.__frame = 0;
      const tick = () => { window.__frame += 1; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.removedNodes) if (n.classList && n.classList.contains('prerender')) window.__gone = window.__frame;
          for (const n of r.addedNodes) if (n.classList && n.classList.contains('app')) window.__came = window.__frame;
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const release = await holdWasm(page);
    await page.goto('./');
    const copy = page.locator(`.prerender[data-lang="${lang}"]`);
    await expect(copy).toBeVisible();
    await expect(page.locator(`.prerender:not([data-lang="${lang}"])`)).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    await expect(copy.locator('.prerender-note .starting')).toHaveText(note);
    await expect(copy.locator('.prerender-note .starting')).toBeVisible();
    await expect(copy.locator('.prerender-note .failed')).toBeHidden();
    await expect(copy.locator('[data-node]')).toHaveCount(3);
    await expect(copy.locator('[data-pod="sleeper"]')).toBeVisible();
    await expect(copy.locator('textarea')).toContainText('name: sleeper');
    expect(await page.evaluate(() => document.querySelector('.app:not(.prerender *)'))).toBeNull();
    // Inert: the copy takes no clicks, focus or typing (the learner's text cannot go into it).
    await copy.locator('textarea').click({ force: true });
    await page.keyboard.type('lost?');
    await expect(copy.locator('textarea')).not.toContainText('lost?');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement.closest('.prerender'))).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, `prerender-${lang}-${width}.png`) });
    const before = await copy.locator('.prerender-app > .app').evaluate(markup);
    release();
    await live(page);
    await expect(page.getByRole('region', { name: cluster })).toBeVisible();
    const after = await page.locator('.app').evaluate(markup);
    expect(after).toBe(before);
    await page.waitForFunction(() => window.__came !== undefined);
    const [gone, came] = await page.evaluate(() => [window.__gone, window.__came]);
    expect(gone).toBe(came);
    await expect(page.locator('html')).not.toHaveAttribute('data-pre');
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('the copy is not shown to a returning visitor, for a share link or in an embedded page', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('./');
  await live(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page).toHaveURL(/#share=/);
  const link = page.url();
  // The returning visitor is this context (it remembers the scenario); the others are first
  // visits in new contexts.
  for (const [name, url, fresh] of [['returning visitor', './', false], ['share link', link, true],
    ['embedded page', './?embed=timeline', true]]) {
    const ctx = fresh ? await browser.newContext({ viewport: { width: 390, height: 844 } }) : context;
    const other = await ctx.newPage();
    const release = await holdWasm(other);
    await other.goto(url);
    await expect(other.locator('.prerender'), name).toHaveCount(2);
    await other.waitForTimeout(300);
    await expect(other.locator('.prerender').first(), name).toBeHidden();
    await expect(other.locator('.prerender').last(), name).toBeHidden();
    expect(await other.locator('html').getAttribute('data-pre'), name).toBeNull();
    release();
    await live(other);
    await other.close();
    if (fresh) await ctx.close();
  }
  await context.close();
});

for (const [locale, lang, , , failed] of LANGS) {
  test(`when the wasm cannot be fetched, the first screen says so in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.route('**/*_bg.wasm', (route) => route.abort());
    await page.goto('./');
    const copy = page.locator(`.prerender[data-lang="${lang}"]`);
    await expect(copy.locator('.prerender-note .failed')).toBeVisible();
    await expect(copy.locator('.prerender-note .failed')).toHaveText(failed);
    await expect(copy.locator('.prerender-note .starting')).toBeHidden();
    await expect(copy.locator('[data-node]')).toHaveCount(3);
    await page.screenshot({ path: path.join(SHOTS, `prerender-failed-${lang}-1024.png`) });
    await context.close();
  });
}
