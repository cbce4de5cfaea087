/** /lich [tuần]: the work schedule of the chat's scope (its unit, else its district or province). */
import { formatIsoDate, vnIsoDate } from "../src/format/vi.ts";
import type { IsoWeek, ScheduleItem } from "../src/store/index.ts";
import { bold, italic, type ReplyBuilder, reply } from "./reply.ts";
import { takeWeek, type WeekAsked } from "./support/args.ts";
import { SAMPLE_NOTE, sourceLine } from "./support/format.ts";
import { addWeeks, isoWeekOf, weekDates, weekdayName, weekExists } from "./support/iso-week.ts";
import { pickReading } from "./support/pick.ts";
import { pageOf, takePage } from "./support/schedule-pages.ts";
import type { Command, CommandDeps } from "./types.ts";

const EXAMPLE = "/lich tuần sau";

export const lichCommand: Command = {
  name: "lich",
  aliases: ["lichtuan", "lich tuan", "lichlamviec", "lich lam viec", "lichcongtac", "lich cong tac"],
  description: "Lịch làm việc trong tuần của đơn vị (hoặc huyện) của bạn",
  usage: "/lich [tuần: 12, tuần sau, 12/2024, 18/3/2024] [đơn vị]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    const { page, rest } = takePage(input.args);
    const current = isoWeekOf(vnIsoDate(input.now));
    const picked = await pickReading(input, deps, takeWeek(rest, input.now), ({ value, rest }) => {
      const week = weekOf(value, current);
      return {
        text: rest,
        year: week.isoYear,
        levels: ["commune", "district", "province"],
        commandFor: (id) => `/lich ${week.isoWeek}/${week.isoYear} #${id}`,
        example: "/lich 12/2024 Kinh Môn",
      };
    });
    if ("reply" in picked) return picked.reply;
    const unit = picked.unit;
    const week = weekOf(picked.reading.value, current);
    if (!weekExists(week)) return reply().line(`Năm ${week.isoYear} không có tuần ${week.isoWeek}.`).build();

    // A commune rarely publishes its own schedule; its district's leaders' schedule is what applies.
    const scopes = [unit.id, ...unit.ancestorIds];
    for (const scopeId of scopes) {
      const items = await deps.store.schedules.week(scopeId, week);
      if (items.length === 0) continue;
      const scopePath = (await deps.resolver()).byId(scopeId)?.path ?? unit.path;
      return pageOf(week, scopePath, items, page, `/lich ${week.isoWeek}/${week.isoYear} #${scopeId}`);
    }
    return nothingThatWeek(deps, week, unit.path, scopes);
  },
};

function weekOf(asked: WeekAsked | null, current: IsoWeek): IsoWeek {
  if (asked === null) return current;
  if (asked.kind === "relative") return addWeeks(current, asked.offset);
  if (asked.kind === "week") return asked.week;
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
  const built = scheduleHeading(week, scopePath);
  scheduleItems(built, items);
  const sources = [...new Set(items.map((item) => item.source))];
  for (const source of sources) built.line(italic(sourceLine(source)));
  if (items.some((item) => item.sample)) built.line(italic(SAMPLE_NOTE));
  return built;
}

export function scheduleHeading(week: IsoWeek, scopePath: string): ReplyBuilder {
  return reply()
    .line(bold(`Lịch làm việc ${weekTitle(week).replace(/^Tuần/u, "tuần")}`))
    .line(scopePath);
}

/** The items by day, each day's name once; `day` is the day already named (a page going on). */
export function scheduleItems(built: ReplyBuilder, items: readonly ScheduleItem[], day = ""): ReplyBuilder {
  let named = day;
  for (const item of items) {
    if (item.date !== named) {
      named = item.date;
      built.line(bold(`${weekdayName(named)}, ${formatIsoDate(named).slice(0, 5)}`));
    }
    const [what, where] = scheduleItemLines(item);
    built.line(`• ${what}`);
    if (where !== undefined) built.line(`  ${where}`);
  }
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
