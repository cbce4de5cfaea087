import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { startTelegramPolling } from "../../src/channels/telegram/polling.ts";
import { createZaloBot } from "../../src/channels/zalo/bot.ts";
import { createZaloClient } from "../../src/channels/zalo/client.ts";
import { startZaloPolling } from "../../src/channels/zalo/polling.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { silentLog } from "../../src/log.ts";
import { createStore, type Store } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import {
  type ApiDoubles,
  NOW,
  standInChat,
  startApiDoubles,
  telegramText,
} from "../support/channel-harness.ts";
import { startFakeZaloApi, zaloTextEvent } from "../support/fake-zalo-api.ts";

let apis: ApiDoubles;
let store: Store;
const now = () => NOW;

beforeAll(async () => {
  apis = await startApiDoubles();
  const client = openEmbedded(":memory:");
  await migrate(client, await readMigrations(), NOW);
  store = createStore(client);
});
afterAll(async () => {
  await apis.close();
});

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Telegram long polling", () => {
  it("answers queued updates, once each, and stops", async () => {
    const { telegram } = apis;
    const bot = createTelegramBot({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      botInfo: telegram.botInfo,
      chat: standInChat,
      store,
      log: silentLog,
      now,
    });
    const update = telegramText("xin chào", { updateId: 77 });
    telegram.pushUpdate(update);
    const polling = startTelegramPolling(bot, silentLog);
    await eventually(() => telegram.sentTexts().length === 1);
    expect(telegram.callsTo("deleteWebhook")).toHaveLength(1);
    expect(telegram.callsTo("getUpdates")[0]?.params.allowed_updates).toEqual([
      "message",
      "callback_query",
      "my_chat_member",
    ]);
    const started = Date.now();
    await polling.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(telegram.sentTexts()).toEqual(["Bạn gõ: xin chào (telegram private 4242)"]);
  });
});

describe("Zalo long polling", () => {
  it("deletes the webhook, answers each update and survives an empty poll", async () => {
    const { zalo } = apis;
    const bot = createZaloBot({
      client: createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot }),
      chat: standInChat,
      store,
      log: silentLog,
      now,
    });
    zalo.pushUpdate(zaloTextEvent("một", { wrapped: false, messageId: "p-1" }));
    const polling = startZaloPolling({
      bot,
      client: { token: zalo.token, apiRoot: zalo.apiRoot },
      log: silentLog,
      timeoutSeconds: 30,
    });
    await eventually(() => zalo.sentTexts().length === 1);
    // The double holds an empty poll for 200 ms and answers 408: the loop just asks again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    zalo.pushUpdate(zaloTextEvent("hai", { wrapped: false, messageId: "p-2" }));
    await eventually(() => zalo.sentTexts().length === 2);
    await polling.stop();
    expect(zalo.callsTo("deleteWebhook")).toHaveLength(1);
    expect(zalo.sentTexts()).toEqual([
      "Bạn gõ: một (zalo private 6ede9afa66b88fe6d6a9)",
      "Bạn gõ: hai (zalo private 6ede9afa66b88fe6d6a9)",
    ]);
  });

  it("stops at once, in the middle of a long poll", async () => {
    const patient = await startFakeZaloApi({ maxPollMs: 20_000 });
    try {
      const bot = createZaloBot({
        client: createZaloClient({ token: patient.token, apiRoot: patient.apiRoot }),
        chat: standInChat,
        store,
        log: silentLog,
        now,
      });
      const polling = startZaloPolling({
        bot,
        client: { token: patient.token, apiRoot: patient.apiRoot },
        log: silentLog,
      });
      await eventually(() => patient.callsTo("getUpdates").length === 1);
      const started = Date.now();
      await polling.stop();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await patient.close();
    }
  });
});
