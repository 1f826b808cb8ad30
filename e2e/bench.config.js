// Benchmarks (not tests): the same server and browser as the e2e tests, other specs.
const base = require('./playwright.config.js');
module.exports = { ...base, testDir: './bench', timeout: 180000 };
