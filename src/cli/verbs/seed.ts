/** `seed demo`: the demo dataset (and the national register first, when the database has no units). */
import { seedDemo } from "../../demo/seed.ts";
import { loadNationalRegister } from "../../register/load-package.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- seed demo [--url <LIBSQL_URL>] [--json]",
  "",
  "Nạp bộ dữ liệu minh họa: mọi số liệu của 5 bài báo nguồn (Gia Lộc, Kinh Môn, Bình Giang, Chí Linh, Phú Yên,",
  "Sông Cầu), số liệu TTHC của Bắc An và Tân Hồng, lịch làm việc tuần 9–12/2024 của Kinh Môn, và bản nháp năm",
  '2023 chưa công bố. Phần chi tiết bài báo không nêu được tạo ra và đánh dấu "dữ liệu minh họa". Chạy lại không',
  "thay đổi gì.",
].join("\n");

export const seedVerb: Verb = {
  name: "seed",
  summary: "Nạp dữ liệu minh họa / seed the demo dataset (seed demo)",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { url: { type: "string" }, json: { type: "boolean" } },
      USAGE,
    );
    if (positionals.length !== 1 || positionals[0] !== "demo") {
      throw usageError(
        positionals[0] ? `Lệnh con "${positionals[0]}" không hợp lệ.` : "Thiếu lệnh con (demo).",
        USAGE,
      );
    }
    const now = new Date();
    return withStore(values.url, now, async ({ store, where }) => {
      if ((await store.units.count()) === 0) {
        const loaded = await store.register.load(loadNationalRegister(), {
          now,
          actor: "cli:units load-national",
        });
        io.out(`Đã nạp sổ đăng ký đơn vị: ${loaded.units.inserted} đơn vị.`);
      }
      const report = await seedDemo(store, { now, actor: "cli:seed demo" });
      if (values.json === true) {
        io.out(JSON.stringify(report, null, 2));
        return EXIT_OK;
      }
      const p = report.publications;
      io.out(`Dữ liệu minh họa → ${where}`);
      io.out(
        `  Phương pháp: thêm ${report.methodologies.inserted}, không đổi ${report.methodologies.unchanged}`,
      );
      io.out(
        `  Đơn vị thêm từ bài báo: ${report.units.added.length}; đơn vị ghi ngày thành lập sau: ${report.units.dated.length}`,
      );
      io.out(
        `  Công bố: ${p.published.length} bảng xếp hạng, ${p.results} kết quả; đã có từ trước: ${p.alreadyPublished}`,
      );
      io.out(
        `  Bản nháp 2023 (chưa công bố): lưu ${report.drafts.saved}, không đổi ${report.drafts.unchanged}`,
      );
      io.out(
        `  TTHC: ${report.tthc.periods} kỳ; lịch làm việc: ${report.schedules.weeks} tuần, ${report.schedules.items} mục`,
      );
      return EXIT_OK;
    });
  },
};
