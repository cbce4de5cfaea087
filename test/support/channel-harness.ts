/**
 * The real app with real grammY and Zalo bots and the real chat service, wired to the loopback Bot
 * API test doubles and a libSQL database, for the channel end-to-end tests. A database opened with
 * `openDemoDatabase` holds what a first `npm start` creates (migrations, national register, demo
 * data); `startHarness` alone only migrates. `standInChat` replaces the chat service only in
 * tests of the channels' own mechanics (polling), where the replies do not matter.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import type { Update } from "grammy/types";
import type { Hono } from "hono";
import { textReply } from "../../commands/reply.ts";
import { createApp } from "../../src/app.ts";
import { bootstrapEmbedded } from "../../src/bootstrap.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { createZaloBot } from "../../src/channels/zalo/bot.ts";
import { createZaloClient } from "../../src/channels/zalo/client.ts";
import { type ChatService, createChatService } from "../../src/chat/service.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createLog, type Log } from "../../src/log.ts";
import { createResolver, type Resolver } from "../../src/resolve/index.ts";
import { createStore, type Store } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { type FakeTelegramApi, parseTelegramHtml, startFakeTelegramApi } from "./fake-telegram-api.ts";
import { type FakeZaloApi, startFakeZaloApi } from "./fake-zalo-api.ts";

export const TELEGRAM_SECRET = "telegram-webhook-secret_0123456789";
export const ZALO_SECRET = "zalo-webhook-secret-0123456789";
export const NOW = new Date("2024-03-20T03:00:00Z");

/** A temporary directory for a file database that outlives one app ("a restart"). */
export async function tempDatabaseUrl(): Promise<{ url: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "cchc-channels-"));
  return { url: `file:${join(dir, "test.db")}`, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ApiDoubles {
  telegram: FakeTelegramApi;
  zalo: FakeZaloApi;
  close(): Promise<void>;
}

export async function startApiDoubles(): Promise<ApiDoubles> {
  const telegram = await startFakeTelegramApi();
  const zalo = await startFakeZaloApi();
  return {
    telegram,
    zalo,
    async close() {
      await Promise.all([telegram.close(), zalo.close()]);
    },
  };
}

export interface Harness {
  app: Hono;
  client: Client;
  store: Store;
  /** Every log line written, already redacted as in production. */
  logs: string[];
  close(): void;
}

/** An in-memory database as a first start leaves it: migrated, national register, demo data (~3 s). */
/** The id of the unit a text names in a year (e.g. "Tân Hồng Bình Giang", 2022); throws if not one unit. */
export async function unitIdNamed(store: Store, text: string, year: number): Promise<number> {
  const found = createResolver(await store.units.listResolvable()).resolve(text, { year });
  if (found.kind !== "unit") throw new Error(`demo data without one unit named ${text}`);
  return found.unit.id;
}

/** The messages the Telegram double delivered, as the user reads them (balanced HTML checked). */
export function telegramPlainTexts(telegram: FakeTelegramApi): string[] {
  return telegram.sentTexts().map((html) => {
    const parsed = parseTelegramHtml(html);
    if ("error" in parsed) throw new Error(`${parsed.error} in ${html}`);
    return parsed.text;
  });
}

export async function openDemoDatabase(): Promise<Client> {
  const client = openEmbedded(":memory:");
  await bootstrapEmbedded(client, { now: NOW });
  return client;
}

export interface HarnessOptions {
  apis: ApiDoubles;
  /** Default: a fresh in-memory database. Migrated here either way (a no-op when it already is). */
  client?: Client;
  /** Default: the real chat service over the store. */
  chat?: ChatService;
  now?: () => Date;
  /** Bearer token of /metrics; without it the route answers 404. */
  adminToken?: string;
}

export function realChat(store: Store, log: Log): ChatService {
  return createChatService({
    store,
    resolver: async () => createResolver(await store.units.listResolvable()),
    log,
  });
}

/** The register's index, built on first use and kept, as the app's deps keep it. */
function sharedResolver(store: Store): () => Promise<Resolver> {
  let built: Promise<Resolver> | null = null;
  return () => {
    built ??= store.units.listResolvable().then((units) => createResolver(units));
    return built;
  };
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const client = options.client ?? openEmbedded(":memory:");
  await migrate(client, await readMigrations(), NOW);
  const store = createStore(client);
  const logs: string[] = [];
  const log = createLog({ redact: (line) => line, write: (_level, line) => logs.push(line) });
  const now = options.now ?? (() => NOW);
  const chat = options.chat ?? realChat(store, log);
  const { telegram, zalo } = options.apis;
  const telegramBot = createTelegramBot({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    botInfo: telegram.botInfo,
    chat,
    store,
    log,
    now,
  });
  const zaloBot = createZaloBot({
    client: createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot }),
    chat,
    store,
    log,
    now,
  });
  const app = createApp({
    chat,
    store,
    pingDatabase: () => store.units.count(),
    telegram: { bot: telegramBot, mode: "webhook", webhookSecret: TELEGRAM_SECRET },
    zalo: { bot: zaloBot, mode: "webhook", webhookSecret: ZALO_SECRET },
    log,
    now,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    reports: { store, resolver: sharedResolver(store) },
  });
  return { app, client, store, logs, close: () => client.close() };
}

