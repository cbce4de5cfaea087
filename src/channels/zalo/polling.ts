/**
 * Long polling for development: deletes the webhook (getUpdates fails while one is set), then asks
 * for one update at a time. `stop()` aborts the poll in flight, so shutdown does not wait for it.
 */
import type { Log } from "../../log.ts";
import type { Polling } from "../polling.ts";
import type { ZaloBot } from "./bot.ts";
import { createZaloClient, type ZaloClientOptions } from "./client.ts";

export interface ZaloPollingOptions {
  bot: ZaloBot;
  /** The polling connection gets its own client, so aborting it leaves the bot's sends alone. */
  client: ZaloClientOptions;
  log: Log;
  /** Long-poll duration per request. Default 30 s. */
  timeoutSeconds?: number;
  /** Pause after a failed poll, doubled up to a minute. Default 1 s. */
  retryDelayMs?: number;
}

export function startZaloPolling(options: ZaloPollingOptions): Polling {
  const { bot, log } = options;
  const stopping = new AbortController();
  const baseFetch = options.client.fetch ?? globalThis.fetch.bind(globalThis);
  const client = createZaloClient({
    ...options.client,
    fetch: (input, init) =>
      baseFetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, stopping.signal]) : stopping.signal,
      }),
  });
  const firstDelay = options.retryDelayMs ?? 1000;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener("abort", done, { once: true });
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
    });

  async function loop(): Promise<void> {
    let delay = firstDelay;
    let webhookDeleted = false;
    while (!stopping.signal.aborted) {
      try {
        if (!webhookDeleted) {
          await client.deleteWebhook();
          webhookDeleted = true;
          log.info("zalo polling started");
        }
        const update = await client.getUpdates({ timeoutSeconds: options.timeoutSeconds ?? 30 });
        if (update) await bot.handleUpdate(update);
        delay = firstDelay;
      } catch (error) {
        if (stopping.signal.aborted) break;
        log.warn("zalo polling failed; retrying", { error, retryInMs: delay });
        await pause(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  const running = loop();
  return {
    async stop() {
      stopping.abort();
      await running;
      log.info("zalo polling stopped");
    },
  };
}
