import { defineConfig } from '@playwright/test';

// The portal against a running zombienet network's RPC node (zombienet test 0005,
// zombienet/tests/portal.js, which starts `playwright test -c playwright.zombienet.config.ts`): a
// short, read-only check in Debian's Chromium (Playwright cannot download its own here). No node
// of its own and no global setup: the spec serves the built portal (dist/, serve.mjs) itself and
// reads the network from the environment:
//   LANDCHAIN_ZOMBIE_WS          the RPC node's WebSocket URL (required)
//   LANDCHAIN_ZOMBIE_PARCEL      the JSON file test 0002's register-parcel.js wrote (required)
//   LANDCHAIN_ZOMBIE_CHAIN       the chain's name the header must show (default: Landchain zombienet)
//   LANDCHAIN_ZOMBIE_PORTAL_OUT  where the screenshots and Playwright's artifacts go
//                                (default: test-results/zombienet)
//   CHROMIUM                     the browser (default /usr/bin/chromium)
// Only tests-zombienet/ is read: the dev-node tests (tests/, playwright.config.ts) never run here.
const out = process.env.LANDCHAIN_ZOMBIE_PORTAL_OUT ?? './test-results/zombienet';

export default defineConfig({
  testDir: './tests-zombienet',
  testMatch: /\.spec\.ts$/,
  outputDir: `${out}/artifacts`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
