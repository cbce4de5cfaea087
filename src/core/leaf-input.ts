/**
 * What a unit hands in for one leaf. A bare number is the final points; the object form keeps the
 * unit's self-score and the appraisal council's score apart, or gives the raw figure a rule scores
 * (a rate, a count of violations, a survey mean, done or not).
 */
export interface LeafInputObject {
  points?: number;
  self?: number;
  appraised?: number;
  rate?: number;
  events?: number;
  done?: boolean;
  surveyMean?: number;
  notApplicable?: boolean;
  comment?: string;
}

export type LeafInput = number | LeafInputObject;

export interface UnitInput {
  /** The unit's name as its scope knows it; the key for ranks and year-on-year changes. */
  unit: string;
  /** Keyed by leaf code. */
  scores: Readonly<Record<string, LeafInput>>;
}

/** Where a leaf's final points came from: appraised ?? points ?? rule(raw input) ?? self. */
export type LeafPointsSource = "appraised" | "points" | "rule" | "self" | "notApplicable";

export interface ResolvedLeaf {
  points: number;
  /** 0 when the leaf is not applicable and excluded from the maximum (re-normalised). */
  applicableMax: number;
  self: number | null;
  appraised: number | null;
  /** What the leaf rule gives for the raw input, when one was given. */
  computed: number | null;
  source: LeafPointsSource;
  notApplicable: boolean;
  comment: string | null;
}

/** Unit names compare after Unicode normalisation: a spreadsheet may carry decomposed Vietnamese. */
export function unitKey(name: string): string {
  return name.normalize("NFC").trim();
}
