import { ScoringError } from "./errors.ts";
import { type UnitInput, unitKey } from "./leaf-input.ts";
import type { Methodology } from "./methodology/schema.ts";
import { tidy } from "./precision.ts";
import { rankValues } from "./ranking.ts";
import type { UnitResult } from "./results.ts";
import { roundHalfUp } from "./round.ts";
import { type ScoreOptions, scoreUnit } from "./score-unit.ts";

/** A unit's standing in the previous year of the same scope, as published or as computed. */
export interface PreviousStanding {
  unit: string;
  points: number;
  pct: number;
  rank: number;
}

export interface RankedUnitResult extends UnitResult {
  rank: number;
  previousRank: number | null;
  /** previousRank − rank: positive when the unit moved up ("tăng 3 bậc"). */
  rankChange: number | null;
  pointsChange: number | null;
  pctChange: number | null;
}

export interface PeerSetResult {
  methodology: { id: string; version: string };
  count: number;
  /** In rank order; units sharing a rank in Vietnamese alphabetical order. */
  units: RankedUnitResult[];
  averages: {
    points: number;
    pct: number;
    pctRounded: number;
    fields: { code: string; name: string; pct: number | null }[];
  };
}

export interface PeerSetOptions extends ScoreOptions {
  previous?: readonly PreviousStanding[];
}

/** Scores, ranks and compares the units of one scope and year. */
export function scorePeerSet(
  methodology: Methodology,
  units: readonly UnitInput[],
  options: PeerSetOptions = {},
): PeerSetResult {
  refuseDuplicates(units.map((u) => u.unit));
  const previous = indexPrevious(options.previous ?? []);
  const scored = units.map((u) => scoreUnit(methodology, u, options));
  const ranks = rankValues(
    scored.map((s) => s.pctRounded),
    methodology.ranking.ties,
  );
  const ranked: RankedUnitResult[] = scored.map((result, i) => {
    const rank = ranks[i]!;
    const before = previous.get(unitKey(result.unit));
    return {
      ...result,
      rank,
      previousRank: before?.rank ?? null,
      rankChange: before ? before.rank - rank : null,
      pointsChange: before ? tidy(result.points - before.points) : null,
      pctChange: before ? tidy(result.pct - before.pct) : null,
    };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit, "vi"));
  return {
    methodology: { id: methodology.id, version: methodology.version },
    count: ranked.length,
    units: ranked,
    averages: averagesOf(ranked, methodology),
  };
}

/** The standings a peer-set result leaves for next year's comparison. */
export function standingsOf(result: PeerSetResult): PreviousStanding[] {
  return result.units.map((u) => ({ unit: u.unit, points: u.points, pct: u.pct, rank: u.rank }));
}

function refuseDuplicates(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    const key = unitKey(name);
    if (seen.has(key)) {
      throw new ScoringError(
        "DUPLICATE_UNIT",
        `Đơn vị ${name} xuất hiện hai lần trong cùng một bảng xếp hạng`,
        {
          unit: name,
        },
      );
    }
    seen.add(key);
  }
}

function indexPrevious(previous: readonly PreviousStanding[]): Map<string, PreviousStanding> {
  refuseDuplicates(previous.map((p) => p.unit));
  return new Map(previous.map((p) => [unitKey(p.unit), p]));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : tidy(values.reduce((s, v) => s + v, 0) / values.length);
}

function averagesOf(units: readonly RankedUnitResult[], m: Methodology): PeerSetResult["averages"] {
  const pct = mean(units.map((u) => u.pct));
  const fields = m.fields.map((f) => {
    const pcts = units
      .map((u) => u.fields.find((x) => x.code === f.code)?.pct)
      .filter((p): p is number => typeof p === "number");
    return { code: f.code, name: f.shortName ?? f.name, pct: pcts.length > 0 ? mean(pcts) : null };
  });
  return {
    points: mean(units.map((u) => u.points)),
    pct,
    pctRounded: roundHalfUp(pct, m.display.decimals),
    fields,
  };
}
