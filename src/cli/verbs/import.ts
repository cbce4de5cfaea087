/**
 * `import <kind> <file>`: one CSV or JSON file into the database, all rows or none. Every refused row
 * is printed on its own line and the exit code is 2; `--dry-run` checks and counts without writing.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { AppError } from "../../errors.ts";
import { formatInteger } from "../../format/vi.ts";
import type { ImportHooks } from "../../imports/index.ts";
import {
  type ChangeCount,
  formatOf,
  IMPORT_KINDS,
  ImportRefusedError,
  isImportKind,
  runImport,
} from "../../imports/index.ts";
import { scheduleChanged } from "../../jobs/index.ts";
import type { Store } from "../../store/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, EXIT_USAGE, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { printWait, waitForDeliveries, withPushSession } from "./push-session.ts";

const USAGE = [
  `npm run cli -- import <${IMPORT_KINDS.join("|")}> <tệp.csv|tệp.json> [--dry-run] [--methodology <id>]`,
  "                      [--source <nguồn>] [--format csv|json] [--url <LIBSQL_URL>] [--json]",
  "",
  "Cột của từng loại (CSV UTF-8, có hoặc không BOM, phân cách , hoặc ;; số thập phân có dấu phẩy đặt trong ngoặc kép):",
  "  units        code,name,kind,parent_code,valid_from,valid_to[,predecessor_codes]  (tiền thân cách nhau bằng ;)",
  "  methodology  tệp JSON của phương pháp chấm điểm",
  "  assessments  unit_code,year,criterion_code,score[,self_score,appraised_score,note,methodology_id,group]",
  "               không có methodology_id, --methodology: phương pháp duy nhất của tỉnh, cấp và năm của đơn vị;",
  "               đơn vị ngoài tỉnh (hoặc khác cấp) của phương pháp bị từ chối",
  "  tthc         unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,",
  "               pending_in_time,pending_overdue,apologies_sent[,resolved,as_of]",
  "  schedule     scope_code,date,start_time,end_time,title,location,participants[,week]  (week dạng 2024-W09)",
  "Một tệp là một giao dịch: có lỗi thì không ghi dòng nào (mã thoát 2). --dry-run kiểm tra và báo sẽ thay đổi gì.",
].join("\n");

const FLAGS = {
  "dry-run": { type: "boolean" },
  methodology: { type: "string" },
  source: { type: "string" },
  format: { type: "string" },
  url: { type: "string" },
  json: { type: "boolean" },
} as const;

const n = formatInteger;
export const changeLine = (c: ChangeCount) =>
  `${c.what}: thêm ${n(c.inserted)}, cập nhật ${n(c.updated)}, không đổi ${n(c.unchanged)}`;

async function checkReadable(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new Error("not a file");
  } catch {
    throw new AppError("FILE_NOT_FOUND", `Không mở được tệp ${path}.`, { path });
  }
}

function refuse(io: CliIo, error: ImportRefusedError): number {
  for (const problem of error.problems) io.err(problem.message);
  io.err(error.message);
  return EXIT_USAGE;
}

export const importVerb: Verb = {
  name: "import",
  summary: "Nhập đơn vị, phương pháp, điểm, số liệu TTHC, lịch làm việc / import a CSV or JSON file",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
    const [kind, path, ...extra] = positionals;
    if (kind === undefined || !isImportKind(kind)) {
      throw usageError(kind ? `Loại dữ liệu "${kind}" không hợp lệ.` : "Thiếu loại dữ liệu.", USAGE);
    }
    if (path === undefined) throw usageError("Thiếu đường dẫn tệp.", USAGE);
    if (extra.length > 0) throw usageError(`Tham số thừa: ${extra.join(" ")}`, USAGE);
    if (values.format !== undefined && values.format !== "csv" && values.format !== "json") {
      throw usageError(`--format phải là csv hoặc json.`, USAGE);
    }
    await checkReadable(path);
    const importKind = kind;
    const filePath = path;
    // A schedule changed for the current week after its notice went out is followed by an update,
    // queued in the import's transaction and delivered before the verb returns.
    if (kind === "schedule" && values["dry-run"] !== true) {
      return withPushSession(values.url, null, io, async (session) => {
        const updates: string[] = [];
        const code = await importAndReport(session.deps.store, session.where, session.clock(), {
          async scheduleChanged(repos, change, ctx) {
            const result = await scheduleChanged(repos, session.deps.jobs, change, ctx);
            if (result.updateKey !== null && result.added > 0) updates.push(result.updateKey);
            if (result.rewritten > 0)
              io.out(`  lịch mới thay cho ${result.rewritten} tin thông báo chưa gửi`);
          },
        });
        if (code !== EXIT_OK || updates.length === 0) return code;
        io.out(`Thông báo cập nhật lịch: ${updates.join(", ")}`);
        printWait(io, await waitForDeliveries(session, updates, { timeoutMs: 600_000 }));
        return EXIT_OK;
      });
    }
    return withStore(values.url, new Date(), ({ store, where }) => importAndReport(store, where, new Date()));

    async function importAndReport(
      store: Store,
      where: string,
      now: Date,
      hooks?: ImportHooks,
    ): Promise<number> {
      try {
        const report = await runImport(
          store,
          {
            kind: importKind,
            input: {
              name: basename(filePath),
              format:
                values.format === "json" || values.format === "csv" ? values.format : formatOf(filePath),
              chunks: createReadStream(filePath, { encoding: "utf8", highWaterMark: 1 << 20 }),
            },
            dryRun: values["dry-run"] === true,
            methodology: values.methodology,
            source: values.source,
            ...(hooks ? { hooks } : {}),
          },
          { now, actor: "cli" },
        );
        if (values.json === true) {
          io.out(JSON.stringify(report, null, 2));
          return EXIT_OK;
        }
        io.out(
          `${report.dryRun ? "Chạy thử" : "Đã nhập"} ${importKind} từ ${report.file} → ${where}: ${n(report.rows)} dòng.`,
        );
        for (const change of report.changes) io.out(`  ${changeLine(change)}`);
        if (report.dryRun) io.out("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.");
        return EXIT_OK;
      } catch (error) {
        if (error instanceof ImportRefusedError) return refuse(io, error);
        throw error;
      }
    }
  },
};
