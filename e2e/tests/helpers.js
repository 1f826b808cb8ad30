// Shared by the spec files: open the app (past its prerendered first screen) with a clean
// localStorage and pick a scenario.
const { expect } = require('@playwright/test');

// Go to a page of the app and wait until the app has taken over from the prerendered first
// screen (scripts/prerender.js): before that, the page holds inert copies of the app's DOM.
async function open(page, url = './') {
  await page.goto(url);
  await live(page);
}

async function live(page) {
  await expect(page.locator('.prerender')).toHaveCount(0, { timeout: 30000 });
  await expect(page.locator('.app')).toHaveCount(1);
}

async function load(page, id) {
  await open(page);
  await page.evaluate(() => localStorage.clear());
  await open(page);
  await page.getByLabel('Scenario').selectOption(id);
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
  await computed(page);
}

// A long run is computed a slice at a time after it shows: wait until all of it is.
async function computed(page) {
  await expect(page.getByTestId('computing')).toHaveCount(0, { timeout: 60000 });
}

module.exports = { open, live, load, computed };
