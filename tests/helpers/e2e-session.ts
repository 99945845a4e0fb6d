import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { ContractClient } from './contract-client';
import { clearKeychainService } from './keychain';
import { startServe, type ServeProcess } from './serve-process';
import { tempDir } from './temp-dir';

/** What an e2e test drives: `hedgedesk serve` on a fresh data dir and test keychain service, a contract client, Chromium on the app. */
export interface E2eSession {
  /** The server's data directory (removed by `close()`). */
  dataDir: string;
  /** The keychain service the server stores secrets under (`hedgedesk-e2e-<hex>`; emptied by `close()`). */
  keychainService: string;
  serve: ServeProcess;
  /** A contract client connected to the same server (for set-up and checks the page does not show). */
  client: ContractClient;
  browser: Browser;
  /** The page open at the server's URL (with its token), once `readySelector` is shown. */
  page: Page;
  /** Closes the client, the browser and the server, deletes the keychain service's credentials and the data dir. */
  close(): Promise<void>;
}

/** How {@link openE2eSession} opens the page. */
export interface E2eSessionOptions {
  /** Page size in CSS pixels (screenshots are taken at this size). */
  viewport: { width: number; height: number };
  /** A selector shown once the app has loaded, e.g. `[data-testid=nav-accounts]`. */
  readySelector: string;
  /** More environment for the server (e.g. a loopback Telegram API URL). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts `hedgedesk serve` on a new temp data dir with a random test keychain
 * service (`hedgedesk-e2e-<hex>`), connects a contract client, launches
 * Chromium and opens the app (en-US) until `readySelector` is shown.
 * Call `close()` in `afterAll`; whatever was opened before a failure is closed by it too.
 * @throws Error when the server does not start or the page does not load.
 */
export async function openE2eSession(opts: E2eSessionOptions): Promise<E2eSession> {
  const keychainService = `hedgedesk-e2e-${randomBytes(4).toString('hex')}`;
  const dir = tempDir();
  const opened: Partial<Pick<E2eSession, 'serve' | 'client' | 'browser'>> = {};
  const close = async () => {
    opened.client?.close();
    await opened.browser?.close();
    await opened.serve?.stop();
    await clearKeychainService(keychainService);
    dir.remove();
  };
  try {
    const serve = (opened.serve = await startServe(['--data-dir', dir.path], { ...opts.env, HEDGEDESK_KEYCHAIN_SERVICE: keychainService }));
    const url = new URL(serve.url);
    const client = (opened.client = await ContractClient.connect(Number(url.port), url.searchParams.get('token')));
    const browser = (opened.browser = await launchChromium());
    const page = await browser.newPage({ locale: 'en-US', viewport: opts.viewport });
    await page.goto(serve.url);
    await page.locator(opts.readySelector).waitFor();
    return { dataDir: dir.path, keychainService, serve, client, browser, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
