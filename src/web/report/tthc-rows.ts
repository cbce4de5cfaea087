/**
 * A unit's TTHC periods for its report page: on-time and late rates by period, as /tthc counts them
 * (src/domain/tthc.ts). A count nobody published stays "chưa công bố"; generated periods are marked ◇.
 */
import type { Marks } from "../../../commands/support/provenance.ts";
import { tthcFigures } from "../../domain/tthc.ts";
import { formatInteger, formatIsoDate, formatNumber } from "../../format/vi.ts";
import type { TthcStats } from "../../store/index.ts";

export interface TthcRow {
  period: string;
  processed: string;
  onTime: string;
  late: string;
  apologies: string;
  mark: string;
}

const PERIODS_SHOWN = 6;

export function tthcRows(stats: readonly TthcStats[], marks: Marks): TthcRow[] {
  return stats.slice(0, PERIODS_SHOWN).map((s) => {
    const f = tthcFigures(s);
    return {
      period: `${formatIsoDate(s.periodStart)}–${formatIsoDate(s.periodEnd)}`,
      processed: formatInteger(f.processed),
      onTime: `${formatNumber(f.onTimeRate, 1, { trimZeros: true })}%`,
      late: formatInteger(f.late),
      apologies: f.apologies === null ? "chưa công bố" : formatInteger(f.apologies),
      mark: marks.of(s.sample ? "sample" : "published"),
    };
  });
}

/** The distinct sources of the periods shown, each once. */
export function tthcSources(stats: readonly TthcStats[]): string[] {
  return [...new Set(stats.slice(0, PERIODS_SHOWN).map((s) => s.source))];
}
