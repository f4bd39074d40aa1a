import { defineConfig } from '@playwright/test';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const yarn = `node ${path.join(root, '.yarn/releases/yarn-4.13.0.cjs')}`;

/** Browser tests against the demo portal, started exactly as `./ratchet demo` starts it. */
export default defineConfig({
  testDir: path.join(__dirname, 'tests'),
  // The demo's first start compiles the frontend (about a minute on 2 cores); tests then run in sequence.
  timeout: 120_000,
  workers: 1,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    [
      'html',
      { open: 'never', outputFolder: path.join(root, 'e2e-test-report') },
    ],
  ],
  outputDir: path.join(root, 'e2e', 'artifacts', 'results'),
  webServer: [
    {
      command: `${yarn} start backend`,
      cwd: root,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${yarn} start app`,
      cwd: root,
      url: 'http://localhost:3000',
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.RATCHET_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
