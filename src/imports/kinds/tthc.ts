/**
 * `import tthc`: administrative-procedure case counts of a unit over a period. Columns unit_code,
 * period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,
 * pending_overdue,apologies_sent, optional resolved (checked against its parts) and as_of (a date read
 * as period_start's, or an ISO date-time with its offset as the portals publish it). On time and
 * late are required; an empty cell of the others means the figure was not published (unknown, never
 * 0), and an empty resolved_early means resolved_on_time is "trước và đúng hạn" together. The counts
 * must add up the way the TTHC report forms do where all of them are known: received = resolved +
 * pending, resolved = early + on time + late; apology letters go to late cases only.
 */
import type { TthcStats } from "../../store/index.ts";
import { parseDate, parseInstant, showDate } from "../dates.ts";
import * as read from "../fields.ts";
import { refuseIfAny } from "../problems.ts";
import { eachRecord, openWithColumns, placeWord, problemsOf } from "../records.ts";
import { resolveCode } from "../unit-codes.ts";
import { changeCount, type KindImporter } from "./kind.ts";

/** [column, label, required]: the optional ones may be left empty when not published. */
const COUNTS = [
  ["received", "số hồ sơ tiếp nhận (received)", false],
  ["resolved_early", "số giải quyết trước hạn (resolved_early)", false],
  ["resolved_on_time", "số giải quyết đúng hạn (resolved_on_time)", true],
  ["resolved_late", "số giải quyết trễ hạn (resolved_late)", true],
  ["pending_in_time", "số đang giải quyết trong hạn (pending_in_time)", false],
  ["pending_overdue", "số đang giải quyết quá hạn (pending_overdue)", false],
  ["apologies_sent", "số thư xin lỗi (apologies_sent)", false],
] as const;
type CountColumn = (typeof COUNTS)[number][0];
const show = (n: number | null) => (n === null ? "chưa công bố" : String(n));

/**
 * as_of as stored: a date as the period columns read it ("05/07/2024" → "2024-07-05"), or a portal's
 * ISO instant kept as given; null when the cell is empty, undefined when it cannot be read.
 */
function parseAsOf(cell: string): string | null | undefined {
  const text = cell.trim();
  if (text === "") return null;
  return parseDate(text) ?? parseInstant(text) ?? undefined;
}

const REQUIRED = ["unit_code", "period_start", "period_end", ...COUNTS.map(([c]) => c)] as const;

export const importTthc: KindImporter = async ({ repos, input, options, ctx, problems }) => {
  const reader = await openWithColumns(input, problems, REQUIRED);

  const index = await repos.unitAdmin.codeIndex();
  const rows: TthcStats[] = [];
  const seen = new Map<string, number>();
  let count = 0;
  for await (const record of eachRecord(reader)) {
    if (problems.full) break;
    count += 1;
    const v = record.values;
    const issues = problemsOf(problems, record);
    const fail = issues.fail;

    const code = read.requiredText(v.unit_code ?? "", "mã đơn vị (unit_code)");
    if (!code.ok) fail("BAD_VALUE", code.reason);
    const [start, end] = (["period_start", "period_end"] as const).map((column) => {
      const date = parseDate(v[column] ?? "");
      if (date === null) fail("BAD_VALUE", `${column} "${v[column] ?? ""}" không phải ngày hợp lệ`);
      return date;
    });
    const asOf = parseAsOf(v.as_of ?? "");
    if (asOf === undefined) {
      fail(
        "BAD_VALUE",
        `as_of "${v.as_of ?? ""}" không phải ngày hợp lệ (ghi dạng 05/07/2024 hoặc 2024-07-05; để trống nếu không rõ)`,
      );
    }
    if (start && end && start > end)
      fail("BAD_VALUE", `kỳ báo cáo bắt đầu ${showDate(start)} sau ngày kết thúc ${showDate(end)}`);
    const n = {} as Record<CountColumn, number | null>;
    for (const [column, label, required] of COUNTS) {
      const cell = v[column] ?? "";
      if (!required && cell.trim() === "") {
        n[column] = null;
        continue;
      }
      const value = read.count(cell, label);
      if (value.ok) n[column] = value.value;
      else fail("BAD_VALUE", value.reason);
    }
    if (issues.found || !code.ok || !start || !end || asOf === undefined) continue;
    const onTime = n.resolved_on_time as number;
    const late = n.resolved_late as number;

    const resolvedParts = (n.resolved_early ?? 0) + onTime + late;
    const resolvedText = read.optionalText(v.resolved);
    if (resolvedText !== null) {
      const resolved = read.count(resolvedText, "số đã giải quyết (resolved)");
      if (!resolved.ok) fail("BAD_VALUE", resolved.reason);
      else if (resolved.value !== resolvedParts) {
        fail(
          "COUNTS_DO_NOT_ADD_UP",
          `số đã giải quyết ${resolved.value} ≠ trước hạn ${show(n.resolved_early)} + đúng hạn ${onTime} + ` +
            `trễ hạn ${late} = ${resolvedParts}`,
        );
      }
    }
    if (n.received !== null && n.pending_in_time !== null && n.pending_overdue !== null) {
      const pending = n.pending_in_time + n.pending_overdue;
      if (n.received !== resolvedParts + pending) {
        fail(
          "COUNTS_DO_NOT_ADD_UP",
          `số tiếp nhận ${n.received} ≠ đã giải quyết ${resolvedParts} (trước hạn ${show(n.resolved_early)} + đúng hạn ` +
            `${onTime} + trễ hạn ${late}) + đang giải quyết ${pending} (trong hạn ` +
            `${n.pending_in_time} + quá hạn ${n.pending_overdue})`,
        );
      }
    }
    // Letters go to late cases: those resolved late and, when published, those overdue.
    const lateCases = late + (n.pending_overdue ?? 0);
    if (n.apologies_sent !== null && n.pending_overdue !== null && n.apologies_sent > lateCases) {
      fail(
        "APOLOGIES_ABOVE_LATE",
        `số thư xin lỗi ${n.apologies_sent} lớn hơn số hồ sơ trễ hạn ${lateCases} (giải quyết trễ hạn ${late} ` +
          `+ đang quá hạn ${n.pending_overdue})`,
      );
    }
    const unit = resolveCode(
      index,
      code.value,
      { from: start, to: end },
      `trong kỳ ${showDate(start)}–${showDate(end)}`,
    );
    if (!unit.ok) fail(unit.code, unit.reason);
    if (issues.found || !unit.ok) continue;

    const key = `${unit.unit.id}|${start}|${end}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(
        "DUPLICATE_ROW",
        `số liệu của ${unit.unit.name} kỳ ${showDate(start)}–${showDate(end)} đã có ở ${placeWord(input.format)} ${earlier}`,
      );
      continue;
    }
    seen.set(key, record.line);
    rows.push({
      unitId: unit.unit.id,
      periodStart: start,
      periodEnd: end,
      received: n.received,
      resolvedEarly: n.resolved_early,
      resolvedOnTime: onTime,
      resolvedLate: late,
      pendingInTime: n.pending_in_time,
      pendingOverdue: n.pending_overdue,
      apologiesSent: n.apologies_sent,
      asOf,
      source: options.source,
      sample: false,
    });
  }
  refuseIfAny(problems);

  // One read and one write for the whole file, whatever its length (a Worker pays per round trip).
  const stats = changeCount("kỳ số liệu TTHC");
  for (const outcome of await repos.tthc.put(rows, ctx)) stats[outcome] += 1;
  return { rows: count, changes: [stats] };
};
