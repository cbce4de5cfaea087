/**
 * The published figures as transcribed from the five articles (a copy of the team's shared/facts/published-results.json,
 * kept in test/fixtures so a clone tests on its own),
 * so that store-level tests compare against what was printed, never against the engine's own output.
 */
import { readFileSync } from "node:fs";

export interface FactsGroup {
  label: string;
  min_pct: number;
  members: string[];
}

export interface FactsAssessment {
  seed: string;
  scope: { province: string; district?: string; level: string };
  year: number;
  published: string;
  unit_count?: number;
  groups?: FactsGroup[];
  scores?: {
    unit: string;
    code?: string | null;
    pct?: number;
    points?: number;
    rank?: number;
    rank_change?: number;
    points_change?: number;
    classification?: string;
  }[];
  rank_changes_only?: { unit: string; rank_change: number }[];
  head_rating?: Record<"HTXS" | "HTT" | "HT" | "KHT", string[]>;
  fields?: { unit: string; field: string; points: number; max: number }[];
  components_pct?: { unit: string; component: string; pct: number }[];
  commune_level_2022?: { scope: string; Tốt: string[]; Khá_count: number; "Trung bình_count": number };
}

export interface Facts {
  assessments: FactsAssessment[];
  tthc_case_stats: {
    unit: string;
    processed: number;
    on_time_or_early: number;
    late: number;
    as_of: string;
  }[];
  work_schedule_notices: { week: number; from: string; to: string }[];
}

export const facts: Facts = JSON.parse(
  readFileSync(new URL("../fixtures/published-results.json", import.meta.url), "utf8"),
);

export function factsFor(seedPrefix: string): FactsAssessment {
  const found = facts.assessments.find((a) => a.seed.startsWith(seedPrefix));
  if (found === undefined) throw new Error(`no facts for seed ${seedPrefix}`);
  return found;
}
