/** /lich [tuần]: the work schedule of the chat's scope (its unit, else its district or province). */
import { formatIsoDate, vnIsoDate } from "../src/format/vi.ts";
import type { IsoWeek, ScheduleItem } from "../src/store/index.ts";
import { bold, italic, type ReplyBuilder, reply } from "./reply.ts";
import { takeWeek, type WeekAsked } from "./support/args.ts";
import { SAMPLE_NOTE, sourceLine } from "./support/format.ts";
import { addWeeks, isoWeekOf, weekDates, weekdayName, weekExists } from "./support/iso-week.ts";
import { pickUnit } from "./support/unit-arg.ts";
import type { Command, CommandDeps } from "./types.ts";

const EXAMPLE = "/lich tuần sau";

export const lichCommand: Command = {
  name: "lich",
  aliases: ["lichtuan", "lich tuan", "lichlamviec", "lich lam viec", "lichcongtac", "lich cong tac"],
  description: "Lịch làm việc trong tuần của đơn vị (hoặc huyện) của bạn",
  usage: "/lich [tuần: 12, tuần sau, tuần trước] [đơn vị]",
  example: EXAMPLE,

  async run(input, deps) {
    const asked = takeWeek(input.args);
    const week = weekOf(asked.value, isoWeekOf(vnIsoDate(input.now)));
    if (!weekExists(week)) return reply().line(`Năm ${week.isoYear} không có tuần ${week.isoWeek}.`).build();
    const picked = await pickUnit(input, deps, {
      text: asked.rest,
      year: week.isoYear,
      levels: ["commune", "district", "province"],
      commandFor: (id) => `/lich ${week.isoWeek}/${week.isoYear} #${id}`,
      example: "/lich 12/2024 Kinh Môn",
    });
    if ("reply" in picked) return picked.reply;
    const unit = picked.unit;

    // A commune rarely publishes its own schedule; its district's leaders' schedule is what applies.
    const scopes = [unit.id, ...unit.ancestorIds];
    for (const scopeId of scopes) {
      const items = await deps.store.schedules.week(scopeId, week);
      if (items.length === 0) continue;
      const scopePath = (await deps.resolver()).byId(scopeId)?.path ?? unit.path;
      return scheduleReply(week, scopePath, items).build();
    }
    return nothingThatWeek(deps, week, unit.path, scopes);
  },
};

function weekOf(asked: WeekAsked | null, current: IsoWeek): IsoWeek {
  if (asked === null) return current;
  if (asked.kind === "relative") return addWeeks(current, asked.offset);
  return { isoYear: asked.year ?? current.isoYear, isoWeek: asked.week };
}

/** "Tuần 12 (18/03–24/03/2024)". */
export function weekTitle(week: IsoWeek): string {
  const { monday, sunday } = weekDates(week);
  const from = formatIsoDate(monday);
  const to = formatIsoDate(sunday);
  const sameYear = monday.slice(0, 4) === sunday.slice(0, 4);
  return `Tuần ${week.isoWeek} (${sameYear ? from.slice(0, 5) : from}–${to})`;
}

/** "08:00–09:30 Giao ban" and, on a second line, where and who. */
export function scheduleItemLines(item: ScheduleItem): string[] {
  const time = item.startTime ? `${item.startTime}${item.endTime ? `–${item.endTime}` : ""} ` : "";
  const where = [
    item.location ? `Địa điểm: ${item.location}` : "",
    item.participants ? `Thành phần: ${item.participants}` : "",
  ].filter(Boolean);
  return [`${time}${item.title}`, ...(where.length > 0 ? [where.join("; ")] : [])];
}

/** A week's items by day, as /lich shows them and the Monday notice sends them. */
export function scheduleReply(
  week: IsoWeek,
  scopePath: string,
  items: readonly ScheduleItem[],
): ReplyBuilder {
  const built = reply()
    .line(bold(`Lịch làm việc ${weekTitle(week).replace(/^Tuần/u, "tuần")}`))
    .line(scopePath);
  let day = "";
  for (const item of items) {
    if (item.date !== day) {
      day = item.date;
      built.line(bold(`${weekdayName(day)}, ${formatIsoDate(day).slice(0, 5)}`));
    }
    const [what, where] = scheduleItemLines(item);
    built.line(`• ${what}`);
    if (where !== undefined) built.line(`  ${where}`);
  }
  const sources = [...new Set(items.map((item) => item.source))];
  for (const source of sources) built.line(italic(sourceLine(source)));
  if (items.some((item) => item.sample)) built.line(italic(SAMPLE_NOTE));
  return built;
}

async function nothingThatWeek(deps: CommandDeps, week: IsoWeek, path: string, scopes: readonly number[]) {
  const built = reply().line(
    `Chưa có lịch làm việc ${weekTitle(week).replace(/^Tuần/u, "tuần")} của ${path}.`,
  );
  const latest = await deps.store.scheduleWeeks.latest(scopes);
  if (latest !== null) {
    built.line(`Lịch gần nhất đã đăng: tuần ${latest.isoWeek}/${latest.isoYear}.`);
    built.choice(weekTitle(latest), `/lich ${latest.isoWeek}/${latest.isoYear} #${scopes[0]}`);
  }
  return built.build();
}
