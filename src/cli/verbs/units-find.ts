/**
 * `units find "<text>"`: the chat's name resolver, for officers and tests. Matches best first with
 * code, kind, full path and validity; nothing matching is an empty list, not an error.
 */
import { databaseOptionsFromEnv, openDatabase } from "../../db/open.ts";
import { createResolver, type Match, type ResolveResult } from "../../resolve/index.ts";
import { createStore } from "../../store/index.ts";
import { migrate } from "../../store/migrate.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import { EXIT_OK } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import type { UnitsSubcommand } from "./units-load.ts";

const USAGE = [
  'npm run cli -- units find "<tên>" [--year <năm>] [--limit <n>] [--json] [--url <LIBSQL_URL>]',
  "",
  "Tìm đơn vị hành chính theo tên như người dùng gõ (không dấu, viết tắt, sai chính tả, kèm huyện/tỉnh),",
  "đơn vị tồn tại trong --year trước. In mã GSO, loại, đường dẫn đầy đủ và hiệu lực; không có kết quả là",
  'danh sách rỗng. Ví dụ: units find "tan hong binh giang" --year 2022',
].join("\n");

export interface FoundUnit {
  id: number;
  code: string;
  kind: string;
  level: string;
  name: string;
  path: string;
  validity: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface FindReport {
  query: string;
  year: number | null;
  result: ResolveResult["kind"];
  /** How many units matched before --limit cut the list. */
  total: number;
  matches: FoundUnit[];
  /** Nearest names when nothing matched. */
  suggestions: FoundUnit[];
  note: string | null;
  message: string | null;
}

export function findReport(query: string, year: number | null, result: ResolveResult): FindReport {
  const base = { query, year, result: result.kind, note: null, message: null, suggestions: [] };
  switch (result.kind) {
    case "unit":
      return { ...base, total: 1, matches: [found(result.match)], note: result.note ?? null };
    case "choice":
      return { ...base, total: result.total, matches: result.options.map(found) };
    case "none":
      return { ...base, total: 0, matches: [], suggestions: result.suggestions.map(found) };
    case "invalid":
      return { ...base, total: 0, matches: [], message: result.message };
  }
}

function found(match: Match): FoundUnit {
  const { unit } = match;
  return {
    id: unit.id,
    code: unit.code,
    kind: unit.kind,
    level: unit.level,
    name: unit.name,
    path: match.path,
    validity: match.validity,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
  };
}

function line(unit: FoundUnit, i: number): string {
  const validity = unit.validity ? ` (${unit.validity})` : "";
  return `${String(i + 1).padStart(2)}. ${unit.code.padEnd(5)}  ${unit.kind.padEnd(9)}  ${unit.path}${validity}`;
}

function positiveInteger(text: string | undefined, flag: string, min: number, max: number): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw usageError(`--${flag} phải là số nguyên từ ${min} đến ${max}.`, USAGE);
  }
  return value;
}

export const findSubcommand: UnitsSubcommand = {
  name: "find",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        year: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean" },
        url: { type: "string" },
      },
      USAGE,
    );
    if (positionals.length === 0) throw usageError("Thiếu tên cần tìm.", USAGE);
    const query = positionals.join(" ");
    const year = positiveInteger(values.year, "year", 1945, 2100);
    const limit = positiveInteger(values.limit, "limit", 1, 200) ?? 20;

    const client = await openDatabase(databaseOptionsFromEnv(process.env, values.url));
    try {
      await migrate(client, await readMigrations(), new Date());
      const units = await createStore(client).units.listResolvable();
      const result = createResolver(units).resolve(query, year === null ? { limit } : { year, limit });
      const report = findReport(query, year, result);
      if (values.json === true) {
        io.out(JSON.stringify(report, null, 2));
        return EXIT_OK;
      }
      if (units.length === 0)
        io.err("Sổ đăng ký đơn vị trống: chạy npm run cli -- units load-national trước.");
      if (report.message) io.out(report.message);
      if (report.note) io.out(report.note);
      if (report.matches.length === 0) io.out(`Không có đơn vị nào khớp với "${query}".`);
      report.matches.forEach((unit, i) => {
        io.out(line(unit, i));
      });
      if (report.total > report.matches.length) {
        io.out(`… và ${report.total - report.matches.length} đơn vị khác (--limit để xem thêm).`);
      }
      if (report.suggestions.length > 0) {
        io.out("Tên gần giống:");
        report.suggestions.forEach((unit, i) => {
          io.out(line(unit, i));
        });
      }
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};
