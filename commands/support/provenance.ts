/**
 * Marking each line by what it rests on: a published figure is shown as it is, a figure computed
 * only from published ones gets "△", a generated one "◇", and one legend line says what the marks
 * mean. Judgements about a named unit (a cap naming a field, a flag) are shown only when every field
 * they rest on was published.
 */
import type { NodeFigures } from "../../src/core/index.ts";
import {
  type FigureOrigins,
  fieldOrigin,
  fieldsAreKnown,
  type Origin,
  originsOf,
} from "../../src/domain/provenance.ts";
import type { PublishedCard } from "../../src/domain/published.ts";
import { formatIsoDate } from "../../src/format/vi.ts";
import type { PublishedRankingEntry } from "../../src/store/index.ts";

const MARKS: Record<Origin, string> = { published: "", derived: " △", sample: " ◇" };

export function originsOfResult(
  result: Pick<PublishedRankingEntry, "origins" | "sample" | "source" | "publishedOn">,
): FigureOrigins {
  return originsOf(result.origins, result.sample, { title: result.source, date: result.publishedOn });
}

/** Collects the marks a reply used, for its one legend line. */
export class Marks {
  private readonly used = new Set<Origin>();

  /** " ◇" for a sample figure, " △" for a derived one, "" for a published one. */
  of(...origins: Origin[]): string {
    const worst = origins.includes("sample")
      ? "sample"
      : origins.includes("derived")
        ? "derived"
        : "published";
    this.used.add(worst);
    return MARKS[worst];
  }

  /** The legend of the marks used, or null when every figure shown was published. */
  legend(): string | null {
    const parts: string[] = [];
    if (this.used.has("derived")) parts.push("△ tính từ số đã công bố");
    if (this.used.has("sample")) parts.push("◇ số liệu minh họa, không phải số công bố");
    return parts.length === 0 ? null : parts.join(" · ");
  }
}

/** "Nguồn: <title> (17/03/2023)." with how derived figures were computed, when any are shown. */
export function sourceOf(origins: FigureOrigins, showsDerived: boolean): string {
  const source = origins.source;
  const where =
    source === null
      ? "Nguồn: không rõ."
      : `Nguồn: ${source.title}${source.date ? ` (${formatIsoDate(source.date)})` : ""}.`;
  return showsDerived && origins.derivedHow !== null ? `${where} △: ${origins.derivedHow}.` : where;
}

export interface RatingNotes {
  /** Why the head was rated so: the binding caps, or the source's own words. */
  reasons: string[];
  /** Accountability flags raised by rules that cover the year, on published fields only. */
  flags: string[];
}

/**
 * The head rating's reasons a reply may state. Computed caps and flags name fields; they are shown only
 * when every field was published, and then only the caps at the final rating (the one that decided it),
 * each once. Otherwise the source's own words, if it gave any.
 */
export function ratingNotes(
  card: PublishedCard | null,
  origins: FigureOrigins,
  fields: readonly NodeFigures[],
): RatingNotes {
  const rating = card?.result.headRating;
  const fieldsKnown =
    fields.length > 0 &&
    fieldsAreKnown(
      origins,
      fields.map((f) => f.code),
    );
  if (rating === undefined || rating === null || !fieldsKnown || origins.rating === "sample") {
    return { reasons: [...origins.statedReasons], flags: [] };
  }
  const binding = rating.caps.filter((cap) => cap.capAt.code === rating.final.code && !cap.assumed);
  const reasons = [...new Set(binding.map((cap) => cap.message))];
  return {
    reasons: reasons.length > 0 ? reasons : [...origins.statedReasons],
    flags: [...new Set(rating.flags.filter((f) => !f.assumed).map((f) => f.message))],
  };
}

export function fieldMark(marks: Marks, origins: FigureOrigins, field: Pick<NodeFigures, "code">): string {
  return marks.of(fieldOrigin(origins, field.code));
}
