/**
 * The Bot API unreachable while an update comes in: the webhook is answered well within Telegram's
 * 10 s whatever the Bot API does (connections dropped, or calls that never return), the reply goes to
 * the outbox, and the sender delivers it, once, when the Bot API is back. Zalo the same.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Sender } from "../../src/push/sender.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  postTelegram,
  postZalo,
  startApiDoubles,
  startHarness,
  telegramText,
} from "../support/channel-harness.ts";
import { zaloTextEvent } from "../support/fake-zalo-api.ts";
import { settled, startSender, telegramTestPort, zaloTestPort } from "../support/push.ts";

let apis: ApiDoubles;
let harness: Harness;
let nextChat = 77_000;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});
beforeEach(() => {
  apis.telegram.reset();
  apis.zalo.reset();
});

function senderFor(ports: Parameters<typeof startSender>[1]): Sender {
  return startSender(
    { client: harness.client, store: harness.store, logs: harness.logs, log: silent },
    ports,
  );
}
const silent = { info() {}, warn() {}, error() {} };

async function timed<T>(work: () => T | Promise<T>): Promise<{ value: Awaited<T>; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe("a webhook while the Bot API is unreachable", () => {
  it("answers within 10 s when every call drops, and the reply is delivered once the Bot API is back", async () => {
    const chatId = nextChat++;
    const update = telegramText("/diem Tan Hong 2022", { chatId, userId: chatId });
    apis.telegram.setDown(true);
    const { value: response, ms } = await timed(() => postTelegram(harness.app, update));
    expect(response.status).toBe(200);
    expect(ms).toBeLessThan(10_000);
    const key = `reply:telegram:${update.update_id}`;
    const [queued] = await harness.store.outbox.deliveries(key);
    expect(queued).toMatchObject({ state: "pending", partsSent: 0 });
    expect(queued?.lastError).toMatch(/lỗi mạng/);

    const sender = senderFor([telegramTestPort(apis.telegram)]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      apis.telegram.setDown(false);
      expect(await settled(harness.store, [key])).toMatchObject({ sent: 1 });
    } finally {
      await sender.stop();
    }
    const delivered = apis.telegram
      .callsTo("sendMessage")
      .filter((call) => call.status === 200 && call.params.chat_id === chatId);
    expect(delivered).toHaveLength(1);
    expect(String(delivered[0]?.params.text)).toContain("87,032/100 điểm");
    // A redelivery of the same update, now that all is well, sends nothing more.
    await postTelegram(harness.app, update);
    expect(apis.telegram.callsTo("sendMessage").filter((c) => c.status === 200)).toHaveLength(1);
  });

  it("answers within 10 s when calls never return, and queues the reply", async () => {
    const chatId = nextChat++;
    const update = telegramText("/help", { chatId, userId: chatId });
    apis.telegram.fail("sendMessage", { status: "hang", ms: 30_000 }, 3);
    const { value: response, ms } = await timed(() => postTelegram(harness.app, update));
    expect(response.status).toBe(200);
    expect(ms).toBeLessThan(10_000);
    expect(ms).toBeGreaterThan(6_000); // it did wait for the Bot API, up to its budget
    const [queued] = await harness.store.outbox.deliveries(`reply:telegram:${update.update_id}`);
    expect(queued?.state).toBe("pending");
    expect(queued?.lastError).toMatch(/hết thời gian chờ/);
  }, 20_000);

  it("does the same for Zalo", async () => {
    const chatId = `zalo-down-${nextChat++}`;
    apis.zalo.fail("sendMessage", { status: 500 }, 3);
    const event = zaloTextEvent("/help", { chatId, fromId: chatId });
    const { value: response, ms } = await timed(() => postZalo(harness.app, event));
    expect(response.status).toBe(200);
    expect(ms).toBeLessThan(10_000);
    const messageId = (event as { result: { message: { message_id: string } } }).result.message.message_id;
    const key = `reply:zalo:${messageId}`;
    const sender = senderFor([zaloTestPort(apis.zalo)]);
    try {
      expect(await settled(harness.store, [key])).toMatchObject({ sent: 1 });
    } finally {
      await sender.stop();
    }
    expect(apis.zalo.callsTo("sendMessage").map((call) => call.status)).toEqual([500, 500, 500, 200]);
  });
});
