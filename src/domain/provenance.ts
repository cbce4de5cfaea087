/**
 * Where each figure of a published result comes from. A province's own publication makes every figure
 * "published"; the demo's articles printed only some (a total, a rank, a list of names), and the rest
 * was either computed from printed figures alone ("derived") or generated to fit them ("sample").
 * Frozen with the result (`published_results.origins`), so a reply marks each line by what it rests on
 * and never raises a judgement about a named unit from sample figures.
 */

export type Origin = "published" | "derived" | "sample";

export interface SourceRef {
  /** The article's or the decision's title. */
  title: string;
  /** The day it was published (ISO), when known. */
  date: string | null;
}

export interface FigureOrigins {
  schema: 1;
  /** The total points and the % of the maximum. */
  total: Origin;
  rank: Origin;
  /** Places gained or lost against the previous year. */
  rankChange: Origin;
  pointsChange: Origin;
  /** The group or classification band. */
  group: Origin;
  /** The head's rating. */
  rating: Origin;
  /** Field points per field code; a field not listed has `otherFields`. */
  fields: Record<string, Origin>;
  otherFields: Origin;
  /** Why the head was rated so, in the source's own words, when the source says. */
  statedReasons: string[];
  /** Where the source contradicts itself about this unit, quoted (one line each). */
  conflicts: string[];
  /** The publication the published and derived figures come from. */
  source: SourceRef | null;
  /** How the derived figures were computed, when some are ("hạng tính từ điểm đã công bố"). */
  derivedHow: string | null;
}

const ALL_PUBLISHED = "published" satisfies Origin;

/** A province's own publication: every figure was published by it, nothing stated beyond them. */
export function publishedOrigins(source: SourceRef | null): FigureOrigins {
  return {
    schema: 1,
    total: ALL_PUBLISHED,
    rank: ALL_PUBLISHED,
    rankChange: ALL_PUBLISHED,
    pointsChange: ALL_PUBLISHED,
    group: ALL_PUBLISHED,
    rating: ALL_PUBLISHED,
    fields: {},
    otherFields: ALL_PUBLISHED,
    statedReasons: [],
    conflicts: [],
    source,
    derivedHow: null,
  };
}

/** A result with sample figures and nothing more known: every figure is sample. */
export function sampleOrigins(source: SourceRef | null): FigureOrigins {
  return {
    ...publishedOrigins(source),
    total: "sample",
    rank: "sample",
    rankChange: "sample",
    pointsChange: "sample",
    group: "sample",
    rating: "sample",
    otherFields: "sample",
  };
}

/** Whether a result's total was published or derived from published figures, from what was stored. */
export function totalKnownOf(stored: unknown, sample: boolean): boolean {
  return originsOf(stored, sample, null).total !== "sample";
}

export function fieldOrigin(origins: FigureOrigins, fieldCode: string): Origin {
  return origins.fields[fieldCode] ?? origins.otherFields;
}

/** Whether every field of the result was published (or derived from published figures). */
export function fieldsAreKnown(origins: FigureOrigins, fieldCodes: readonly string[]): boolean {
  return fieldCodes.every((code) => fieldOrigin(origins, code) !== "sample");
}

const ORIGINS: readonly Origin[] = ["published", "derived", "sample"];
const isOrigin = (value: unknown): value is Origin => ORIGINS.includes(value as Origin);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

/**
 * The origins frozen with a result, or, for a result frozen before origins were kept (or of a shape
 * this code does not know), what its `sample` flag alone allows: all sample or all published.
 */
export function originsOf(stored: unknown, sample: boolean, source: SourceRef | null): FigureOrigins {
  const fallback = sample ? sampleOrigins(source) : publishedOrigins(source);
  if (typeof stored !== "object" || stored === null) return fallback;
  const o = stored as Record<string, unknown>;
  const scalars = ["total", "rank", "rankChange", "pointsChange", "group", "rating", "otherFields"] as const;
  if (o.schema !== 1 || !scalars.every((k) => isOrigin(o[k]))) return fallback;
  const fields = typeof o.fields === "object" && o.fields !== null ? o.fields : {};
  if (!Object.values(fields).every(isOrigin)) return fallback;
  if (!isStrings(o.statedReasons) || !isStrings(o.conflicts)) return fallback;
  const src = o.source as Record<string, unknown> | null;
  const sourceRef =
    src !== null && typeof src === "object" && typeof src.title === "string"
      ? { title: src.title, date: typeof src.date === "string" ? src.date : null }
      : source;
  return {
    schema: 1,
    total: o.total as Origin,
    rank: o.rank as Origin,
    rankChange: o.rankChange as Origin,
    pointsChange: o.pointsChange as Origin,
    group: o.group as Origin,
    rating: o.rating as Origin,
    fields: fields as Record<string, Origin>,
    otherFields: o.otherFields as Origin,
    statedReasons: o.statedReasons,
    conflicts: o.conflicts,
    source: sourceRef,
    derivedHow: typeof o.derivedHow === "string" ? o.derivedHow : null,
  };
}
