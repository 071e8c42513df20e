import { defineConfig, devices } from '@playwright/test';

// No webServer: each spec starts its own engine, with its own SWITCHYARD_HOME and UI port.
export default defineConfig({
  testDir: '.',
  // Playwright empties its output folder at every run; a folder of its own keeps test-results/screenshots/.
  outputDir: '../test-results/playwright',
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
