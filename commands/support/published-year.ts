/**
 * Which published year a score command shows, and the answer when the asked year has nothing to show.
 * A year after the unit's latest published one is "not yet published" whatever the drafts hold: the
 * commands never look at drafts, so the embargo cannot leak even the existence of a draft.
 */
import type { PublishedRankingEntry, PublishedResult } from "../../src/store/index.ts";
import { type Reply, reply } from "../reply.ts";
import type { CommandDeps } from "../types.ts";
import type { PickedUnit } from "./unit-arg.ts";

export type YearPicked<T extends PublishedRankingEntry = PublishedResult> =
  | { published: T }
  | { reply: Reply };

const MAX_YEAR_CHOICES = 6;

/**
 * `read` is how the result is read (`published.forUnit` unless the command needs more of it, as
 * /diem its peers).
 */
export async function publishedYear<T extends PublishedRankingEntry = PublishedResult>(
  deps: CommandDeps,
  unit: PickedUnit,
  asked: number | null,
  commandFor: (year: number) => string,
  read: (unitId: number, year: number) => Promise<T | null> = (unitId, year) =>
    deps.store.published.forUnit(unitId, year) as Promise<T | null>,
): Promise<YearPicked<T>> {
  if (asked !== null) {
    // The usual case, a year with a result, takes one read; the years are only needed to explain a miss.
    const published = await read(unit.id, asked);
    if (published !== null) return { published };
  }
  const years = await deps.store.published.years(unit.id);
  const latest = years[0];
  if (latest === undefined) {
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
    for (const y of years.slice(0, MAX_YEAR_CHOICES)) built.choice(`Năm ${y}`, commandFor(y));
    return { reply: built.build() };
  }
  const published = await read(unit.id, year);
  // years() and forUnit() read the same table: a miss here is a withdrawal between the two reads.
  if (published === null) return { reply: reply().line(`Kết quả năm ${year} chưa được công bố.`).build() };
  return { published };
}
