/**
 * /diem and /tieuchi over the demo dataset: every published figure appears exactly as published, in
 * vi-VN format, with its unit path, source, publication date and the sample flag where it applies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { type ChatDatabase, chatOver, message, openDemoDatabase } from "../support/chat-database.ts";

const now = new Date("2026-01-05T03:00:00Z");
let db: ChatDatabase;
let ask: (text: string) => Promise<string>;

beforeAll(async () => {
  db = await openDemoDatabase();
  const { chat } = chatOver(db.store);
  ask = async (text) =>
    replyText(await chat.handle(message(text, { platform: "zalo", chatId: "score" }), now));
});
afterAll(() => db.close());

/** Whether the unit's published result for the year is flagged sample, straight from the snapshot. */
async function sampleOf(name: string, year: number): Promise<boolean> {
  const found = await db.client.execute({
    sql: "SELECT p.sample FROM published_results p JOIN units u ON u.id = p.unit_id WHERE u.name = ? AND p.year = ?",
    args: [name, year],
  });
  expect(found.rows).toHaveLength(1);
  return Number(found.rows[0]!.sample) === 1;
}

describe("/diem", () => {
  it("shows Tân Hồng 2022 as published: path, former unit, points, rank, group, components, source", async () => {
    const card = await ask("/diem Tan Hong 2022");
    expect(card.split("\n").slice(0, 2)).toEqual([
      "Xã Tân Hồng · Chỉ số CCHC năm 2022",
      "Điểm: 87,032/100 điểm (87,03%)",
    ]);
    expect(card).toContain("Huyện Bình Giang, Tỉnh Hải Dương (đến 30/06/2025)");
    expect(card).toContain("Xã Tân Hồng (cũ), nay thuộc Xã Đường An");
    expect(card).toContain("Điểm: 87,032/100 điểm (87,03%)");
    expect(card).toContain("Xếp hạng: 1/16 xã, thị trấn huyện Bình Giang");
    // The band is computed from the published total; the article gives no head rating.
    expect(card).toContain("Nhóm từ 80% đến dưới 90% △");
    expect(card).toContain("Người đứng đầu: xếp loại chưa công bố.");
    expect(card).toContain("Điều tra xã hội học: 88,75%");
    expect(card).toContain("99,3%");
    expect(card).toContain(
      "Nguồn: Xã Tân Hồng 03 năm liền dẫn đầu về Chỉ số cải cách hành chính (11/03/2023).",
    );
    expect(card.includes("◇ số liệu minh họa")).toBe(await sampleOf("Xã Tân Hồng", 2022));
  });

  it("shows Thống Nhất's rise and rating, and a capped head rating with its reason", async () => {
    const thongNhat = await ask("/diem thong nhat gia loc 2022");
    expect(thongNhat).toContain("87,49/100 điểm (87,49%)");
    expect(thongNhat).toContain("Xếp hạng: 1/18 xã, thị trấn huyện Gia Lộc");
    // The rank change was published; the points change rests on generated 2021 scores: never one line.
    expect(thongNhat).toContain("So với năm 2021: ↑12 bậc\n");
    expect(thongNhat).toMatch(/\nĐiểm so với năm trước: \+\d+,\d{2} điểm ◇\n/);
    expect(thongNhat).toContain("Người đứng đầu: Hoàn thành tốt nhiệm vụ");

    const capped = await ask("/diem TT Gia Lộc 2022");
    expect(capped).toContain("Thị trấn Gia Lộc · Chỉ số CCHC năm 2022");
    expect(capped).toContain("Người đứng đầu: Hoàn thành nhiệm vụ");
    // The article's own reason, not one naming a generated field.
    expect(capped).toContain("↳ Bài công bố: đạt hơn 80% số điểm quy định “nhưng 1 số lĩnh vực chưa đạt 70%");
    expect(capped).not.toMatch(/↳ Có lĩnh vực/);
  });

  it("shows Sông Cầu 2022 with its published rank change, class and the three lowest fields", async () => {
    const card = await ask("/diem Sông Cầu 2022");
    expect(card).toContain("Thị xã Sông Cầu · Chỉ số CCHC năm 2022\nĐiểm: 73,34");
    expect(card).toContain("Điểm: 73,34/100 điểm (73,34%)");
    expect(card).toContain("Xếp hạng: 3/9 huyện, thị xã, thành phố tỉnh Phú Yên");
    expect(card).toContain("So với năm 2021: ↑3 bậc, +8,48 điểm");
    expect(card).toContain("Xếp loại: Khá");
    expect(card).toContain("1. Chính quyền điện tử 52,6% (mất 7,58/16 điểm)");
    expect(card).toContain("2. Cải cách TTHC 54,5% (mất 10,00/22 điểm)");
    expect(card).toContain("3. Cải cách tài chính công 57,9% (mất 4,00/9,5 điểm)");
    expect(card).toContain("(17/05/2023).");
    // Every figure of Sông Cầu 2022 was published: no mark, no legend.
    expect(card).not.toMatch(/[◇△]/u);
  });

  it("shows Bắc An 2021 and a Kinh Môn commune whose head was rated down from over 90%", async () => {
    const bacAn = await ask("/diem Bắc An Chí Linh 2021");
    expect(bacAn).toContain("Điểm: 77,14/100 điểm");
    expect(bacAn).toMatch(/Xếp hạng: 5\/\d+ xã, phường thành phố Chí Linh/);
    expect(bacAn).toContain("So với năm 2020: ↑4 bậc\n");
    const anLuu = await ask("/diem An Lưu Kinh Môn");
    expect(anLuu).toContain("Chỉ số CCHC năm 2021");
    expect(anLuu).toContain("Người đứng đầu: Hoàn thành nhiệm vụ");
    expect(anLuu).toContain("chỉ số lĩnh vực hiện đại hóa nền hành chính chỉ đạt dưới 70%”");
    expect(anLuu).not.toMatch(/↳ Có lĩnh vực/);
  });

  it("takes the year before or after the name and offers the detail and the ranking next", async () => {
    const reply = await ask("/diem 2022 tân hồng bình giang");
    expect(reply).toContain("87,032/100 điểm");
    const { chat } = chatOver(db.store);
    const card = await chat.handle(message("/diem tan hong binh giang 2022"), now);
    expect(card.choices.map((c) => c.label)).toEqual([
      "Chi tiết từng lĩnh vực",
      "Bảng xếp hạng huyện Bình Giang",
    ]);
    expect(replyText(await chat.handle(message(card.choices[0]!.command), now))).toContain(
      "Điểm từng lĩnh vực năm 2022",
    );
  });

  it("answers an unknown unit with the closest names, and a year without data says so", async () => {
    const unknown = await ask("/diem Tân Hồngg Bình Giangg");
    expect(unknown).toMatch(/Không tìm thấy đơn vị “Tân Hồngg Bình Giangg”|Xã Tân Hồng/);
    const none = await ask("/diem xyzzy");
    expect(none).toContain("Không tìm thấy đơn vị “xyzzy”.");
    expect(await ask("/diem Tân Hồng Bình Giang 2019")).toContain(
      "Không có dữ liệu năm 2019 của Xã Tân Hồng.\nCác năm đã công bố: 2022, 2021, 2020.",
    );
    expect(await ask("/diem Huyện Tân Hồng Đồng Tháp")).toContain(
      "Chưa có kết quả Chỉ số CCHC nào được công bố",
    );
  });
});

