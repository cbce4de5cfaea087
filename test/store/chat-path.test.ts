/**
 * What a chat message asks of the store, on :memory:, a file and over HTTP: the chat with its link in
 * one read, a published result with the units ranked beside it, a ranking without the snapshots,
 * the claim of an update with the chat's numbered choices in one write, and writes that change
 * nothing left undone.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardOfDetail } from "../../src/domain/published.ts";
import {
  createStore,
  type PublishedResultInput,
  type Store,
  type WriteContext,
} from "../../src/store/index.ts";
import { backends, openMigrated, type TestDatabase, unitInput } from "../support/databases.ts";

const at = (iso: string): WriteContext => ({ now: new Date(iso), actor: "test:chat-path" });
const ctx = at("2026-03-18T01:02:03.004Z");

const unit = unitInput;

describe.each(backends)("the store under chat messages on $name", (backend) => {
  let db: TestDatabase;
  let store: Store;
  let district: number;
  let otherDistrict: number;
  let communes: number[];
  let elsewhere: number;

  beforeAll(async () => {
    db = await openMigrated(backend);
    store = createStore(db.client);
    const province = await store.units.insert(
      unit({ code: "30", name: "Tỉnh Thử", kind: "tỉnh", level: "province" }),
      ctx,
    );
    district = await store.units.insert(
      unit({ code: "296", name: "Huyện Thử", kind: "huyện", level: "district", parentId: province }),
      ctx,
    );
    otherDistrict = await store.units.insert(
      unit({ code: "297", name: "Huyện Khác", kind: "huyện", level: "district", parentId: province }),
      ctx,
    );
    communes = [
      await store.units.insert(unit({ code: "10972", name: "Xã A", parentId: district }), ctx),
      await store.units.insert(unit({ code: "10975", name: "Xã B", parentId: district }), ctx),
      await store.units.insert(
        unit({ code: "10978", name: "Thị trấn C", kind: "thị trấn", parentId: district }),
        ctx,
      ),
    ];
    elsewhere = await store.units.insert(unit({ code: "10990", name: "Xã D", parentId: otherDistrict }), ctx);

    await store.methodologies.put(
      {
        id: "m",
        version: "1",
        title: "Bộ chỉ số thử",
        level: "commune",
        provinceCode: "30",
        yearFrom: 2020,
        yearTo: 2022,
        body: JSON.stringify({ id: "m", version: "1", fields: [] }),
        source: "test",
      },
      ctx,
    );
    const leaf = {
      criterionCode: "1.1",
      selfScore: null,
      appraisedScore: null,
      surveyScore: null,
      finalScore: 1,
      note: null,
      evidenceUrl: null,
      sample: true,
    };
    const publish = async (unitIds: number[], scopeUnitId: number, year: number) => {
      const entries: PublishedResultInput[] = [];
      for (const [i, unitId] of unitIds.entries()) {
        const saved = await store.assessments.saveDraft(
          { unitId, year, methodologyId: "m", methodologyVersion: "1", source: "test", sample: true },
          [leaf],
          ctx,
        );
        entries.push({
          assessmentId: saved.id,
          scopeUnitId,
          peerCount: unitIds.length,
          total: 90.123 - i * 1.1,
          maxPoints: 100,
          pct: 90.123 - i * 1.1,
          rank: i + 1,
          rankChange: i === 0 ? 2 : null,
          pointsChange: i === 0 ? 0.1 + 0.2 : null,
          groupCode: "A",
          groupLabel: "Nhóm A",
          ratingCode: null,
          ratingLabel: null,
          reasons: [{ message: "Lĩnh vực dưới 50%", capAt: "B" }],
          detail: { schema: 1, result: { fields: [{ code: "1", pct: 54.5 }] }, annotations: [] },
          source: "Báo Thử, 12/04/2022",
          sample: i === 1,
          origins: null,
        });
      }
      await store.published.freeze(entries, `${year + 1}-04-12`, ctx);
    };
    await publish(communes, district, 2021);
    await publish([elsewhere], otherDistrict, 2021);
    await publish(communes.slice(0, 2), district, 2022);
  });
  afterAll(async () => {
    await db.close();
  });

  describe("published results", () => {
    it("reads a result's card with every unit ranked in its scope that year, in the same query", async () => {
      const [a, b, c] = communes as [number, number, number];
      const withPeers = await store.published.cardForUnit(b, 2021);
      const { peerUnitIds, peers, card, ...result } = withPeers!;
      const { detail, ...full } = (await store.published.forUnit(b, 2021))!;
      expect(result).toEqual(full);
      expect(card).toEqual(cardOfDetail(detail));
      expect([...peerUnitIds].sort((x, y) => x - y)).toEqual([a, b, c].sort((x, y) => x - y));
      // Their standings too, each total known or not by its sample flag (no origins stored here). The
      // % passes through SQLite's JSON (15 significant digits): a published % (two decimals) survives
      // exactly, this test's 90.123 − 1.1 only to 1e-12.
      const ranked = await store.published.ranking(district, 2021);
      const byId = new Map(peers.map((p) => [p.unitId, p]));
      expect(byId.size).toBe(ranked.length);
      for (const r of ranked) {
        expect(byId.get(r.unitId)?.totalKnown).toBe(!r.sample);
        expect(byId.get(r.unitId)?.pct).toBeCloseTo(r.pct, 12);
      }
      // Origins of a shape this code does not know count for nothing: the sample flag decides.
      const sampled = ranked.find((r) => r.sample)!;
      await db.client.execute({
        sql: "UPDATE published_results SET origins = ? WHERE unit_id = ? AND year = 2021",
        args: ['{"schema":9,"total":"published"}', sampled.unitId],
      });
      const reread = await store.published.cardForUnit(b, 2021);
      expect(reread?.peers.find((p) => p.unitId === sampled.unitId)?.totalKnown).toBe(false);
      await db.client.execute({
        sql: "UPDATE published_results SET origins = NULL WHERE unit_id = ? AND year = 2021",
        args: [sampled.unitId],
      });
      expect((await store.published.cardForUnit(a, 2022))?.peerUnitIds.sort()).toEqual([a, b].sort());
      expect((await store.published.cardForUnit(elsewhere, 2021))?.peerUnitIds).toEqual([elsewhere]);
      expect(await store.published.cardForUnit(c, 2022)).toBeNull();
    });

    it("gives the figures as stored, reals to the last digit", async () => {
      const first = await store.published.forUnit(communes[0]!, 2021);
      expect(first).toMatchObject({ total: 90.123, pct: 90.123, pointsChange: 0.1 + 0.2, rankChange: 2 });
      expect(first?.pointsChange).toBe(0.30000000000000004);
    });

    it("reads a ranking as byScope does, without the detail and reasons", async () => {
      const full = await store.published.byScope(district, 2021);
      const ranking = await store.published.ranking(district, 2021);
      expect(ranking.map((entry) => entry.unitId)).toEqual(communes);
      expect(ranking).toEqual(full.map(({ detail: _detail, reasons: _reasons, ...entry }) => entry));
      expect(await store.published.ranking(district, 2020)).toEqual([]);
    });
  });

  describe("chats", () => {
    it("records a new chat with no link, then reads it unchanged without writing", async () => {
      const first = await store.chats.touchLinked(
        { platform: "telegram", chatId: "700", type: "private", title: null },
        ctx,
      );
      expect(first.link).toBeNull();
      expect(first.chat).toMatchObject({ chatId: "700", status: "active", createdAt: ctx.now.toISOString() });
      expect(first.chat).toEqual(await store.chats.get("telegram", "700"));

      const before = await store.tableChecksums();
      const again = await store.chats.touchLinked(
        { platform: "telegram", chatId: "700", type: "private", title: null },
        at("2026-03-19T00:00:00Z"),
      );
      expect(again).toEqual(first);
      expect(await store.tableChecksums()).toEqual(before);
      expect(
        (await store.audit.list({ entity: "chat", entityId: "telegram:700" })).map((a) => a.action),
      ).toEqual(["chat.touch"]);
    });

    it("returns the chat's link, also when the same read records a new title", async () => {
      const group = await store.chats.touch(
        { platform: "zalo", chatId: "g-1", type: "group", title: "UBND" },
        ctx,
      );
      await store.subscriptions.set(group.id, communes[2]!, "officer", ctx);
      const seen = await store.chats.touchLinked(
        { platform: "zalo", chatId: "g-1", type: "group", title: "UBND" },
        ctx,
      );
      expect(seen.link).toEqual({ unitId: communes[2], role: "officer" });

      const renamed = await store.chats.touchLinked(
        { platform: "zalo", chatId: "g-1", type: "group", title: "UBND thị trấn C" },
        at("2026-03-20T00:00:00Z"),
      );
      expect(renamed.chat).toMatchObject({
        id: group.id,
        title: "UBND thị trấn C",
        updatedAt: "2026-03-20T00:00:00.000Z",
      });
      expect(renamed.link).toEqual({ unitId: communes[2], role: "officer" });
      expect(renamed.chat).toEqual(await store.chats.get("zalo", "g-1"));
    });
  });

  describe("numbered choices and claims", () => {
    const key = { platform: "zalo" as const, chatId: "z-9" };
    const choices = [
      { label: "Chi tiết từng lĩnh vực", command: "/tieuchi #1 2021" },
      { label: "Bảng xếp hạng huyện Thử", command: "/hang #2 2021" },
    ];
    const minutes = (n: number) => new Date(ctx.now.getTime() + n * 60_000);

    it("offers choices, and writes nothing when the same are offered again soon after", async () => {
      await store.pendingChoices.offer(key, choices, ctx.now, minutes(30));
      const before = await store.tableChecksums();
      await store.pendingChoices.offer(key, choices, minutes(0.5), minutes(30.5));
      expect(await store.tableChecksums()).toEqual(before);
      expect(await store.pendingChoices.current(key, minutes(29))).toEqual(choices);
    });

    it("rewrites the same choices when the list would otherwise expire a minute early or more", async () => {
      await store.pendingChoices.offer(key, choices, minutes(5), minutes(35));
      expect(await store.pendingChoices.current(key, minutes(34))).toEqual(choices);
      const later = await db.client.execute("SELECT offered_at FROM pending_choices WHERE chat_id = 'z-9'");
      expect(later.rows[0]?.offered_at).toBe(minutes(5).toISOString());
    });

    it("replaces different choices at once, and an empty offer clears them", async () => {
      await store.pendingChoices.offer(key, choices.slice(1), minutes(6), minutes(36));
      expect(await store.pendingChoices.current(key, minutes(6))).toEqual(choices.slice(1));
      await store.pendingChoices.offer(key, [], minutes(7), minutes(37));
      expect(await store.pendingChoices.current(key, minutes(7))).toEqual([]);
    });

    it("claims an update and records its choices in one write, once", async () => {
      const offer = { key, offer: choices, now: ctx.now, expiresAt: minutes(30) };
      expect(await store.updates.markProcessedWith("zalo", "m-1", ctx.now, offer)).toBe(true);
      expect(await store.pendingChoices.current(key, ctx.now)).toEqual(choices);
      expect(await store.updates.markProcessedWith("zalo", "m-1", ctx.now, offer)).toBe(false);
      expect(await store.updates.markProcessed("zalo", "m-1", ctx.now)).toBe(false);

      expect(await store.updates.markProcessedWith("zalo", "m-2", ctx.now, { key, clear: true })).toBe(true);
      expect(await store.pendingChoices.current(key, ctx.now)).toEqual([]);
    });

    it("leaves nothing behind when the write fails", async () => {
      const before = await store.tableChecksums();
      const bad = {
        key: { platform: "fax" as never, chatId: "x" },
        offer: choices,
        now: ctx.now,
        expiresAt: minutes(1),
      };
      await expect(store.updates.markProcessedWith("zalo", "m-3", ctx.now, bad)).rejects.toThrow();
      expect(await store.tableChecksums()).toEqual(before);
      expect(await store.updates.markProcessed("zalo", "m-3", ctx.now)).toBe(true);
    });
  });

  describe("concurrent writes", () => {
    it("each commits, or fails, as if it had been alone", async () => {
      const claims = Array.from({ length: 12 }, (_, i) =>
        store.updates.markProcessed("telegram", `c-${i}`, ctx.now),
      );
      const refused = store.chats.touch(
        { platform: "telegram", chatId: "", type: "private", title: null },
        ctx,
      );
      const twice = [
        store.updates.markProcessed("telegram", "same", ctx.now),
        store.updates.markProcessed("telegram", "same", ctx.now),
      ];
      const [settled, refusal, same] = await Promise.all([
        Promise.all(claims),
        refused.then(
          () => "written",
          () => "refused",
        ),
        Promise.all(twice),
      ]);
      expect(settled).toEqual(claims.map(() => true));
      expect(refusal).toBe("refused");
      expect([...same].sort()).toEqual([false, true]);
      const stored = await db.client.execute(
        "SELECT count(*) AS n FROM processed_updates WHERE update_key LIKE 'c-%' OR update_key = 'same'",
      );
      expect(Number(stored.rows[0]?.n)).toBe(13);
      expect(await store.chats.get("telegram", "")).toBeNull();
    });
  });
});
