/**
 * `import schedule`: the leaders' work schedule of a scope, week by week. Columns scope_code,date,
 * start_time,end_time,title,location,participants and optional week ("2024-W09", the week the notice
 * states). Every week the file touches is replaced by the file's items for it. A date outside its
 * stated week is refused: the Kinh Môn notice of week 9 printed its last day as "03/3/3024".
 */
import type { ScheduleItem } from "../../store/index.ts";
import { isoWeekOf, isoWeekRange, parseDate, parseIsoWeek, parseTime, showDate } from "../dates.ts";
import * as read from "../fields.ts";
import { refuseIfAny } from "../problems.ts";
import { eachRecord, openWithColumns, problemsOf } from "../records.ts";
import { resolveCode } from "../unit-codes.ts";
import { changeCount, type KindImporter } from "./kind.ts";

const REQUIRED = [
  "scope_code",
  "date",
  "start_time",
  "end_time",
  "title",
  "location",
  "participants",
] as const;

interface Week {
  scopeUnitId: number;
  isoYear: number;
  isoWeek: number;
  items: (ScheduleItem & { order: number })[];
}

export const importSchedule: KindImporter = async ({ repos, input, options, ctx, problems, hooks }) => {
  const reader = await openWithColumns(input, problems, REQUIRED);

  const index = await repos.unitAdmin.codeIndex();
  const weeks = new Map<string, Week>();
  let rows = 0;
  for await (const record of eachRecord(reader)) {
    if (problems.full) break;
    rows += 1;
    const v = record.values;
    const issues = problemsOf(problems, record);
    const fail = issues.fail;

    const scope = read.requiredText(v.scope_code ?? "", "mã đơn vị (scope_code)");
    if (!scope.ok) fail("BAD_VALUE", scope.reason);
    const title = read.requiredText(v.title ?? "", "nội dung (title)");
    if (!title.ok) fail("BAD_VALUE", title.reason);
    const date = parseDate(v.date ?? "");
    if (date === null) fail("BAD_VALUE", `ngày "${v.date ?? ""}" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)`);
    const [start, end] = (["start_time", "end_time"] as const).map((column) => {
      const text = (v[column] ?? "").trim();
      if (text === "") return null;
      const time = parseTime(text);
      if (time === null) fail("BAD_VALUE", `giờ ${column} "${text}" không hợp lệ (HH:MM)`);
      return time;
    });
    if (start && end && start > end) fail("BAD_VALUE", `giờ bắt đầu ${start} sau giờ kết thúc ${end}`);
    const weekText = read.optionalText(v.week);
    const stated = weekText === null ? null : parseIsoWeek(weekText);
    if (weekText !== null && stated === null)
      fail("BAD_VALUE", `tuần "${weekText}" không hợp lệ (dạng 2024-W09)`);
    if (date !== null && stated !== null) {
      const actual = isoWeekOf(date);
      if (actual.isoYear !== stated.isoYear || actual.isoWeek !== stated.isoWeek) {
        const range = isoWeekRange(stated);
        fail(
          "DATE_OUTSIDE_WEEK",
          `ngày ${showDate(date)} không thuộc tuần ${stated.isoWeek} năm ${stated.isoYear} ` +
            `(${showDate(range.from)}–${showDate(range.to)})`,
        );
      }
    }
    if (issues.found || !scope.ok || !title.ok || date === null) continue;
    const unit = resolveCode(index, scope.value, { from: date, to: date }, `vào ngày ${showDate(date)}`);
    if (!unit.ok) {
      fail(unit.code, unit.reason);
      continue;
    }
    const week = isoWeekOf(date);
    const key = `${unit.unit.id}|${week.isoYear}|${week.isoWeek}`;
    const entry = weeks.get(key) ?? { scopeUnitId: unit.unit.id, ...week, items: [] };
    weeks.set(key, entry);
    entry.items.push({
      order: record.line,
      date,
      startTime: start ?? null,
      endTime: end ?? null,
      title: title.value,
      location: read.optionalText(v.location),
      participants: read.optionalText(v.participants),
      source: options.source,
      sample: false,
    });
  }
  refuseIfAny(problems);

  const changed = changeCount("tuần lịch làm việc");
  for (const week of weeks.values()) {
    // The store's order (date, start time, then insertion): inserting in it makes a re-run identical.
    const items = week.items
      .sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          Number(a.startTime === null) - Number(b.startTime === null) ||
          (a.startTime ?? "").localeCompare(b.startTime ?? "") ||
          a.order - b.order,
      )
      .map(({ order: _order, ...item }) => item);
    const had = await repos.schedules.week(week.scopeUnitId, week);
    const result = await repos.schedules.replaceWeek(week.scopeUnitId, week, items, ctx);
    changed[result === "unchanged" ? "unchanged" : had.length === 0 ? "inserted" : "updated"] += 1;
    if (result === "replaced") {
      await hooks.scheduleChanged?.(
        repos,
        {
          scopeUnitId: week.scopeUnitId,
          week: { isoYear: week.isoYear, isoWeek: week.isoWeek },
          before: had,
          after: items,
        },
        ctx,
      );
    }
  }
  return { rows, changes: [changed] };
};
