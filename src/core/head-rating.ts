import { viNumber, viPercent } from "./format-number.ts";
import type { FieldCondition, HeadRatingRules } from "./methodology/schema.ts";
import type { AppliedCap, FieldHit, HeadRatingResult, NodeResult, RaisedFlag, Rating } from "./results.ts";

/**
 * The head-of-unit rating (NĐ 90/2020 scale): a base rating from the rounded composite %, then every
 * cap whose field condition holds. A cap only ever lowers the rating: the result is the worst of the
 * base and the caps, so adding a cap to a methodology can never raise anyone.
 */
export function rateHead(
  rules: HeadRatingRules,
  fields: readonly NodeResult[],
  pctRounded: number,
  componentPctDecimals: number,
  year?: number,
): HeadRatingResult {
  const order = new Map(rules.scale.map((s, i) => [s.code, i]));
  const rating = (code: string): Rating => ({
    code,
    label: rules.scale.find((s) => s.code === code)?.label ?? code,
  });
  const worse = (a: string, b: string) => ((order.get(a) ?? 0) >= (order.get(b) ?? 0) ? a : b);

  const baseEntry = [...rules.base].sort((a, b) => b.min - a.min).find((b) => pctRounded >= b.min);
  const baseCode = baseEntry?.rating ?? rules.scale[rules.scale.length - 1]!.code;

  let finalCode = baseCode;
  const caps: AppliedCap[] = [];
  for (const cap of rules.caps) {
    if (!coversYear(cap.years, year)) continue;
    const hits = matchingFields(cap.when, fields);
    if (hits.length === 0) continue;
    finalCode = worse(finalCode, cap.capAt);
    if (worse(baseCode, cap.capAt) === baseCode) continue;
    caps.push({
      capAt: rating(cap.capAt),
      reason: cap.reason,
      fields: hits,
      message: `${cap.reason} (${hits.map((h) => `${h.name} đạt ${viPercent(h.pct, componentPctDecimals)}`).join("; ")})`,
      assumed: cap.assumed === true,
    });
  }

  const flags: RaisedFlag[] = [];
  for (const flag of rules.flags) {
    if (!coversYear(flag.years, year)) continue;
    const hits = matchingFields(flag.when, fields);
    if (hits.length === 0) continue;
    const threshold = thresholdOf(flag.when);
    flags.push({
      code: flag.code,
      text: flag.text,
      fields: hits,
      message: hits
        .map(
          (h) =>
            `Lĩnh vực ${h.name} đạt ${viPercent(h.pct, componentPctDecimals)} (< ${viNumber(threshold)}%): ${flag.text}`,
        )
        .join("; "),
      assumed: flag.assumed === true,
    });
  }

  return { base: rating(baseCode), final: rating(finalCode), caps, flags };
}

function coversYear(years: { from?: number; to?: number } | undefined, year: number | undefined): boolean {
  if (years === undefined) return true;
  if (year === undefined) return false;
  return (years.from === undefined || year >= years.from) && (years.to === undefined || year <= years.to);
}

function thresholdOf(when: FieldCondition): number {
  return "anyField" in when ? when.anyField.pctBelow : when.fieldTag.pctBelow;
}

/** Fields that meet the condition, judged on the rounded % like the bands; excluded fields never match. */
function matchingFields(when: FieldCondition, fields: readonly NodeResult[]): FieldHit[] {
  const threshold = thresholdOf(when);
  const tag = "fieldTag" in when ? when.fieldTag.tag : null;
  return fields
    .filter((f) => (tag === null || f.tag === tag) && f.pctRounded !== null && f.pctRounded < threshold)
    .map((f) => ({ code: f.code, name: f.shortName, pct: f.pct ?? 0, pctRounded: f.pctRounded ?? 0 }));
}
