// Playwright runs against the built dist/ in Debian's Chromium (Playwright's own browser
// downloads do not work here). The site is served from a sub-path, /podlab/, as a Pages-style
// host would serve it: scripts/test.sh copies dist/ to artifacts/site/podlab/.
const { defineConfig } = require('@playwright/test');
const path = require('path');
const PORT = process.env.E2E_PORT || '8090';
const SITE = path.resolve(__dirname, '..', 'artifacts', 'site');
module.exports = defineConfig({
  testDir: './tests',
  outputDir: path.resolve(__dirname, '..', 'artifacts', 'e2e-results'),
  timeout: 30000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/podlab/`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${SITE}`,
    url: `http://127.0.0.1:${PORT}/podlab/`,
    reuseExistingServer: false,
    timeout: 30000,
  },
});
