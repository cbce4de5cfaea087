/**
 * Walks every reply the demo dataset can give about a result (/diem, /tieuchi for each published unit
 * and year, /hang for each scope and year) and fails on any sample figure shown without its mark or any
 * judgement about a named unit raised from sample figures: a head rating, a cap naming a field, a flag.
 * What is sample is read from the stored origins, not from the replies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { type FigureOrigins, fieldOrigin, originsOf } from "../../src/domain/provenance.ts";
import { type ChatDatabase, chatOver, message, openDemoDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
let db: ChatDatabase;
let ask: (text: string) => Promise<string>;

interface Row {
  unitId: number;
  scopeId: number;
  year: number;
  origins: FigureOrigins;
  fieldNames: Map<string, string>;
  ratingLabel: string | null;
  rankChange: number | null;
}

let rows: Row[] = [];

beforeAll(async () => {
  db = await openDemoDatabase();
  const { chat } = chatOver(db.store);
  ask = async (text) =>
    replyText(await chat.handle(message(text, { platform: "zalo", chatId: "walk" }), now));
  const found = await db.client.execute(
    "SELECT unit_id, scope_unit_id, year, origins, sample, source, published_on, rating_label, rank_change, card FROM published_results",
  );
  rows = found.rows.map((r) => {
    const card = JSON.parse(String(r.card)) as { result: { fields: { code: string; shortName: string }[] } };
    return {
      unitId: Number(r.unit_id),
      scopeId: Number(r.scope_unit_id),
      year: Number(r.year),
      origins: originsOf(r.origins === null ? null : JSON.parse(String(r.origins)), Number(r.sample) === 1, {
        title: String(r.source),
        date: String(r.published_on),
      }),
      fieldNames: new Map(card.result.fields.map((f) => [f.code, f.shortName])),
      ratingLabel: r.rating_label === null ? null : String(r.rating_label),
      rankChange: r.rank_change === null ? null : Number(r.rank_change),
    };
  });
});
afterAll(() => db.close());

const lineStarting = (text: string, start: string) => text.split("\n").find((l) => l.startsWith(start)) ?? "";

describe("every reply of the demo dataset", () => {
  it("covers every published result (a walk over nothing proves nothing)", () => {
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.some((r) => r.origins.total === "sample")).toBe(true);
    expect(rows.some((r) => r.origins.total === "published")).toBe(true);
  });

  it("/diem marks each sample figure on its line and raises no judgement from sample figures", async () => {
    for (const row of rows) {
      const card = await ask(`/diem #${row.unitId} ${row.year}`);
      const where = `/diem #${row.unitId} ${row.year}`;
      const marked = (line: string) => line.endsWith("◇") || line.includes("◇");
      expect(marked(lineStarting(card, "Điểm:")), where).toBe(row.origins.total === "sample");
      if (row.origins.rank === "sample") expect(marked(lineStarting(card, "Xếp hạng:")), where).toBe(true);
      if (row.origins.rating === "sample" && row.ratingLabel !== null) {
        expect(card, where).not.toContain(`Người đứng đầu: ${row.ratingLabel}`);
      }
      const sampleFields = [...row.fieldNames].filter(
        ([code]) => fieldOrigin(row.origins, code) === "sample",
      );
      if (sampleFields.length > 0) {
        // No computed cap or flag: they name fields, and some fields are generated.
        expect(card, where).not.toMatch(/↳ Có lĩnh vực|⚑/u);
      }
      for (const [, name] of sampleFields) {
        const line = card.split("\n").find((l) => /^\d\. /u.test(l) && l.includes(` ${name} `));
        if (line !== undefined) expect(line.endsWith("◇"), `${where}: ${line}`).toBe(true);
      }
      // A target ("cần thêm … để vượt …") is a verdict: never from a sample total.
      if (row.origins.total === "sample") expect(card, where).not.toContain("🎯");
      if (card.includes("◇")) expect(card, where).toContain("◇ số liệu minh họa");
      expect(card, where).not.toMatch(/\.txt|công bố \d\d\/\d\d\/\d{4}\.$/mu);
    }
  });

  it("/muctieu names no cap and sets no target from sample figures", async () => {
    for (const row of rows) {
      const answer = await ask(`/muctieu #${row.unitId} ${row.year}`);
      const where = `/muctieu #${row.unitId} ${row.year}`;
      if ([...row.fieldNames.keys()].some((code) => fieldOrigin(row.origins, code) === "sample")) {
        expect(answer, where).not.toMatch(/⛔|dưới \d+% nên/u);
      }
      if (row.origins.total === "sample") expect(answer, where).not.toMatch(/Cần thêm [\d,]+ điểm/u);
      if (answer.includes("◇")) expect(answer, where).toContain("◇ số liệu minh họa");
    }
  });

  it("/tieuchi marks each sample field", async () => {
    for (const row of rows) {
      const detail = await ask(`/tieuchi #${row.unitId} ${row.year}`);
      for (const [code, name] of row.fieldNames) {
        const line = detail
          .split("\n")
          .find((l) => (l.startsWith("▰") || l.startsWith("▱") ? l.includes(` ${name}`) : false));
        if (line === undefined) continue;
        expect(line.includes("◇"), `/tieuchi #${row.unitId} ${row.year}: ${line}`).toBe(
          fieldOrigin(row.origins, code) === "sample",
        );
      }
    }
  });

  it("/hang marks each row resting on a sample total, rank or rank change", async () => {
    const scopes = new Map<string, Row[]>();
    for (const row of rows)
      scopes.set(`${row.scopeId} ${row.year}`, [...(scopes.get(`${row.scopeId} ${row.year}`) ?? []), row]);
    for (const [key, members] of scopes) {
      const table = await ask(`/hang #${key}`);
      const ranked = table.split("\n").filter((l) => /^(👉 )?\d+\. /u.test(l));
      expect(ranked, key).toHaveLength(members.length);
      const sampleCount = members.filter(
        (m) =>
          m.origins.total === "sample" ||
          m.origins.rank === "sample" ||
          (m.rankChange !== null && m.origins.rankChange === "sample"),
      ).length;
      expect(
        ranked.filter((l) => l.includes("◇")),
        key,
      ).toHaveLength(sampleCount);
    }
  });
});
