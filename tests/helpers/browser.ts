import { chromium, type Browser } from 'playwright-core';

/** Flags for Debian's Chromium in this sandbox: headless, no sandbox, no background network traffic. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Launches the system Chromium (`/usr/bin/chromium`); tests never download a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
