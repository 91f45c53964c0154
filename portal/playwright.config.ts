import { defineConfig } from '@playwright/test';

// Real Chromium (Debian's, Playwright cannot download its own here) against a real
// `landchain-node --dev --tmp` started by global-setup on OS-picked ports. Two workers: the scale
// tests (their own `--chain national` node), then the extension's (an account of its own on the dev
// node), run beside the dev node's two other files; those run one after the other (`workflows`
// depends on `portal`), never at once, because the same dev accounts sign in both and concurrent
// transactions of one account would race for its nonce.
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  globalSetup: './tests/global-setup.ts',
  workers: 2,
  projects: [
    { name: 'portal', testMatch: /portal\.spec\.ts$/ },
    { name: 'scale', testMatch: /scale\.spec\.ts$/ },
    { name: 'extension', testMatch: /extension\.spec\.ts$/ },
    { name: 'workflows', testMatch: /workflows\.spec\.ts$/, dependencies: ['portal'] },
    // Reads only (certificates of title: issued and verified in the browser), so it runs beside anything.
    { name: 'certificate', testMatch: /certificate\.spec\.ts$/ },
  ],
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.PORTAL_URL,
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
