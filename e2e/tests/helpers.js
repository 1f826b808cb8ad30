// Shared by the spec files: open the app with a clean localStorage and pick a scenario.
const { expect } = require('@playwright/test');

async function load(page, id) {
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.goto('./');
  await page.getByLabel('Scenario').selectOption(id);
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
}

module.exports = { load };
