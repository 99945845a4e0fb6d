import { systemClock } from '../clock';
import { createHttpDispatcher } from '../notify/http-dispatcher';
import { keychainProxyCredentials } from '../secrets/proxy-credentials';
import { LarkNotifier } from '../notify/lark-notifier';
import { TelegramNotifier } from '../notify/telegram-notifier';
import type { HandlerContext, Handlers } from './context';

/**
 * `notify.testTelegram`: one test message to the chat in settings, through the
 * proxy in settings (or the environment), with the bot token from the keychain.
 * Answers Telegram's own description on failure (e.g. "Unauthorized").
 * `notify.testLark`: one test message to the Lark webhook in the keychain,
 * through the same proxy; answers Lark's `msg` on failure.
 */
export function notifyHandlers(ctx: HandlerContext): Pick<Handlers, 'notify.testTelegram' | 'notify.testLark'> {
  return {
    'notify.testTelegram': async () => {
      const settings = ctx.settings.get();
      const dispatcher = createHttpDispatcher({ proxyUrl: settings.proxyUrl, credentials: keychainProxyCredentials(ctx.secrets, ctx.logger) });
      try {
        const telegram = new TelegramNotifier({
          chatId: settings.telegramChatId ?? '',
          secrets: ctx.secrets,
          redactor: ctx.redactor,
          logger: ctx.logger,
          clock: systemClock,
          dispatcher,
          baseUrl: ctx.telegramBaseUrl,
        });
        const result = await telegram.sendTest();
        return result.ok ? { ok: true, description: null } : { ok: false, description: result.description };
      } finally {
        await dispatcher.close();
      }
    },
    'notify.testLark': async () => {
      const dispatcher = createHttpDispatcher({ proxyUrl: ctx.settings.get().proxyUrl, credentials: keychainProxyCredentials(ctx.secrets, ctx.logger) });
      try {
        const lark = new LarkNotifier({ secrets: ctx.secrets, redactor: ctx.redactor, logger: ctx.logger, clock: systemClock, dispatcher });
        const result = await lark.sendTest();
        return result.ok ? { ok: true, description: null } : { ok: false, description: result.description };
      } finally {
        await dispatcher.close();
      }
    },
  };
}
