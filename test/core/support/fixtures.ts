import { type PeerSetResult, scorePeerSet, standingsOf } from "../../../src/core/index.ts";
import { previousYearOf, type ScoreFixture, unitInputsOf } from "../../../src/demo/fixtures/index.ts";
import { getBuiltinMethodology } from "../../../src/methodologies/index.ts";

/** Scores a fixture with its methodology, against the previous year's fixture of the same scope if any. */
export function scoreFixture(fixture: ScoreFixture): PeerSetResult {
  const before = previousYearOf(fixture);
  const previous = before
    ? standingsOf(scorePeerSet(getBuiltinMethodology(before.methodologyId), unitInputsOf(before)))
    : undefined;
  return scorePeerSet(
    getBuiltinMethodology(fixture.methodologyId),
    unitInputsOf(fixture),
    previous ? { previous, year: fixture.year } : { year: fixture.year },
  );
}

export function unitOf(result: PeerSetResult, name: string) {
  const found = result.units.find((u) => u.unit === name);
  if (!found) throw new Error(`no unit ${name}`);
  return found;
}

export function namesWhere(
  result: PeerSetResult,
  keep: (u: PeerSetResult["units"][number]) => boolean,
): string[] {
  return result.units
    .filter(keep)
    .map((u) => u.unit)
    .sort((a, b) => a.localeCompare(b, "vi"));
}

export const sortedVi = (names: readonly string[]) => [...names].sort((a, b) => a.localeCompare(b, "vi"));
