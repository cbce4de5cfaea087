import { databaseOptionsFromEnv, describeDatabaseUrl, openDatabase } from "../../db/open.ts";
import { migrate } from "../../store/migrate.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- migrate [--url <LIBSQL_URL>]",
  "",
  "Áp dụng các tệp migrations/NNNN_*.sql chưa áp dụng, theo thứ tự; chạy lại không làm gì.",
  "Cơ sở dữ liệu: --url, nếu không thì LIBSQL_URL (mặc định file:data/cchc.db) và LIBSQL_AUTH_TOKEN.",
].join("\n");

export const migrateVerb: Verb = {
  name: "migrate",
  summary: "Áp dụng migration cơ sở dữ liệu / apply pending database migrations",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, USAGE);
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
    const options = databaseOptionsFromEnv(process.env, values.url);
    const client = await openDatabase(options);
    try {
      const report = await migrate(client, await readMigrations(), new Date());
      const where = describeDatabaseUrl(options.url || "file:data/cchc.db");
      for (const name of report.applied) io.out(`Đã áp dụng ${name}`);
      io.out(
        report.applied.length === 0
          ? `${where}: đã cập nhật, không có migration mới (${report.alreadyApplied.length} đã áp dụng).`
          : `${where}: áp dụng ${report.applied.length} migration, ${report.alreadyApplied.length} đã có từ trước.`,
      );
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};
