/**
 * `backup <file>`, `restore <file>` and `prune`: a verified copy of the embedded database while the
 * service runs, putting one back with the service stopped, and deleting what is past its retention.
 */
import { parseConfig } from "../../config.ts";
import {
  DEFAULT_DATABASE_URL,
  databaseFilePath,
  databaseOptionsFromEnv,
  openDatabase,
} from "../../db/open.ts";
import { formatInteger } from "../../format/vi.ts";
import { backupDatabase, restoreDatabase } from "../../ops/backup.ts";
import { pruneExpired } from "../../ops/retention.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const BACKUP_USAGE = [
  "npm run cli -- backup <tệp.db> [--url <LIBSQL_URL>]",
  "",
  "Sao lưu cơ sở dữ liệu nhúng (file:) trong khi dịch vụ vẫn chạy: một bản sao nhất quán, được kiểm tra",
  "(integrity_check, khóa ngoại, migration, số dòng) trước khi báo xong. Tệp đích không được có sẵn.",
].join("\n");
const RESTORE_USAGE = [
  "npm run cli -- restore <tệp.db> [--url <LIBSQL_URL>]",
  "",
  "Khôi phục cơ sở dữ liệu nhúng từ một bản sao: từ chối bản sao hỏng hoặc do phiên bản mới hơn tạo, và từ chối",
  "khi dịch vụ (npm start) đang chạy. Cơ sở dữ liệu cũ được giữ lại bên cạnh (.before-restore-…).",
].join("\n");
const PRUNE_USAGE = [
  "npm run cli -- prune [--url <LIBSQL_URL>]",
  "",
  "Xóa những gì đã quá thời hạn lưu (RETENTION_*_DAYS): mã cập nhật đã xử lý, tin đã gửi xong, nhật ký cũ.",
].join("\n");

function embeddedPath(urlFlag: string | undefined, usage: string): { url: string; path: string } {
  const url = databaseOptionsFromEnv(process.env, urlFlag).url || DEFAULT_DATABASE_URL;
  const path = url.startsWith("file:") ? databaseFilePath(url) : null;
  if (path === null) {
    throw usageError(
      "Chỉ sao lưu, khôi phục được cơ sở dữ liệu nhúng (LIBSQL_URL=file:…); máy chủ libSQL có công cụ sao lưu riêng.",
      usage,
    );
  }
  return { url, path };
}

const counted = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export const backupVerb: Verb = {
  name: "backup",
  summary: "Sao lưu cơ sở dữ liệu nhúng, có kiểm tra / a verified copy of the embedded database",
  usage: BACKUP_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, BACKUP_USAGE);
    const [target, ...extra] = positionals;
    if (target === undefined || extra.length > 0) throw usageError("Cần đúng một tệp đích.", BACKUP_USAGE);
    const { url } = embeddedPath(values.url, BACKUP_USAGE);
    const client = await openDatabase({ url });
    try {
      const report = await backupDatabase(client, target, await readMigrations());
      io.out(
        `Đã sao lưu vào ${report.path}: ${formatInteger(report.bytes / 1024)} KiB, ${formatInteger(counted(report.counts))} dòng ` +
          `trong ${Object.keys(report.counts).length} bảng, ${report.migrations.length} migration, ${(report.ms / 1000).toFixed(1)} s; kiểm tra toàn vẹn: đạt.`,
      );
      if (report.changedDuring)
        io.out("Có dữ liệu được ghi trong lúc sao lưu: bản sao là ảnh chụp tại một thời điểm trong lúc đó.");
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};

export const restoreVerb: Verb = {
  name: "restore",
  summary: "Khôi phục cơ sở dữ liệu nhúng từ bản sao / restore the embedded database from a copy",
  usage: RESTORE_USAGE,
  async run(argv, io: CliIo) {
    const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, RESTORE_USAGE);
    const [source, ...extra] = positionals;
    if (source === undefined || extra.length > 0)
      throw usageError("Cần đúng một tệp bản sao.", RESTORE_USAGE);
    const { path } = embeddedPath(values.url, RESTORE_USAGE);
    const report = await restoreDatabase(path, source, await readMigrations(), new Date());
    io.out(`Đã khôi phục ${path} từ ${source}: ${formatInteger(counted(report.counts))} dòng.`);
    if (report.keptAs) io.out(`Cơ sở dữ liệu cũ được giữ ở ${report.keptAs}.`);
    return EXIT_OK;
  },
};

export const pruneVerb: Verb = {
  name: "prune",
  summary: "Xóa dữ liệu quá thời hạn lưu / delete what is past its retention",
  usage: PRUNE_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, PRUNE_USAGE);
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, PRUNE_USAGE);
    const config = parseConfig(process.env);
    const now = new Date();
    return withStore(values.url, now, async ({ store }) => {
      const report = await pruneExpired(store, config.maintenance.retention, now);
      const r = config.maintenance.retention;
      io.out(
        `Đã xóa: ${report.updates} mã cập nhật cũ hơn ${r.updatesDays} ngày, ${report.deliveries} tin đã gửi xong cũ hơn ` +
          `${r.deliveriesDays} ngày, ${report.audit} mục nhật ký cũ hơn ${r.auditDays} ngày, ${report.choices} danh sách lựa chọn hết hạn.`,
      );
      return EXIT_OK;
    });
  },
};
