/**
 * The narrow path a new Worker isolate takes: a read-only message answered from the units it can name
 * (one statement, src/store/name-keys.ts) gives the same reply, byte for byte, as over the whole
 * register, for the resolver's national table and every command over the demo's units; where it
 * could differ (a typo, a unit outside what it read) it says so and the whole register answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { narrowResolvers } from "../../src/chat/narrow.ts";
import { createChatService } from "../../src/chat/service.ts";
import { createResolver, type Resolver } from "../../src/resolve/index.ts";
import { createNarrowResolver, nameHint } from "../../src/resolve/narrow.ts";
import { cases } from "../resolve/national-cases.ts";
import { type ChatDatabase, message, openDemoDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
let db: ChatDatabase;
let full: Resolver;

beforeAll(async () => {
  db = await openDemoDatabase();
  full = createResolver(await db.store.units.listResolvable());
});
afterAll(() => db.close());

/** One message through a service that has built nothing yet, as in a new isolate; whether it fell back. */
async function narrowly(text: string): Promise<{ text: string; fellBack: boolean }> {
  let fellBack = false;
  const provider = narrowResolvers(db.store);
  const chat = createChatService({
    store: db.store,
    resolver: async () => {
      fellBack = true;
      return full;
    },
    narrowResolver: provider,
  });
  const reply = await chat.handle(message(text, { platform: "zalo", chatId: "narrow" }), now);
  return { text: replyText(reply), fellBack };
}

async function wholly(text: string): Promise<string> {
  const chat = createChatService({ store: db.store, resolver: async () => full });
  return replyText(await chat.handle(message(text, { platform: "zalo", chatId: "whole" }), now));
}

async function demoMessages(): Promise<string[]> {
  const found = await db.client.execute(
    "SELECT DISTINCT u.name, p.year FROM published_results p JOIN units u ON u.id = p.unit_id ORDER BY u.name, p.year",
  );
  const out: string[] = [];
  for (const row of found.rows) {
    const name = String(row.name);
    const year = Number(row.year);
    out.push(
      `/diem ${name} ${year}`,
      `/tieuchi ${name}`,
      `/muctieu ${name} ${year}`,
      `/hang ${name} ${year}`,
    );
  }
  out.push(
    "/tthc Bắc An 2023",
    "/tthc Tân Hồng",
    "/lich 12/2024 Kinh Môn",
    "/diem Đường An",
    "/hang Đường An",
  );
  out.push("xa tan hong duoc bao nhieu diem", "Kinh Môn", "/diem tan hongg", "/diem 10972", "/hang hcm");
  // Type words alone: nothing exact, so the whole register's near names decide.
  out.push("/hang tỉnh", "/diem quận", "/diem phuong xa", "/tieuchi huyen");
  return out;
}

describe("a read-only message answered from the units it names", () => {
  it("keeps every unit's name key up to date after the migration, the register load and the seed", async () => {
    const stale = await db.client.execute(
      "SELECT count(*) AS n FROM units WHERE name_key_of IS NOT 'v1:' || name",
    );
    expect(Number(stale.rows[0]!.n)).toBe(0);
  });

  it("gives the whole register's reply, byte for byte, to every command over the demo's units", async () => {
    const messages = await demoMessages();
    let narrowOnly = 0;
    for (const text of messages) {
      const narrow = await narrowly(text);
      expect(narrow.text, text).toBe(await wholly(text));
      if (!narrow.fellBack) narrowOnly++;
    }
    // Most are answered without the whole register (typos are not: near names need every key).
    expect(narrowOnly).toBeGreaterThan(messages.length * 0.9);
    expect((await narrowly("/diem tan hongg")).fellBack).toBe(true);
    expect((await narrowly("/diem Tan Hong 2022")).fellBack).toBe(false);
  });

  it("agrees with the whole register on the national resolver table, or says it cannot be sure", async () => {
    let sure = 0;
    let all = 0;
    for (const list of Object.values(cases)) {
      for (const { text, options } of list) {
        all++;
        const hint = nameHint(text);
        const named = await db.store.units.named(hint);
        const narrow = createNarrowResolver(named.units, named.today, hint);
        const result = narrow.resolve(text, options);
        if (narrow.unsure()) continue;
        sure++;
        expect(JSON.stringify(result), text).toBe(JSON.stringify(full.resolve(text, options)));
      }
    }
    expect(sure).toBeGreaterThan(all * 0.5);
  });

  it("counts a key made by another version of the key function as stale", async () => {
    const [row] = (
      await db.client.execute("SELECT id, name_key_of FROM units WHERE name = 'Xã Tân Hồng' LIMIT 1")
    ).rows;
    const id = Number(row!.id);
    await db.client.execute({
      sql: "UPDATE units SET name_key_of = substr(name_key_of, 4) WHERE id = ?",
      args: [id],
    });
    try {
      expect((await db.store.units.named(nameHint("Tân Hồng"))).stale).toBe(true);
      expect(await narrowResolvers(db.store)(nameHint("Tân Hồng"))).toBeNull();
      expect(await db.store.units.fillNameKeys()).toBe(1);
      expect((await db.store.units.named(nameHint("Tân Hồng"))).stale).toBe(false);
    } finally {
      await db.store.units.fillNameKeys();
    }
  });

  it("is unsure of a unit read without all its successors", async () => {
    const hint = nameHint("Tan Hong");
    const named = await db.store.units.named(hint);
    const tanHong = named.units.find((u) => u.name === "Xã Tân Hồng" && u.validTo !== null)!;
    const narrow = createNarrowResolver(named.units, named.today, hint, undefined, new Set([tanHong.id]));
    narrow.byId(tanHong.id);
    expect(narrow.unsure()).toBe(true);
  });

  it("keeps what it read for the same names a few minutes, within a bound", async () => {
    let reads = 0;
    let clock = 0;
    const units = {
      ...db.store.units,
      named: (query: Parameters<typeof db.store.units.named>[0]) => {
        reads++;
        return db.store.units.named(query);
      },
    };
    const provider = narrowResolvers({ units }, () => clock);
    const hint = nameHint("/diem Tan Hong 2022");
    const first = await provider(hint);
    const again = await provider(nameHint("/diem Tan Hong 2022"));
    expect(reads).toBe(1);
    expect(again?.resolve("Tan Hong", { year: 2022 })).toEqual(first?.resolve("Tan Hong", { year: 2022 }));
    clock += 5 * 60 * 1000 + 1;
    await provider(hint);
    expect(reads).toBe(2);
  });

  it("reads a few hundred units, not the register", async () => {
    const named = await db.store.units.named(nameHint("/diem Tan Hong Binh Giang 2022"));
    expect(named.units.length).toBeLessThan(2_000);
    expect(full.size).toBeGreaterThan(14_000);
  });
});
