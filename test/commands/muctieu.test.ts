/**
 * /muctieu and the climb lines over the demo dataset in a real libSQL database: gaps from published
 * totals, sample field scores marked and never judged, and a province rank only where the province's
 * whole set is published (none in the demo: a small complete province is built here).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { replyText } from "../../commands/reply.ts";
import { climbFor, climbLine } from "../../commands/support/climb.ts";
import { createResolver } from "../../src/resolve/index.ts";
import { type ChatDatabase, chatOver, message, openDemoDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
let db: ChatDatabase;
let ask: (text: string) => Promise<string>;

beforeAll(async () => {
  db = await openDemoDatabase();
  const { chat } = chatOver(db.store);
  ask = async (text) =>
    replyText(await chat.handle(message(text, { platform: "zalo", chatId: "climb" }), now));
});
afterAll(() => db.close());

async function published(name: string, year: number) {
  const found = await db.client.execute({
    sql:
      "SELECT p.unit_id, p.total, p.pct, p.rank, p.sample, p.scope_unit_id FROM published_results p " +
      "JOIN units u ON u.id = p.unit_id WHERE u.name = ? AND p.year = ?",
    args: [name, year],
  });
  expect(found.rows).toHaveLength(1);
  const row = found.rows[0]!;
  return {
    unitId: Number(row.unit_id),
    total: Number(row.total),
    pct: Number(row.pct),
    rank: Number(row.rank),
    sample: Number(row.sample) === 1,
    scope: Number(row.scope_unit_id),
  };
}

describe("/muctieu", () => {
  it("Tân Hồng 2022 leads Bình Giang: no rank gap, 2,97 points to the top band, sample losses marked, no cap named", async () => {
    const tanHong = await published("Xã Tân Hồng", 2022);
    expect(tanHong).toMatchObject({ total: 87.032, rank: 1, sample: true });
    const answer = await ask("/muctieu Tan Hong 2022");
    expect(answer).toContain("Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương");
    expect(answer).toContain("Hiện tại: 87,032/100 điểm (87,03%), hạng 1/16");
    expect(answer).toContain("Đang dẫn đầu xã, thị trấn huyện Bình Giang");
    expect(answer).toContain("Cần thêm 2,97 điểm để vào nhóm từ 90% trở lên.");
    expect(answer).toContain("1. Chính quyền điện tử, hiện đại hóa hành chính: mất 6,968/24 điểm ◇");
    expect(answer).toContain("chưa xác định được lĩnh vực nào giới hạn xếp loại");
    expect(answer).not.toContain("⛔");
    expect(answer).not.toMatch(/dưới 70% nên/);
    expect(answer).toContain("◇ số liệu minh họa");
  });

  it("Toàn Thắng 2022: the points to pass Thống Nhất come from the two published totals", async () => {
    const toanThang = await published("Xã Toàn Thắng", 2022);
    const thongNhat = await published("Xã Thống Nhất", 2022);
    expect([toanThang.total, thongNhat.total, thongNhat.rank]).toEqual([85.18, 87.49, 1]);
    const answer = await ask("cần bao nhiêu Toàn Thắng Gia Lộc 2022");
    expect(answer).toContain("Hiện tại: 85,18/100 điểm (85,18%), hạng 2/18");
    // 87,49 − 85,18 = 2,31 ties (equal % share a rank); "vượt" takes one step more.
    expect(answer).toContain(
      "Cần thêm 2,32 điểm để vượt Xã Thống Nhất (hạng 1); thêm 2,31 điểm thì đồng hạng 1.",
    );
    expect(answer).toContain("Cần thêm 4,82 điểm để vào nhóm từ 90% trở lên.");
    expect(answer).not.toContain("⛔");
  });

  it("Sông Cầu 2022 (published field scores): losses unmarked, largest first; no target from sample totals or an assumed band", async () => {
    expect((await published("Thị xã Sông Cầu", 2022)).sample).toBe(false);
    const answer = await ask("/muctieu Sông Cầu 2022");
    // Đông Hòa, ranked above, has a generated total; Phú Yên's "Tốt" threshold was never published.
    expect(answer).toContain("Khoảng cách tới hạng trên: chưa tính");
    expect(answer).toContain("Khoảng cách tới nhóm trên: chưa tính");
    expect(answer).not.toContain("Đông Hòa");
    expect(answer).toContain(
      "1. Cải cách TTHC: mất 10,00/22 điểm\n2. Chính quyền điện tử: mất 7,58/16 điểm\n3. Cải cách tài chính công: mất 4,00/9,5 điểm",
    );
    expect(answer).not.toContain("minh họa");
  });

  it("names the cap a field holds once the field scores are published (TT Gia Lộc, sample flag lifted in this copy)", async () => {
    const giaLoc = await published("Thị trấn Gia Lộc", 2022);
    const sampleAnswer = await ask("/muctieu TT Gia Lộc 2022");
    const stored = await db.client.execute({
      sql: "SELECT origins FROM published_results WHERE unit_id = ? AND year = 2022",
      args: [giaLoc.unitId],
    });
    const origins = stored.rows[0]!.origins ?? null;
    expect(sampleAnswer).not.toContain("⛔");
    await db.client.execute({
      sql: "UPDATE published_results SET sample = 0, origins = NULL WHERE unit_id = ? AND year = 2022",
      args: [giaLoc.unitId],
    });
    try {
      const answer = await ask("/muctieu TT Gia Lộc 2022");
      expect(answer).toMatch(
        /⛔ Lĩnh vực .+ đạt \d+(,\d)?%: dưới 70% nên người đứng đầu chỉ đạt HT \(cần thêm \d+,\d{2} điểm ở lĩnh vực này để đạt 70%\)/,
      );
      expect(answer).not.toContain("minh họa");
    } finally {
      await db.client.execute({
        sql: "UPDATE published_results SET sample = 1, origins = ? WHERE unit_id = ? AND year = 2022",
        args: [origins, giaLoc.unitId],
      });
    }
  });

  it("climbLine gives /diem its one line", async () => {
    const resolver = createResolver(await db.store.units.listResolvable());
    const deps = { store: db.store, resolver: async () => resolver, commands };
    const toanThang = await published("Xã Toàn Thắng", 2022);
    const card = await db.store.published.cardForUnit(toanThang.unitId, 2022);
    const climbed = await climbFor(deps, resolver, card!);
    expect(climbLine(climbed!)).toBe(
      "Cần thêm 2,32 điểm để vượt Xã Thống Nhất (hạng 1); thêm 2,31 điểm thì đồng hạng 1; cần thêm 4,82 điểm để vào nhóm từ 90% trở lên.",
    );
    const tanHong = await published("Xã Tân Hồng", 2022);
    const leader = await climbFor(
      deps,
      resolver,
      (await db.store.published.cardForUnit(tanHong.unitId, 2022))!,
    );
    expect(climbLine(leader!)).toBe("Cần thêm 2,97 điểm để vào nhóm từ 90% trở lên.");
  });
});

describe("/tieuchi", () => {
  it("adds each field's district average, marked where the fields are sample", async () => {
    const answer = await ask("/tieuchi Tan Hong 2022");
    expect(answer).toMatch(/ {3}17,032\/24 điểm, mất 6,968 · TB huyện: \d+,\d{2} ◇/);
    expect(answer).toContain("TB huyện: điểm trung bình của 16 đơn vị");
  });

  it("marks only the average where the unit's own fields are published (Sông Cầu)", async () => {
    const answer = await ask("/tieuchi Sông Cầu 2022");
    expect(answer).toMatch(/ {3}8,42\/16 điểm, mất 7,58 · TB tỉnh: \d+,\d{2} ◇/);
    expect(answer).toContain("◇ số liệu minh họa");
    expect(answer).not.toContain("Hạng trong tỉnh");
  });
});
