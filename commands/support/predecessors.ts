/**
 * A unit formed on 01/07/2025 has no index of its own yet; its chair still wants to know where the
 * communes it came from stood. This answers with each predecessor's published result for the year
 * (score, rank in its old district, source), shown as theirs, never as the new unit's: no figure is
 * summed or compared across the reform.
 */
import { formatPercent } from "../../src/format/vi.ts";
import type { PublishedCardResult } from "../../src/store/index.ts";
import { bold, italic, type Reply, reply } from "../reply.ts";
import type { CommandDeps } from "../types.ts";
import { pointsOutOf } from "./format.ts";
import { Marks, originsOfResult, sourceOf } from "./provenance.ts";
import { scopeNamesOf } from "./scope.ts";
import type { PickedUnit } from "./unit-arg.ts";

const MAX_YEAR_CHOICES = 6;

interface Predecessor {
  id: number;
  name: string;
  partial: boolean;
  years: number[];
}

async function predecessorsWithResults(deps: CommandDeps, unitId: number): Promise<Predecessor[]> {
  const links = await deps.store.units.predecessors(unitId);
  const out: Predecessor[] = [];
  for (const link of links) {
    const years = await deps.store.published.years(link.unit.id);
    out.push({ id: link.unit.id, name: link.unit.name, partial: link.kind === "partial", years });
  }
  return out;
}

/**
 * The predecessors' results for `asked` (or for the latest year any of them was published), or null
 * when none of the unit's predecessors has a published result.
 */
export async function predecessorsReply(
  deps: CommandDeps,
  unit: PickedUnit,
  asked: number | null,
  commandFor: (unitId: number, year: number) => string,
): Promise<Reply | null> {
  const predecessors = await predecessorsWithResults(deps, unit.id);
  const years = [...new Set(predecessors.flatMap((p) => p.years))].sort((a, b) => b - a);
  const latest = years[0];
  if (latest === undefined) return null;
  const year = asked ?? latest;
  const built = reply().line(bold(unit.name), ` · Chỉ số CCHC năm ${year}`);
  built.line(
    `${unit.name} được thành lập khi sắp xếp đơn vị hành chính (01/07/2025) và chưa có kết quả riêng. ` +
      `Kết quả của các đơn vị trước sắp xếp:`,
  );
  const marks = new Marks();
  const cited = new Map<string, string>();
  const without: string[] = [];
  for (const p of predecessors) {
    const label = `${p.name} (cũ${p.partial ? ", một phần" : ""})`;
    const published = p.years.includes(year) ? await deps.store.published.cardForUnit(p.id, year) : null;
    if (published === null) {
      without.push(label);
      continue;
    }
    built.line("• ", bold(label), `: ${resultLine(published, marks, await deps.resolver())}`);
    const origins = originsOfResult(published);
    cited.set(origins.source?.title ?? published.source, sourceOf(origins, false));
    built.choice(`${p.name} (cũ) năm ${year}`, commandFor(p.id, year));
  }
  if (without.length > 0) built.line(`Chưa có kết quả năm ${year}: ${without.join(", ")}.`);
  built.line(`Các năm có kết quả của đơn vị cũ: ${years.join(", ")}.`);
  for (const source of cited.values()) built.line(italic(source));
  const legend = marks.legend();
  if (legend !== null) built.line(italic(legend));
  for (const y of years.filter((y) => y !== year).slice(0, MAX_YEAR_CHOICES)) {
    built.choice(`Năm ${y}`, commandFor(unit.id, y));
  }
  return built.build();
}

function resultLine(
  published: PublishedCardResult,
  marks: Marks,
  resolver: Awaited<ReturnType<CommandDeps["resolver"]>>,
): string {
  const origins = originsOfResult(published);
  const { peersPhrase } = scopeNamesOf(resolver, published.scopeUnitId, published.peerUnitIds);
  const score = `${pointsOutOf(published.total, published.maxPoints)} (${formatPercent(published.pct)})${marks.of(origins.total)}`;
  const rank =
    published.rank === null
      ? "hạng chưa công bố"
      : `hạng ${published.rank}/${published.peerCount} ${peersPhrase}${marks.of(origins.rank)}`;
  return `${score}, ${rank}`;
}