describe("/tieuchi", () => {
  it("lists every field with a bar, %, points and points lost, lowest first", async () => {
    const detail = await ask("/tieuchi Sông Cầu 2022");
    expect(detail).toContain("Tổng: 73,34/100 điểm");
    expect(detail).toContain("▰▰▰▰▰▱▱▱▱▱ 52,6% Chính quyền điện tử\n   8,42/16 điểm, mất 7,58");
    expect(detail).toContain("▰▰▰▰▰▰▱▱▱▱ 57,9% Cải cách tài chính công\n   5,50/9,5 điểm, mất 4,00");
    expect(detail).toContain("▰▰▰▰▰▰▰▰▰▰ 100% Cải cách tổ chức bộ máy\n   7,00/7 điểm, mất 0,00");
    const order = ["52,6%", "54,5%", "57,9%", "78,6%", "84%", "95,4%", "98,3%", "100%"].map((pct) =>
      detail.indexOf(` ${pct} `),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it("keeps Tân Hồng's published components and source", async () => {
    const detail = await ask("/tieuchi tan hong binh giang");
    expect(detail).toContain("Điểm từng lĩnh vực năm 2022");
    expect(detail).toContain("Tổng: 87,032/100 điểm");
    expect(detail).toContain("▰▰▰▰▰▰▰▰▰▰ 100% Cải cách thể chế");
    expect(detail).toContain("Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ hành chính: 99,3%");
  });
});
