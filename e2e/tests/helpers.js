// Shared by the spec files: open the app with a clean localStorage and pick a scenario.
const { expect } = require('@playwright/test');

async function load(page, id) {
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.goto('./');
  await page.getByLabel('Scenario').selectOption(id);
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
  await computed(page);
}

// A long run is computed a slice at a time after it shows: wait until all of it is.
async function computed(page) {
  await expect(page.getByTestId('computing')).toHaveCount(0, { timeout: 60000 });
}

module.exports = { load, computed };
