// Browser tests: Playwright driving Debian's Chromium (never a downloaded one).
// Each test starts its own demo server on a free port of 127.0.0.1 (see
// fixtures.js), so no shared server is started here.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js$/,
  outputDir: '../../test-results/browser',
  // Generous waits: CI machines have 2 cores, and the dashboard reads every
  // customer's status from the emulator before it is ready.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
