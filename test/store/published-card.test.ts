/**
 * Each published snapshot's card (the detail down to its fields): written by publishing with
 * `cardOfDetail`, and made in SQL by migrations/0007 for results published before cards existed. The
 * two must make the same card of any detail, the demo's real ones and odd ones alike.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardOfDetail } from "../../src/domain/published.ts";
import type { PublishedResultInput } from "../../src/store/index.ts";
import { type ChatDatabase, openDemoDatabase, setupContext } from "../support/chat-database.ts";

let db: ChatDatabase;
const rows = async () =>
  (
    await db.client.execute(
      "SELECT assessment_id, detail, card FROM published_results ORDER BY assessment_id",
    )
  ).rows.map((row) => ({
    id: Number(row.assessment_id),
    detail: row.detail === null ? null : String(row.detail),
    card: row.card === null ? null : String(row.card),
  }));

const node = (code: string, children: unknown[]) => ({
  code,
  name: `Tiêu chí ${code}`,
  shortName: `TC ${code}`,
  depth: code.split(".").length,
  tag: null,
  isLeaf: children.length === 0,
  max: 10,
  applicableMax: 10,
  points: 7.5,
  pct: 75,
  pctRounded: 75,
  lost: 2.5,
  notApplicable: false,
  assumed: false,
  leaf:
    children.length === 0
      ? { self: 8, appraised: 7.5, computed: null, source: "appraised", comment: null }
      : null,
  children,
});
/** A detail as the core makes one: fields with criteria and sub-criteria below them, lowest lists. */
const DEEP = {
  schema: 1,
  result: {
    unit: "Xã Thử",
    points: 75,
    maxPoints: 100,
    headRating: { code: "HT", label: "Hoàn thành nhiệm vụ", caps: [], flags: [] },
    fields: ["1", "2", "3"].map((f) =>
      node(
        f,
        ["1", "2", "3"].map((c) => node(`${f}.${c}`, [node(`${f}.${c}.1`, []), node(`${f}.${c}.2`, [])])),
      ),
    ),
    lowest: { byPct: [{ code: "1.1.1", pct: 75 }], byPointsLost: [{ code: "1.1.1", lost: 2.5 }] },
  },
  annotations: ["Chỉ số hài lòng: 99,3%"],
};

/** The deep detail, then shapes publishing does not make today, frozen as the store freezes any JSON. */
const ODD_DETAILS: unknown[] = [
  DEEP,
  { fields: [{ code: "1", pct: 54.5 }] },
  { schema: 1, result: { points: 50 }, annotations: ["Chỉ công bố điểm tổng"] },
  { schema: 2, result: { fields: [{ code: "1", children: [{ code: "1.1" }] }, "not a field"], lowest: [] } },
  { schema: 1, result: "x" },
  // Fields that are not objects: JSON types, exact reals and big integers, a lone surrogate, kept as is.
  {
    schema: 1,
    result: {
      fields: [
        true,
        0.1 + 0.2,
        [1, { children: 2 }],
        2 ** 64, // a big integer: 18446744073709552000 in JSON
        "x\ud800",
        { code: "9", children: [] },
      ],
    },
    annotations: [],
  },
  "only text",
  null,
];

beforeAll(async () => {
  db = await openDemoDatabase();
  // Odd details, published for a district of their own so as not to touch the demo's results.
  const store = db.store;
  const district = (await store.units.listResolvable()).find(
    (unit) => unit.level === "district" && unit.name === "Huyện Cẩm Giàng",
  );
  if (district === undefined) throw new Error("the register lacks Huyện Cẩm Giàng");
  const communes = (await store.units.listResolvable())
    .filter((unit) => unit.ancestors[0]?.id === district.id && unit.validTo === "2025-06-30")
    .slice(0, ODD_DETAILS.length);
  const methodology = (await store.methodologies.list()).find((m) => m.level === "commune");
  if (methodology === undefined) throw new Error("no commune methodology");
  const entries: PublishedResultInput[] = [];
  for (const [i, commune] of communes.entries()) {
    const saved = await store.assessments.saveDraft(
      {
        unitId: commune.id,
        year: 2021,
        methodologyId: methodology.id,
        methodologyVersion: methodology.version,
        source: "Thử",
        sample: true,
      },
      [],
      setupContext,
    );
    entries.push({
      assessmentId: saved.id,
      scopeUnitId: district.id,
      peerCount: communes.length,
      total: 50 + i,
      maxPoints: 100,
      pct: 50 + i,
      rank: communes.length - i,
      rankChange: null,
      pointsChange: null,
      groupCode: null,
      groupLabel: null,
      ratingCode: null,
      ratingLabel: null,
      reasons: [],
      detail: ODD_DETAILS[i],
      source: "Thử",
      sample: true,
      origins: null,
    });
  }
  await store.published.freeze(entries, "2022-03-01", setupContext);
}, 60_000);
afterAll(() => db.close());

describe("published cards", () => {
  it("keep each field's figures, the head rating and annotations, and drop what lies below the fields", async () => {
    const written = await rows();
    const deep = written.find((row) => row.detail?.includes('"unit":"Xã Thử"'));
    const card = JSON.parse(deep!.card!);
    expect(card.result.fields.map((f: { code: string }) => f.code)).toEqual(["1", "2", "3"]);
    expect(card.result.fields[0]).toEqual({
      ...node("1", []),
      isLeaf: false,
      leaf: null,
      children: undefined,
    });
    expect(deep!.card).not.toContain('"children"');
    expect(deep!.card).not.toContain('"lowest"');
    expect(card.result.headRating).toEqual(DEEP.result.headRating);
    expect(card.annotations).toEqual(DEEP.annotations);
    expect(deep!.card!.length).toBeLessThan(deep!.detail!.length / 4);

    // The demo's details stop at the fields (no criteria below): their cards keep every field's figures.
    const demo = written.filter(
      (row) => row.detail?.startsWith('{"schema":1,"result":{"unit"') && row !== deep,
    );
    expect(demo.length).toBeGreaterThan(100);
    for (const row of demo) {
      const detail = JSON.parse(row.detail!);
      const figures = detail.result.fields.map(
        ({ children: _children, ...field }: { children: [] }) => field,
      );
      expect(JSON.parse(row.card!).result.fields).toStrictEqual(figures);
    }
  });

  it("are made alike by publishing and by migration 0007 in SQL, whatever the detail", async () => {
    const written = await rows();
    expect(written.filter((row) => row.detail !== null && !row.detail.startsWith("{")).length).toBe(1);
    for (const row of written) {
      const expected = row.detail === null ? null : cardOfDetail(JSON.parse(row.detail));
      expect(row.card === null ? null : JSON.parse(row.card)).toEqual(expected);
    }

    const migration = await readFile(
      new URL("../../migrations/0007_published_card.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration.slice(migration.indexOf("UPDATE published_results"));
    await db.client.execute("UPDATE published_results SET card = NULL");
    await db.client.executeMultiple(backfill);
    const migrated = await rows();
    expect(migrated.map((row) => row.id)).toEqual(written.map((row) => row.id));
    for (const [i, row] of migrated.entries()) {
      const before = written[i]!;
      expect(row.card === null ? null : JSON.parse(row.card), `assessment ${row.id}`).toEqual(
        before.card === null ? null : JSON.parse(before.card),
      );
    }
  });
});
