/**
 * Which published year a score command shows, and the answer when the asked year has nothing to show.
 * A year after the unit's latest published one is "not yet published" whatever the drafts hold: the
 * commands never look at drafts, so the embargo cannot leak even the existence of a draft.
 */
import type { PublishedCardResult } from "../../src/store/index.ts";
import { type Reply, reply } from "../reply.ts";
import type { CommandDeps } from "../types.ts";
import { predecessorsReply } from "./predecessors.ts";
import type { PickedUnit } from "./unit-arg.ts";

export type YearPicked = { published: PublishedCardResult } | { reply: Reply };

const MAX_YEAR_CHOICES = 6;

/**
 * The unit's published card for the asked year, or for its latest when none was asked. A unit with no
 * result of its own but predecessors with some (a commune formed in 2025) gets theirs, shown as such.
 */
export async function publishedYear(
  deps: CommandDeps,
  unit: PickedUnit,
  asked: number | null,
  commandFor: (unitId: number, year: number) => string,
): Promise<YearPicked> {
  if (asked !== null) {
    // The usual case, a year with a result, takes one read; the years are only needed to explain a miss.
    const published = await deps.store.published.cardForUnit(unit.id, asked);
    if (published !== null) return { published };
  }
  const years = await deps.store.published.years(unit.id);
  const latest = years[0];
  if (latest === undefined) {
    const before = await predecessorsReply(deps, unit, asked, commandFor);
    if (before !== null) return { reply: before };
    return {
      reply: reply().line(`Chưa có kết quả Chỉ số CCHC nào được công bố cho ${unit.path}.`).build(),
    };
  }
  const year = asked ?? latest;
  if (!years.includes(year)) {
    const built = reply();
    if (year > latest) {
      built.line(`Kết quả năm ${year} chưa được công bố.`).line(`Năm gần nhất đã công bố: ${latest}.`);
    } else {
      built
        .line(`Không có dữ liệu năm ${year} của ${unit.name}.`)
        .line(`Các năm đã công bố: ${years.join(", ")}.`);
    }
    for (const y of years.slice(0, MAX_YEAR_CHOICES)) built.choice(`Năm ${y}`, commandFor(unit.id, y));
    return { reply: built.build() };
  }
  const published = await deps.store.published.cardForUnit(unit.id, year);
  // years() and cardForUnit() read the same table: a miss here is a withdrawal between the two reads.
  if (published === null) return { reply: reply().line(`Kết quả năm ${year} chưa được công bố.`).build() };
  return { published };
}
