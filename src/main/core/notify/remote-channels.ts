import type { Dispatcher } from 'undici';
import type { Settings } from '../../../shared/schemas/settings';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SecretStore } from '../secrets/secret-store';
import { keychainProxyCredentials } from '../secrets/proxy-credentials';
import { createHttpDispatcher } from './http-dispatcher';
import { LarkNotifier } from './lark-notifier';
import type { Notification, Notifier } from './notifier';
import { TelegramNotifier } from './telegram-notifier';

/** Construction of {@link RemoteChannels}. */
export interface RemoteChannelsOptions {
  /** Read at every message: Telegram chat id and proxy URL apply to the next message. */
  settings: () => Pick<Settings, 'telegramChatId' | 'proxyUrl'>;
  /** Bot token and webhook URL are read from it at every send. */
  secrets: SecretStore;
  redactor: Redactor;
  logger: Logger;
  /** Backoff sleeps between attempts. */
  clock: Clock;
  /** Telegram Bot API base URL; tests use a loopback server. */
  telegramBaseUrl?: string;
  /** Environment for the proxy when the setting is empty (HTTPS_PROXY / HTTP_PROXY). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

interface Generation {
  key: string;
  dispatcher: Dispatcher;
  telegram: TelegramNotifier | null;
  lark: LarkNotifier;
}

/**
 * The off-desktop channels — Telegram (when a chat id is set) and Lark
 * (always tried; it sends nothing while no webhook URL is stored) — that
 * follow the settings live: a changed chat id or proxy URL builds new
 * notifiers and a new dispatcher for the next message, while the previous
 * ones finish what they queued and are closed. Secrets are read per send by
 * the notifiers themselves, so a replaced token or webhook applies at once.
 * A proxy URL that cannot be used falls back to the environment's, with a warning.
 */
export class RemoteChannels implements Notifier {
  private current: Generation | null = null;
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly opts: RemoteChannelsOptions) {}

  /** Queues `message` on Telegram and Lark with the current settings; never throws. */
  notify(message: Notification): void {
    try {
      const gen = this.generation();
      gen.telegram?.notify(message);
      gen.lark.notify(message);
    } catch (err) {
      this.opts.logger.error({ component: 'notify', notification: message.kind, err }, 'notification could not be queued');
    }
  }

  /** Waits for every queued message (current and retiring notifiers), at most `timeoutMs`; never rejects. */
  async flush(timeoutMs: number): Promise<void> {
    const gen = this.current;
    await Promise.allSettled([gen?.telegram?.flush(timeoutMs), gen?.lark.flush(timeoutMs), ...this.retiring]);
  }

  /** Flushes (at most `timeoutMs`) and closes the dispatchers. */
  async close(timeoutMs: number): Promise<void> {
    await this.flush(timeoutMs);
    const gen = this.current;
    this.current = null;
    if (gen) await gen.dispatcher.close().catch(() => undefined);
  }

  private generation(): Generation {
    const { telegramChatId, proxyUrl } = this.opts.settings();
    const key = JSON.stringify([telegramChatId ?? null, proxyUrl ?? null]);
    if (this.current?.key === key) return this.current;
    if (this.current) this.retire(this.current);
    let dispatcher: Dispatcher;
    try {
      dispatcher = createHttpDispatcher({ proxyUrl, env: this.opts.env, credentials: keychainProxyCredentials(this.opts.secrets, this.opts.logger) });
    } catch (err) {
      this.opts.logger.warn({ component: 'notify' }, `${(err as Error).message}; notifications use the environment's proxy settings`);
      dispatcher = createHttpDispatcher({ env: this.opts.env });
    }
    const common = { secrets: this.opts.secrets, redactor: this.opts.redactor, logger: this.opts.logger, clock: this.opts.clock, dispatcher };
    this.current = {
      key,
      dispatcher,
      telegram: telegramChatId ? new TelegramNotifier({ ...common, chatId: telegramChatId, baseUrl: this.opts.telegramBaseUrl }) : null,
      lark: new LarkNotifier(common),
    };
    return this.current;
  }

  private retire(gen: Generation): void {
    const done = (async () => {
      await Promise.allSettled([gen.telegram?.flush(30_000), gen.lark.flush(30_000)]);
      await gen.dispatcher.close().catch(() => undefined);
    })();
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
  }
}
