/**
 * What the push tests share: a migrated database with chats to send to, notices queued for them as a
 * job would, the real sender on the real ports (grammY against the loopback Bot API double, our Zalo
 * client against the Zalo double), and a wait for the outbox to settle.
 */
import type { Client } from "@libsql/client";
import { Api } from "grammy";
import { textReply } from "../../commands/reply.ts";
import { telegramPort } from "../../src/channels/telegram/port.ts";
import { webPort } from "../../src/channels/web/port.ts";
import { createZaloClient } from "../../src/channels/zalo/client.ts";
import { zaloPort } from "../../src/channels/zalo/port.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createLog } from "../../src/log.ts";
import type { PacingLimits } from "../../src/push/pacer.ts";
import type { SendPort } from "../../src/push/port.ts";
import { createSender, type RetryPolicy, type Sender } from "../../src/push/sender.ts";
import {
  type ChatPlatform,
  createStore,
  type DeliveryInput,
  type DeliveryState,
  type EnqueueResult,
  type Store,
} from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import type { FakeTelegramApi } from "./fake-telegram-api.ts";
import type { FakeZaloApi } from "./fake-zalo-api.ts";

export const T0 = new Date("2024-03-18T00:00:00Z"); // Monday 07:00 in Vietnam

export interface PushDatabase {
  client: Client;
  store: Store;
  logs: string[];
  log: ReturnType<typeof createLog>;
}

export async function openPushDatabase(client: Client = openEmbedded(":memory:")): Promise<PushDatabase> {
  await migrate(client, await readMigrations(), T0);
  const logs: string[] = [];
  const log = createLog({ redact: (line) => line, write: (_level, line) => logs.push(line) });
  return { client, store: createStore(client), logs, log };
}

/** Records `count` chats; Telegram ids from `firstId` (negative for groups). */
export async function addChats(
  store: Store,
  count: number,
  options: { platform?: ChatPlatform; firstId?: number; type?: string } = {},
): Promise<{ ref: number; chatId: string }[]> {
  const platform = options.platform ?? "telegram";
  const type = options.type ?? "private";
  const first = options.firstId ?? 700_000;
  const step = first < 0 ? -1 : 1;
  const chats: { ref: number; chatId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const chatId = String(first + i * step);
    const record = await store.chats.touch(
      { platform, chatId, type, title: type === "private" ? null : `Nhóm ${chatId}` },
      { now: T0, actor: "test" },
    );
    chats.push({ ref: record.id, chatId });
  }
  return chats;
}

/** Queues one notice for `chats`, each its own numbered text (so duplicates and order are visible). */
export async function queueNotice(
  store: Store,
  key: string,
  chats: readonly { ref: number; chatId: string }[],
  options: {
    platform?: ChatPlatform;
    notBefore?: Date;
    text?: (chatId: string) => string;
    state?: DeliveryInput["state"];
  } = {},
): Promise<EnqueueResult> {
  return store.outbox.enqueue(
    {
      key,
      job: "test",
      title: `Thông báo ${key}`,
      scopeUnitId: null,
      parentKey: null,
      summarize: false,
      runAt: T0,
      trigger: "test",
    },
    chats.map((chat) => ({
      chatRef: chat.ref,
      platform: options.platform ?? "telegram",
      subjectUnitId: null,
      optOutKey: null,
      body: textReply(options.text?.(chat.chatId) ?? `${key} → ${chat.chatId}`),
      state: options.state ?? "pending",
      notBefore: options.notBefore ?? T0,
    })),
    { now: T0, actor: "test" },
  );
}

export function telegramTestPort(api: FakeTelegramApi, timeoutSeconds = 2): SendPort {
  return telegramPort(new Api(api.token, { apiRoot: api.apiRoot, timeoutSeconds }));
}

export function zaloTestPort(api: FakeZaloApi, timeoutMs = 2000): SendPort {
  return zaloPort(createZaloClient({ token: api.token, apiRoot: api.apiRoot, timeoutMs }));
}

export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 };

export function startSender(
  db: PushDatabase,
  ports: readonly SendPort[],
  options: {
    limits?: Partial<Record<ChatPlatform, PacingLimits>>;
    retry?: Partial<RetryPolicy>;
    clock?: () => Date;
    holder?: string;
    leaseMs?: number;
    afterSettled?: (keys: readonly string[]) => Promise<void>;
  } = {},
): Sender {
  const sender = createSender({
    store: db.store,
    ports,
    limits: options.limits ?? {},
    retry: options.retry ?? FAST_RETRY,
    clock: options.clock ?? (() => new Date()),
    log: db.log,
    pollMs: 20,
    leaseMs: options.leaseMs ?? 2000,
    ...(options.holder ? { holder: options.holder } : {}),
    ...(options.afterSettled ? { afterSettled: options.afterSettled } : {}),
  });
  sender.start();
  return sender;
}

/** Waits until no delivery of these notices is pending or sending (held ones wait for their window). */
export async function settled(
  store: Store,
  keys: readonly string[],
  timeoutMs = 15_000,
): Promise<Record<DeliveryState, number>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await store.outbox.counts(keys);
    if (counts.pending + counts.sending === 0) return counts;
    if (Date.now() > until) throw new Error(`outbox not settled: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export { webPort };
