// Browser tests: Playwright driving Debian's Chromium (never a downloaded one)
// against the demo server on 127.0.0.1.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.MCA_TEST_PORT ?? 18080);

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
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node ../../scripts/serve.mjs`,
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/demo/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
