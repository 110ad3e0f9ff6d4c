// How the e2e tests (playwright.config.ts) and the perf script launch
// Debian's Chromium (`apt-get install chromium`): no sandbox (root in CI),
// no GPU, and none of the background connections that a closed network
// refuses.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
