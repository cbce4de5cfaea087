/**
 * handleOnce, the chat service's answer to a platform update: the same reply as `handle`, then the
 * claim and the chat's numbered choices in one write; a redelivery answered with nothing; an outage
 * leaving nothing claimed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Reply, replyText } from "../../commands/reply.ts";
import { createChatService, type IncomingMessage } from "../../src/chat/service.ts";
import { createResolver } from "../../src/resolve/index.ts";
import type { Store } from "../../src/store/index.ts";
import { type ChatDatabase, chatOver, message, openChatDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const text = (reply: Reply | null) => (reply === null ? null : replyText(reply));
const zalo = (t: string, chatId = "once-1"): IncomingMessage => message(t, { platform: "zalo", chatId });
const claim = (updateKey: string) => ({ platform: "zalo" as const, updateKey });

let db: ChatDatabase;
beforeAll(async () => {
  db = await openChatDatabase();
});
afterAll(() => db.close());

const rows = async (sql: string) => (await db.client.execute(sql)).rows;

describe("handleOnce", () => {
  it("answers as handle does, and claims the update with the choices offered", async () => {
    const { chat } = chatOver(db.store);
    const offered = await chat.handleOnce!(zalo("/diem Tân Hồng 2022"), now, claim("m-1"));
    expect(offered).toEqual(await chat.handle(zalo("/diem Tân Hồng 2022", "once-handle"), now));
    expect(offered!.choices.length).toBeGreaterThanOrEqual(2);
    expect(await db.store.pendingChoices.current({ platform: "zalo", chatId: "once-1" }, now)).toEqual(
      offered!.choices,
    );
    expect(await rows("SELECT update_key FROM processed_updates WHERE update_key = 'm-1'")).toHaveLength(1);

    const picked = await chat.handleOnce!(zalo("1"), later(60_000), claim("m-2"));
    expect(text(picked)).toContain(offered!.choices[0]!.label.replace(/ \(đến .*\)$/u, ""));
    // A picked number leaves the list for another pick.
    expect(text(await chat.handleOnce!(zalo("2"), later(90_000), claim("m-3")))).not.toContain(
      "Không có danh sách",
    );
  });

  it("keeps no list on Telegram, whose buttons send their command back, and reads a typed number as text", async () => {
    const { chat } = chatOver(db.store);
    const telegram = (t: string) => message(t, { platform: "telegram", chatId: "once-tg" });
    const tgClaim = (updateKey: string) => ({ platform: "telegram" as const, updateKey });
    const offered = await chat.handleOnce!(telegram("/diem Tân Hồng 2022"), now, tgClaim("t-1"));
    expect(offered!.choices.length).toBeGreaterThanOrEqual(2);
    expect(await rows("SELECT chat_id FROM pending_choices WHERE chat_id = 'once-tg'")).toHaveLength(0);
    expect(await rows("SELECT update_key FROM processed_updates WHERE update_key = 't-1'")).toHaveLength(1);

    const pressed = await chat.handleOnce!(
      telegram(offered!.choices[0]!.command),
      later(1_000),
      tgClaim("t-2"),
    );
    expect(text(pressed)).toContain(offered!.choices[0]!.label.replace(/ \(đến .*\)$/u, ""));
    const typed = text(await chat.handleOnce!(telegram("1"), later(2_000), tgClaim("t-3")));
    expect(typed).not.toContain("Không có danh sách");
    expect(typed).not.toBe(text(pressed));
  });

  it("answers a redelivery with nothing, and writes nothing for it", async () => {
    const { chat } = chatOver(db.store);
    expect(text(await chat.handleOnce!(zalo("/help", "once-2"), now, claim("m-10")))).toContain("/diem");
    const before = await db.store.tableChecksums();
    expect(await chat.handleOnce!(zalo("/help", "once-2"), later(1_000), claim("m-10"))).toBeNull();
    expect(await db.store.tableChecksums()).toEqual(before);
  });

  it("clears the list with the claim when a new question offers none", async () => {
    const { chat } = chatOver(db.store);
    await chat.handleOnce!(zalo("/diem Tân Hồng 2022", "once-3"), now, claim("m-20"));
    await chat.handleOnce!(zalo("/start", "once-3"), later(1_000), claim("m-21"));
    expect(
      await db.store.pendingChoices.current({ platform: "zalo", chatId: "once-3" }, later(2_000)),
    ).toEqual([]);
  });

  it("claims nothing and saves no choices when the database fails at the claim", async () => {
    const outage = Object.assign(new Error("disk I/O error"), { name: "LibsqlError", code: "SQLITE_IOERR" });
    const failingClaims = new Proxy(db.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== "updates") return value;
        return {
          ...target.updates,
          markProcessed: async () => Promise.reject(outage),
          markProcessedWith: async () => Promise.reject(outage),
        };
      },
    }) as Store;
    const chat = createChatService({
      store: failingClaims,
      resolver: async () => createResolver(await db.store.units.listResolvable()),
    });
    await expect(
      chat.handleOnce!(zalo("/diem Tân Hồng 2022", "once-4"), now, claim("m-30")),
    ).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
    });
    expect(await db.store.pendingChoices.current({ platform: "zalo", chatId: "once-4" }, now)).toEqual([]);
    expect(await rows("SELECT update_key FROM processed_updates WHERE update_key = 'm-30'")).toHaveLength(0);
  });
});
