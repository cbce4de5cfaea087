/**
 * The province rank of a commune, only where every commune of the province has a published result for
 * the year under one methodology. No demo province is complete (the demo publishes four districts of
 * Hải Dương), so a small province is built here in a real database: two districts, three communes, and
 * a commune dissolved before the year, which must not count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { type ChatDatabase, chatOver, message, openDemoDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
const PROVINCE = 90_000;
const [DISTRICT_A, DISTRICT_B] = [90_001, 90_002];
const [AN, BINH, CAT, GONE] = [90_011, 90_012, 90_013, 90_014];
let db: ChatDatabase;
let ask: (text: string) => Promise<string>;

async function run(sql: string, args: (string | number | null)[]) {
  await db.client.execute({ sql, args });
}

async function publish(unitId: number, scope: number, pct: number, rank: number, peers: number) {
  const at = "2023-03-01T00:00:00Z";
  await run(
    "INSERT INTO assessments (id, unit_id, year, methodology_id, methodology_version, status, published_on, source, created_at, updated_at) " +
      "VALUES (?, ?, 2022, 'haiduong-commune-2022', '2', 'published', '2023-03-01', 'Thử nghiệm', ?, ?)",
    [unitId, unitId, at, at],
  );
  await run(
    "INSERT INTO published_results (assessment_id, unit_id, year, scope_unit_id, peer_count, methodology_id, methodology_version, " +
      "total, max_points, pct, rank, published_on, source, sample) " +
      "VALUES (?, ?, 2022, ?, ?, 'haiduong-commune-2022', '2', ?, 100, ?, ?, '2023-03-01', 'Thử nghiệm', 0)",
    [unitId, unitId, scope, peers, pct, pct, rank],
  );
}

beforeAll(async () => {
  db = await openDemoDatabase();
  const unit =
    "INSERT INTO units (id, code, name, kind, level, parent_id, valid_from, valid_to, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Thử nghiệm')";
  await run(unit, [PROVINCE, "99", "Tỉnh Thử Nghiệm", "tỉnh", "province", null, null, null]);
  await run(unit, [DISTRICT_A, "999", "Huyện Thử A", "huyện", "district", PROVINCE, null, null]);
  await run(unit, [DISTRICT_B, "998", "Huyện Thử B", "huyện", "district", PROVINCE, null, null]);
  await run(unit, [AN, "99901", "Xã An Thử", "xã", "commune", DISTRICT_A, null, null]);
  await run(unit, [BINH, "99902", "Xã Bình Thử", "xã", "commune", DISTRICT_A, null, null]);
  await run(unit, [CAT, "99801", "Xã Cát Thử", "xã", "commune", DISTRICT_B, null, null]);
  await run(unit, [GONE, "99802", "Xã Đã Nhập", "xã", "commune", DISTRICT_B, null, "2020-12-31"]);
  await publish(AN, DISTRICT_A, 81.5, 1, 2);
  await publish(BINH, DISTRICT_A, 79.2, 2, 2);
  await publish(CAT, DISTRICT_B, 90.1, 1, 1);
  const { chat } = chatOver(db.store);
  ask = async (text) =>
    replyText(await chat.handle(message(text, { platform: "zalo", chatId: "tinh" }), now));
});
afterAll(() => db.close());

describe("province rank", () => {
  it("the store sees the province's whole set: every commune valid in the year, one methodology", async () => {
    const set = await db.store.publishedPeers.wholeProvince(PROVINCE, 2022);
    expect(set?.methodologyId).toBe("haiduong-commune-2022");
    expect(set?.entries.map((e) => e.unitId).sort()).toEqual([AN, BINH, CAT]);
  });

  it("/muctieu and /tieuchi add the province rank of a commune of a complete province", async () => {
    const answer = await ask(`/muctieu #${BINH} 2022`);
    expect(answer).toContain("hạng 2/2");
    expect(answer).toContain("Hạng trong tỉnh: 3/3 xã tỉnh Thử Nghiệm");
    expect(answer).toContain(
      "Cần thêm 2,31 điểm để vượt Xã An Thử (hạng 1); thêm 2,30 điểm thì đồng hạng 1.",
    );
    expect(answer).toContain("Điểm từng tiêu chí chưa được công bố.");
    expect(await ask(`/tieuchi #${AN} 2022`)).toContain("Hạng trong tỉnh: 2/3 xã tỉnh Thử Nghiệm");
  });

  it("gives no province rank once a commune of the province has no published result", async () => {
    await run("UPDATE units SET valid_to = NULL WHERE id = ?", [GONE]);
    try {
      expect(await db.store.publishedPeers.wholeProvince(PROVINCE, 2022)).toBeNull();
      expect(await ask(`/muctieu #${BINH} 2022`)).not.toContain("Hạng trong tỉnh");
    } finally {
      await run("UPDATE units SET valid_to = '2020-12-31' WHERE id = ?", [GONE]);
    }
  });

  it("gives no province rank when the province's communes were scored with two methodologies", async () => {
    await run("UPDATE published_results SET methodology_id = 'haiduong-commune-2021' WHERE unit_id = ?", [
      CAT,
    ]);
    try {
      expect(await db.store.publishedPeers.wholeProvince(PROVINCE, 2022)).toBeNull();
    } finally {
      await run("UPDATE published_results SET methodology_id = 'haiduong-commune-2022' WHERE unit_id = ?", [
        CAT,
      ]);
    }
  });

  it("no demo province is complete", async () => {
    const provinces = await db.client.execute(
      "SELECT DISTINCT d.parent_id AS id FROM published_results p JOIN units c ON c.id = p.unit_id " +
        "JOIN units d ON d.id = c.parent_id WHERE c.level = 'commune' AND d.parent_id <> " +
        PROVINCE,
    );
    expect(provinces.rows.length).toBeGreaterThan(0);
    for (const row of provinces.rows) {
      for (const year of [2020, 2021, 2022]) {
        expect(await db.store.publishedPeers.wholeProvince(Number(row.id), year)).toBeNull();
      }
    }
  });
});
