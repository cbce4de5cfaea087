/** The store's contract, run identically on :memory:, a file, and over HTTP through the Hrana test server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, type Store, type WriteContext } from "../../src/store/index.ts";
import { backends, openMigrated, type TestDatabase, unitInput } from "../support/databases.ts";

const at = (iso: string): WriteContext => ({ now: new Date(iso), actor: "test:contract" });
const ctx = at("2026-03-18T01:02:03.004Z");

const unit = unitInput;

describe.each(backends)("store contract on $name", (backend) => {
  let db: TestDatabase;
  let store: Store;
  let province: number;
  let district: number;
  let communeA: number;
  let communeB: number;

  beforeAll(async () => {
    db = await openMigrated(backend);
    store = createStore(db.client);
    province = await store.units.insert(
      unit({ code: "30", name: "Tỉnh Thử", kind: "tỉnh", level: "province", validTo: "2025-06-30" }),
      ctx,
    );
    district = await store.units.insert(
      unit({
        code: "296",
        name: "Huyện Thử",
        kind: "huyện",
        level: "district",
        parentId: province,
        validTo: "2025-06-30",
      }),
      ctx,
    );
    communeA = await store.units.insert(
      unit({ code: "10972", name: "Xã A", parentId: district, validTo: "2025-06-30" }),
      ctx,
    );
    communeB = await store.units.insert(
      unit({ code: "10975", name: "Xã B", parentId: district, validTo: "2025-06-30" }),
      ctx,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  describe("units", () => {
    it("finds by code within a window and walks the path", async () => {
      expect(
        (await store.units.findByCode("10972", { from: "2020-01-01", to: "2020-12-31" })).map((u) => u.id),
      ).toEqual([communeA]);
      expect(await store.units.findByCode("10972", { from: "2025-07-01", to: "2025-12-31" })).toEqual([]);
      expect((await store.units.path(communeA)).map((u) => u.id)).toEqual([communeA, district, province]);
      expect((await store.units.children(district)).map((u) => u.name)).toEqual(["Xã A", "Xã B"]);
      const below = await store.units.descendants(province, { from: "2020-01-01", to: "2020-12-31" });
      expect(below.map((u) => [u.code, u.parentCode])).toEqual([
        ["10972", "296"],
        ["10975", "296"],
        ["296", "30"],
      ]);
      expect(await store.units.descendants(province, { from: "2026-01-01", to: "2026-12-31" })).toEqual([]);
    });

    it("refuses a second unit with the same code and level in an overlapping window, and allows a later one", async () => {
      await expect(
        store.units.insert(unit({ code: "10972", name: "Trùng", validFrom: "2025-01-01" }), ctx),
      ).rejects.toThrow(/UNIT_CODE_OVERLAP/);
      const later = await store.units.insert(
        unit({ code: "10972", name: "Xã Mới", validFrom: "2025-07-01" }),
        ctx,
      );
      await store.units.addLineage(
        {
          predecessorId: communeA,
          successorId: later,
          kind: "full",
          effectiveDate: "2025-07-01",
          legalBasis: null,
          source: "test",
        },
        ctx,
      );
      expect((await store.units.successors(communeA)).map((l) => l.unit.name)).toEqual(["Xã Mới"]);
      expect((await store.units.predecessors(later)).map((l) => l.unit.name)).toEqual(["Xã A"]);
    });
  });

  describe("processed updates", () => {
    it("marks an update once: true the first time, false after", async () => {
      expect(await store.updates.markProcessed("telegram", "1001", ctx.now)).toBe(true);
      expect(await store.updates.markProcessed("telegram", "1001", ctx.now)).toBe(false);
      expect(await store.updates.markProcessed("zalo", "1001", ctx.now)).toBe(true);
    });

    it("stores the time passed in, never the clock, and prunes by it", async () => {
      await store.updates.markProcessed("telegram", "old-one", new Date("2001-02-03T04:05:06.007Z"));
      const row = await db.client.execute(
        "SELECT processed_at FROM processed_updates WHERE update_key = 'old-one'",
      );
      expect(row.rows[0]?.processed_at).toBe("2001-02-03T04:05:06.007Z");
      expect(await store.updates.prune(new Date("2010-01-01T00:00:00Z"))).toBe(1);
      expect(await store.updates.markProcessed("telegram", "old-one", ctx.now)).toBe(true);
    });
  });

  describe("chats, subscriptions and invites", () => {
    it("records a chat once, audits only real changes, and stamps the given time", async () => {
      const chat = await store.chats.touch(
        { platform: "telegram", chatId: "-100123", type: "group", title: "UBND xã A" },
        ctx,
      );
      expect(chat).toMatchObject({
        chatId: "-100123",
        status: "active",
        createdAt: ctx.now.toISOString(),
        quietHours: null,
        optOuts: [],
      });
      const before = await store.tableChecksums();
      await store.chats.touch(
        { platform: "telegram", chatId: "-100123", type: "group", title: "UBND xã A" },
        at("2026-03-19T00:00:00Z"),
      );
      expect(await store.tableChecksums()).toEqual(before);
      const renamed = await store.chats.touch(
        { platform: "telegram", chatId: "-100123", type: "group", title: "Xã A" },
        at("2026-03-19T00:00:00Z"),
      );
      expect(renamed).toMatchObject({ id: chat.id, title: "Xã A", updatedAt: "2026-03-19T00:00:00.000Z" });
      expect(
        (await store.audit.list({ entity: "chat", entityId: "telegram:-100123" })).map((a) => a.action),
      ).toEqual(["chat.touch", "chat.touch"]);
    });

    it("blocks and reactivates a chat, and sets quiet hours and opt-outs", async () => {
      expect(await store.chats.setStatus("telegram", "-100123", "blocked", ctx)).toBe(true);
      expect((await store.chats.get("telegram", "-100123"))?.status).toBe("blocked");
      expect(await store.chats.setStatus("telegram", "-100123", "active", ctx)).toBe(true);
      expect(await store.chats.setStatus("telegram", "nobody", "blocked", ctx)).toBe(false);
      const chat = await store.chats.get("telegram", "-100123");
      await store.chats.setQuietHours(chat?.id ?? 0, { start: "22:00", end: "06:30" }, ctx);
      await store.chats.setOptOuts(chat?.id ?? 0, ["weekly", "announce", "weekly"], ctx);
      expect(await store.chats.getById(chat?.id ?? 0)).toMatchObject({
        quietHours: { start: "22:00", end: "06:30" },
        optOuts: ["announce", "weekly"],
      });
      await expect(store.chats.setOptOuts(999_999, [], ctx)).rejects.toMatchObject({
        code: "CHAT_NOT_FOUND",
      });
    });

    it("redeems an invite once: links the chat, then says used, expired or unknown", async () => {
      const chat = await store.chats.touch(
        { platform: "zalo", chatId: "u-42", type: "user", title: null },
        ctx,
      );
      await store.invites.create(
        { code: "ABC-123", unitId: communeA, role: "chair", expiresAt: new Date("2026-03-25T00:00:00Z") },
        ctx,
      );
      await store.invites.create(
        { code: "OLD-1", unitId: communeB, role: "officer", expiresAt: new Date("2026-03-01T00:00:00Z") },
        ctx,
      );

      expect(await store.invites.redeem("ABC-123", chat.id, ctx)).toEqual({
        status: "linked",
        unitId: communeA,
        role: "chair",
      });
      expect(await store.subscriptions.get(chat.id)).toMatchObject({
        unitId: communeA,
        role: "chair",
        createdAt: ctx.now.toISOString(),
      });
      expect(await store.invites.redeem("ABC-123", chat.id, ctx)).toEqual({
        status: "used",
        usedAt: ctx.now.toISOString(),
      });
      expect(await store.invites.redeem("OLD-1", chat.id, ctx)).toEqual({
        status: "expired",
        expiresAt: "2026-03-01T00:00:00.000Z",
      });
      expect(await store.invites.redeem("NOPE", chat.id, ctx)).toEqual({ status: "unknown" });
      expect(await store.subscriptions.get(chat.id)).toMatchObject({ unitId: communeA });
    });

    it("links, lists and unlinks subscriptions, leaving blocked chats out of the list", async () => {
      const group = await store.chats.get("telegram", "-100123");
      await store.subscriptions.set(group?.id ?? 0, communeA, "officer", ctx);
      expect((await store.subscriptions.listForUnit(communeA)).length).toBe(2);
      await store.chats.setStatus("telegram", "-100123", "blocked", ctx);
      expect((await store.subscriptions.listForUnit(communeA)).length).toBe(1);
      expect((await store.subscriptions.listForUnit(communeA, { includeBlocked: true })).length).toBe(2);
      await store.chats.setStatus("telegram", "-100123", "active", ctx);
      expect(await store.subscriptions.remove(group?.id ?? 0, ctx)).toBe(true);
      expect(await store.subscriptions.remove(group?.id ?? 0, ctx)).toBe(false);
    });

    it("keeps a group's link when Telegram upgrades it to a supergroup", async () => {
      const group = await store.chats.touch(
        { platform: "telegram", chatId: "-555", type: "group", title: "Tổ công tác" },
        ctx,
      );
      await store.subscriptions.set(group.id, communeB, "officer", ctx);
      expect(await store.chats.changeChatId("telegram", "-555", "-100555", ctx)).toBe(true);
      const moved = await store.chats.get("telegram", "-100555");
      expect(moved?.id).toBe(group.id);
      expect(await store.subscriptions.get(group.id)).toMatchObject({ unitId: communeB });
      await expect(store.chats.changeChatId("telegram", "-100123", "-100555", ctx)).rejects.toMatchObject({
        code: "CHAT_ID_TAKEN",
      });
    });
  });

  describe("methodologies, assessments and published results", () => {
    const methodology = {
      id: "hd-commune",
      version: "2021.1",
      title: "Bộ chỉ số thử",
      level: "commune" as const,
      provinceCode: "30",
      yearFrom: 2020,
      yearTo: 2022,
      body: JSON.stringify({ id: "hd-commune", version: "2021.1", fields: [] }),
      source: "test",
    };
    const leaves = [
      {
        criterionCode: "1.1",
        selfScore: 2,
        appraisedScore: 1.5,
        surveyScore: null,
        finalScore: 1.5,
        note: "thiếu",
        evidenceUrl: null,
        sample: true,
      },
      {
        criterionCode: "1.2",
        selfScore: null,
        appraisedScore: null,
        surveyScore: 4.25,
        finalScore: 4.25,
        note: null,
        evidenceUrl: "https://x.vn/a",
        sample: true,
      },
    ];
    const draft = (unitId: number) => ({
      unitId,
      year: 2021,
      methodologyId: "hd-commune",
      methodologyVersion: "2021.1",
      source: "test",
      sample: true,
    });

    it("stores a methodology version once and refuses the same version with other content", async () => {
      expect(await store.methodologies.put(methodology, ctx)).toBe("inserted");
      expect(await store.methodologies.put(methodology, ctx)).toBe("unchanged");
      await expect(store.methodologies.put({ ...methodology, body: "{}" }, ctx)).rejects.toMatchObject({
        code: "METHODOLOGY_VERSION_CHANGED",
      });
      expect(
        (await store.methodologies.applicable({ provinceCode: "30", level: "commune", year: 2021 })).map(
          (m) => m.version,
        ),
      ).toEqual(["2021.1"]);
      expect(
        await store.methodologies.applicable({ provinceCode: "30", level: "commune", year: 2023 }),
      ).toEqual([]);
    });

    it("saves a draft with its leaf scores, and saving the same again changes nothing", async () => {
      const saved = await store.assessments.saveDraft(draft(communeA), leaves, ctx);
      expect(saved.change).toBe("inserted");
      expect(await store.assessments.scores(saved.id)).toEqual(leaves);
      const before = await store.tableChecksums();
      expect(
        (
          await store.assessments.saveDraft(
            draft(communeA),
            [...leaves].reverse(),
            at("2026-04-01T00:00:00Z"),
          )
        ).change,
      ).toBe("unchanged");
      expect(await store.tableChecksums()).toEqual(before);
      const changed = await store.assessments.saveDraft(draft(communeA), leaves.slice(0, 1), ctx);
      expect(changed).toEqual({ id: saved.id, change: "updated" });
      expect(await store.assessments.scores(saved.id)).toHaveLength(1);
      // Audited under the unit: the criteria it no longer has, before → nothing.
      const [audit] = await store.audit.list({ entity: "assessment", entityId: `${communeA}/2021` });
      expect(audit).toMatchObject({ action: "assessment.update", unitId: communeA });
      expect(audit?.details.scores).toEqual(
        leaves.slice(1).map((l) => ({
          criterion: l.criterionCode,
          before: {
            final: l.finalScore,
            self: l.selfScore,
            appraised: l.appraisedScore,
            note: l.note,
            sample: l.sample,
          },
          after: null,
        })),
      );
      await store.assessments.saveDraft(draft(communeB), leaves, ctx);
      expect((await store.assessments.forUnits([communeA, communeB], 2021)).map((a) => a.status)).toEqual([
        "draft",
        "draft",
      ]);
    });

    it("freezes a scope's results at publication and serves them by scope and by unit", async () => {
      const a = await store.assessments.get(communeA, 2021);
      const b = await store.assessments.get(communeB, 2021);
      const snapshot = (assessmentId: number, rank: number, total: number) => ({
        assessmentId,
        scopeUnitId: district,
        peerCount: 2,
        total,
        maxPoints: 100,
        pct: total,
        rank,
        rankChange: null,
        pointsChange: null,
        groupCode: "good",
        groupLabel: "Tốt",
        ratingCode: "HTT",
        ratingLabel: "Hoàn thành tốt nhiệm vụ",
        reasons: [{ code: "CAP", text: "Lĩnh vực dưới 50%" }],
        detail: { fields: [{ code: "1", pct: 54.5 }] },
        source: "Báo Hải Dương, 12/04/2022",
        sample: true,
        origins: null,
      });
      await store.published.freeze(
        [snapshot(b?.id ?? 0, 1, 87.03), snapshot(a?.id ?? 0, 2, 80.5)],
        "2022-04-12",
        ctx,
      );

      const ranking = await store.published.byScope(district, 2021);
      expect(ranking.map((r) => [r.unitId, r.rank, r.total])).toEqual([
        [communeB, 1, 87.03],
        [communeA, 2, 80.5],
      ]);
      expect(ranking[0]).toMatchObject({
        methodologyVersion: "2021.1",
        publishedOn: "2022-04-12",
        reasons: [{ code: "CAP", text: "Lĩnh vực dưới 50%" }],
      });
      expect(await store.published.forUnit(communeA, 2021)).toMatchObject({
        pct: 80.5,
        detail: { fields: [{ code: "1", pct: 54.5 }] },
      });
      expect(await store.published.years(communeA)).toEqual([2021]);
      expect(await store.published.forUnit(communeA, 2022)).toBeNull();

      await expect(store.assessments.saveDraft(draft(communeA), leaves, ctx)).rejects.toMatchObject({
        code: "ASSESSMENT_PUBLISHED",
      });
      await expect(
        store.published.freeze([snapshot(a?.id ?? 0, 1, 1)], "2022-05-01", ctx),
      ).rejects.toMatchObject({ code: "ASSESSMENT_PUBLISHED" });
    });

    it("withdraws a publication back to draft", async () => {
      expect(await store.published.withdraw(district, 2021, ctx)).toBe(2);
      expect(await store.published.byScope(district, 2021)).toEqual([]);
      expect((await store.assessments.get(communeA, 2021))?.status).toBe("draft");
      expect(await store.published.withdraw(district, 2021, ctx)).toBe(0);
    });
  });

  describe("TTHC statistics and work schedules", () => {
    const stats = (periodEnd: string, received: number) => ({
      unitId: communeA,
      periodStart: "2022-01-01",
      periodEnd,
      received,
      resolvedEarly: 10,
      resolvedOnTime: received - 12,
      resolvedLate: 2,
      pendingInTime: 0,
      pendingOverdue: 0,
      apologiesSent: 2,
      asOf: null,
      source: "test",
      sample: false,
    });

    it("upserts statistics by unit and period, rewriting nothing that did not change", async () => {
      await store.tthc.put([stats("2022-06-30", 100), stats("2022-12-31", 210)], ctx);
      const before = await store.tableChecksums();
      await store.tthc.put([stats("2022-06-30", 100)], at("2026-05-01T00:00:00Z"));
      expect(await store.tableChecksums()).toEqual(before);
      await store.tthc.put([stats("2022-06-30", 101)], ctx);
      expect((await store.tthc.forUnit(communeA)).map((s) => [s.periodEnd, s.received])).toEqual([
        ["2022-12-31", 210],
        ["2022-06-30", 101],
      ]);
      expect(await store.tthc.get(communeA, "2022-01-01", "2022-06-30")).toMatchObject({
        resolvedOnTime: 89,
      });
    });

    it("counts the same figures from another source as unchanged, and rewrites the source with a change", async () => {
      await store.tthc.put([stats("2022-03-31", 50)], ctx);
      const before = await store.tableChecksums();
      const resent = { ...stats("2022-03-31", 50), source: "Tệp tthc-lan-2.csv" };
      expect(await store.tthc.put([resent], at("2026-05-02T00:00:00Z"))).toEqual(["unchanged"]);
      expect(await store.tableChecksums()).toEqual(before);
      expect((await store.tthc.get(communeA, "2022-01-01", "2022-03-31"))?.source).toBe("test");

      expect(await store.tthc.put([{ ...resent, received: 51, resolvedOnTime: 39 }], ctx)).toEqual([
        "updated",
      ]);
      expect(await store.tthc.get(communeA, "2022-01-01", "2022-03-31")).toMatchObject({
        received: 51,
        source: "Tệp tthc-lan-2.csv",
      });
      const [audit] = await store.audit.list({ entity: "unit", entityId: String(communeA), limit: 1 });
      expect(audit?.details).toMatchObject({
        periodEnd: "2022-03-31",
        before: { received: 50, source: "test" },
        after: { received: 51, source: "Tệp tthc-lan-2.csv" },
      });
    });

    it("replaces a week's schedule, and the same schedule again changes nothing", async () => {
      const week = { isoYear: 2024, isoWeek: 12 };
      const items = [
        {
          date: "2024-03-19",
          startTime: "14:00",
          endTime: null,
          title: "Họp giao ban",
          location: "Phòng họp",
          participants: "Chủ tịch",
          source: "test",
          sample: false,
        },
        {
          date: "2024-03-18",
          startTime: "08:00",
          endTime: "11:00",
          title: "Tiếp dân",
          location: null,
          participants: null,
          source: "test",
          sample: false,
        },
      ];
      expect(await store.schedules.replaceWeek(district, week, items, ctx)).toBe("replaced");
      expect((await store.schedules.week(district, week)).map((i) => i.date)).toEqual([
        "2024-03-18",
        "2024-03-19",
      ]);
      const sorted = await store.schedules.week(district, week);
      const before = await store.tableChecksums();
      expect(await store.schedules.replaceWeek(district, week, sorted, ctx)).toBe("unchanged");
      // The same items from another file or officer are the same schedule.
      const reposted = sorted.map((i) => ({ ...i, source: "API quản trị (admin-token:7): tuan-12.csv" }));
      expect(await store.schedules.replaceWeek(district, week, reposted, ctx)).toBe("unchanged");
      expect(await store.tableChecksums()).toEqual(before);
    });

    it("audits a unit's change with only the columns that changed, before → after", async () => {
      expect(
        await store.unitAdmin.update(communeB, { name: "Xã B mới", source: "NQ thử", sample: true }, ctx),
      ).toBe("updated");
      const [audit] = await store.audit.list({ entity: "unit", entityId: String(communeB) });
      expect(audit).toMatchObject({ action: "unit.update", unitId: communeB });
      expect(audit?.details).toEqual({
        before: { name: "Xã B", source: "test" },
        after: { name: "Xã B mới", source: "NQ thử" },
      });
      await store.unitAdmin.update(communeB, { name: "Xã B" }, ctx);
    });
  });

  describe("transactions and audit", () => {
    it("rolls back everything a failing transaction did", async () => {
      const before = await store.tableChecksums();
      await expect(
        store.transaction(async (tx) => {
          await tx.units.insert(unit({ code: "99999", name: "Xã Tạm" }), ctx);
          await tx.updates.markProcessed("telegram", "in-tx", ctx.now);
          throw new Error("refused row 3");
        }),
      ).rejects.toThrow("refused row 3");
      expect(await store.tableChecksums()).toEqual(before);
    });

    it("commits a transaction that succeeds", async () => {
      const id = await store.transaction(async (tx) =>
        tx.units.insert(unit({ code: "99998", name: "Xã Giữ" }), ctx),
      );
      expect((await store.units.get(id))?.name).toBe("Xã Giữ");
    });

    it("appends and lists audit entries with the actor and time given", async () => {
      await store.audit.append(
        { action: "test.note", entity: "test", entityId: "1", details: { n: 1 } },
        at("2030-01-01T00:00:00Z"),
      );
      expect(await store.audit.list({ entity: "test" })).toEqual([
        {
          id: expect.any(Number),
          at: "2030-01-01T00:00:00.000Z",
          actor: "test:contract",
          action: "test.note",
          entity: "test",
          entityId: "1",
          details: { n: 1 },
          unitId: null,
        },
      ]);
    });

    it("counts and checksums every table", async () => {
      const sums = await store.tableChecksums();
      expect(Object.keys(sums)).toEqual(
        expect.arrayContaining([
          "units",
          "unit_lineage",
          "audit_log",
          "schema_migrations",
          "assessment_scores",
        ]),
      );
      expect(sums.units?.rows).toBeGreaterThanOrEqual(5);
      expect(sums.units?.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