/** A stand-in for the chat service that echoes what it was given, for tests of channel mechanics. */
export const standInChat: ChatService = {
  async handle(message) {
    return textReply(`Bạn gõ: ${message.text} (${message.platform} ${message.chatType} ${message.chatId})`);
  },
};

/**
 * TEST DOUBLE of a network partition between the service and its database: while `cut`, every call
 * of the client fails as @libsql/client fails when a remote database cannot be reached.
 */
export function cuttable(client: Client): { client: Client; cut(): void; restore(): void } {
  let down = false;
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (down && ["execute", "batch", "transaction", "executeMultiple"].includes(String(property))) {
          return Promise.reject(new TypeError("fetch failed"));
        }
        return Reflect.apply(value, target, args);
      };
    },
  });
  return {
    client: proxy,
    cut: () => {
      down = true;
    },
    restore: () => {
      down = false;
    },
  };
}

let nextUpdateId = 1000;

export interface TextUpdateOptions {
  updateId?: number;
  chatId?: number;
  chatType?: "private" | "group" | "supergroup";
  userId?: number;
}

export function telegramText(text: string, options: TextUpdateOptions = {}): Update {
  const userId = options.userId ?? 4242;
  const chatId = options.chatId ?? userId;
  const chatType = options.chatType ?? (chatId > 0 ? "private" : "group");
  const updateId = options.updateId ?? nextUpdateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(NOW.getTime() / 1000),
      chat:
        chatType === "private"
          ? { id: chatId, type: "private", first_name: "Chủ tịch" }
          : { id: chatId, type: chatType, title: "UBND xã Tân Hồng" },
      from: { id: userId, is_bot: false, first_name: "Nguyễn", last_name: "Văn A" },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
        : {}),
    },
  } as Update;
}

export function telegramCallback(data: string, options: TextUpdateOptions = {}): Update {
  const userId = options.userId ?? 4242;
  const chatId = options.chatId ?? userId;
  const updateId = options.updateId ?? nextUpdateId++;
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      chat_instance: "ci",
      from: { id: userId, is_bot: false, first_name: "Nguyễn" },
      data,
      message: {
        message_id: 7,
        date: Math.floor(NOW.getTime() / 1000),
        chat:
          chatId > 0
            ? { id: chatId, type: "private", first_name: "Chủ tịch" }
            : { id: chatId, type: "group", title: "UBND xã Tân Hồng" },
        from: { id: 1, is_bot: true, first_name: "CCHC Bot" },
        text: "Có 2 đơn vị tên Tân Hồng:",
      },
    },
  } as Update;
}

/** POSTs a webhook body to the app, with the right secret unless told otherwise. */
export function postTelegram(app: Hono, update: unknown, secret: string | null = TELEGRAM_SECRET) {
  return app.request("/webhook/telegram", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
    },
    body: typeof update === "string" ? update : JSON.stringify(update),
  });
}

export function postZalo(app: Hono, body: unknown, secret: string | null = ZALO_SECRET) {
  return app.request("/webhook/zalo", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null ? {} : { "X-Bot-Api-Secret-Token": secret }),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Sixty items in Kinh Môn's week `isoWeek` of 2024: a schedule too long for one message. */
export async function addBusyWeek(store: Store, isoWeek: number): Promise<void> {
  const resolver = createResolver(await store.units.listResolvable());
  const kinhMon = resolver.resolve("Kinh Môn", { year: 2024, levels: ["district"] });
  if (kinhMon.kind !== "unit") throw new Error("demo data without Kinh Môn");
  // ISO week 1 of 2024 began on Monday 1 January.
  const monday = new Date(Date.UTC(2024, 0, 1) + (isoWeek - 1) * 7 * 86_400_000);
  const items = Array.from({ length: 60 }, (_, i) => ({
    date: new Date(monday.getTime() + (i % 5) * 86_400_000).toISOString().slice(0, 10),
    startTime: `${String(7 + Math.floor(i / 5)).padStart(2, "0")}:00`,
    endTime: null,
    title: `Cuộc họp số ${i + 1} <chuẩn bị> & tổng hợp báo cáo cải cách hành chính quý I`,
    location: "Phòng họp số 1, UBND thị xã",
    participants: "Chủ tịch, các Phó Chủ tịch UBND thị xã, trưởng các phòng chuyên môn",
    source: "test: a busy week",
    sample: true,
  }));
  await store.schedules.replaceWeek(kinhMon.unit.id, { isoYear: 2024, isoWeek }, items, {
    now: NOW,
    actor: "test",
  });
}
