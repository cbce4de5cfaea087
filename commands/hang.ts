/** /hang [phạm vi] [năm]: a district's (or province's) published ranking, the asker's unit marked. */
import type { UnitKind } from "../src/domain/unit.ts";
import { formatPercent, formatScore } from "../src/format/vi.ts";
import { foldVietnamese, type Resolver } from "../src/resolve/index.ts";
import type { PublishedRankingEntry } from "../src/store/index.ts";
import { bold, italic, type Reply, reply } from "./reply.ts";
import { groupLine, inSentence } from "./support/format.ts";
import { pickReading } from "./support/pick.ts";
import { Marks, originsOfResult, sourceOf } from "./support/provenance.ts";
import { rankingOf } from "./support/scope.ts";
import type { PickedUnit } from "./support/unit-arg.ts";
import { readYear } from "./support/years.ts";
import type { Command, CommandDeps, CommandInput } from "./types.ts";

const EXAMPLE = "/hang Gia Lộc 2022";

export const hangCommand: Command = {
  name: "hang",
  aliases: ["xephang", "xep hang", "bxh", "bangxephang", "bang xep hang", "rank"],
  description: "Bảng xếp hạng Chỉ số CCHC của huyện (hoặc tỉnh), đánh dấu đơn vị của bạn",
  usage: "/hang [huyện, tỉnh] [năm]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    // Every level at once, as the other commands do: "Tân Hồng" is the commune with a result (shown
    // in its district's ranking), not the Đồng Tháp district of that name with nothing published.
    const picked = await pickReading(input, deps, readYear(input.args, input.now), ({ value, rest }) => ({
      text: rest,
      year: value,
      levels: ["commune", "district", "province"],
      preferLevels: ["district", "province"],
      commandFor: (id) => `/hang #${id}${value === null ? "" : ` ${value}`}`,
      example: EXAMPLE,
    }));
    if ("reply" in picked) return picked.reply;
    const { unit } = picked;
    const found = await scopeFor(deps, unit);
    const scopeId = found?.scopeId ?? null;
    if (found === null || scopeId === null) {
      const district = unit.level === "commune" ? unit.ancestorIds[0] : undefined;
      const where = (district && (await deps.resolver()).byId(district)?.path) || unit.path;
      return reply().line(`Chưa có bảng xếp hạng nào được công bố cho ${where}.`).build();
    }
    const years = await deps.store.published.scopeYears(scopeId);
    const latest = years[0]!;
    const asked = picked.reading.value ?? latest;
    if (!years.includes(asked)) {
      const built = reply().line(
        asked > latest
          ? `Kết quả năm ${asked} chưa được công bố.`
          : `Không có bảng xếp hạng năm ${asked}. Các năm đã công bố: ${years.join(", ")}.`,
      );
      for (const y of years.slice(0, 6)) built.choice(`Năm ${y}`, `/hang #${scopeId} ${y}`);
      return built.build();
    }
    const resolver = await deps.resolver();
    const scopeName = resolver.byId(scopeId)?.unit.name ?? "";
    const mark =
      found.predecessorIds.length > 0
        ? { unitIds: new Set(found.predecessorIds), label: `đơn vị cũ của ${unit.name}` }
        : markedOf(input, unit, { scopeId, scopeName, typed: picked.reading.rest });
    return table(deps, resolver, scopeId, asked, mark);
  },
};

/**
 * The ranking a unit names: its own when it is a scope with published rankings (a district, or a
 * province ranking its districts), else the one it was ranked in, else, for a commune formed in 2025,
 * the one its predecessors were ranked in (they are pointed at), else its district's (a linked commune
 * without a result of its own still belongs to its district's ranking).
 */
async function scopeFor(
  deps: CommandDeps,
  unit: PickedUnit,
): Promise<{ scopeId: number; predecessorIds: number[] } | null> {
  if (unit.level !== "commune" && (await deps.store.published.scopeYears(unit.id)).length > 0) {
    return { scopeId: unit.id, predecessorIds: [] };
  }
  const ranked = await rankedIn(deps, unit.id);
  if (ranked !== null) return { scopeId: ranked.scopeId, predecessorIds: [] };
  if (unit.level === "commune") {
    const before: { id: number; scopeId: number; year: number }[] = [];
    for (const link of await deps.store.units.predecessors(unit.id)) {
      const found = await rankedIn(deps, link.unit.id);
      if (found !== null) before.push({ id: link.unit.id, ...found });
    }
    // The latest year any predecessor was ranked; that year's scope, and every predecessor in it.
    const newest = before.sort((a, b) => b.year - a.year)[0];
    if (newest !== undefined) {
      const predecessorIds = before.filter((b) => b.scopeId === newest.scopeId).map((b) => b.id);
      return { scopeId: newest.scopeId, predecessorIds };
    }
  }
  for (const ancestor of unit.ancestorIds) {
    if ((await deps.store.published.scopeYears(ancestor)).length > 0) {
      return { scopeId: ancestor, predecessorIds: [] };
    }
  }
  return null;
}

/** The scope a unit was last ranked in, and that year. */
async function rankedIn(
  deps: CommandDeps,
  unitId: number,
): Promise<{ scopeId: number; year: number } | null> {
  const [latest] = await deps.store.published.years(unitId);
  if (latest === undefined) return null;
  const scope = (await deps.store.published.forUnit(unitId, latest))?.scopeUnitId;
  return scope === undefined ? null : { scopeId: scope, year: latest };
}

/**
 * The row to point at: the chat's own unit, or the commune asked about, and how to say which. A seat
 * town named like its district ("/hang Gia Lộc") is not pointed at unless its kind was typed ("/hang
 * Thị trấn Gia Lộc"): the district was as likely meant.
 */
function markedOf(
  input: CommandInput,
  unit: PickedUnit,
  asked: { scopeId: number; scopeName: string; typed: string },
): Mark | null {
  const mine = input.subscription?.unit.id;
  const own = mine === undefined ? null : { unitId: mine, label: "đơn vị của bạn" };
  if (unit.id === asked.scopeId || unit.id === mine) return own === null ? null : toMark(own);
  const typedKind = bareName(asked.typed) !== foldVietnamese(asked.typed);
  if (!typedKind && bareName(unit.name) === bareName(asked.scopeName))
    return own === null ? null : toMark(own);
  return { unitIds: new Set([unit.id]), label: "đơn vị bạn hỏi" };
}

/** "Thị trấn Gia Lộc", "TT Gia Lộc" and "Huyện Gia Lộc" are all "gia loc". */
const bareName = (name: string) =>
  foldVietnamese(name).replace(/^(?:thanh pho|thi xa|thi tran|tt|xa|x|phuong|p|huyen|quan|tinh)\.?\s+/u, "");

interface Mark {
  unitIds: ReadonlySet<number>;
  label: string;
}

const toMark = (one: { unitId: number; label: string }): Mark => ({
  unitIds: new Set([one.unitId]),
  label: one.label,
});

async function table(
  deps: CommandDeps,
  resolver: Resolver,
  scopeId: number,
  year: number,
  mark: Mark | null,
): Promise<Reply> {
  const ranking = await rankingOf(deps, resolver, scopeId, year);
  const province = resolver.byId(scopeId)?.unit.ancestors.at(-1);
  const where = province ? `, ${inSentence(province.name, province.kind)}` : "";
  const shorten = shortener(resolver, ranking.entries);

  const built = reply()
    .line(bold(`Xếp hạng Chỉ số CCHC năm ${year}`))
    .line(`${ranking.entries.length} ${ranking.peersPhrase}${where}`);
  const marks = new Marks();
  const conflicts = new Set<string>();
  let band: string | null = null;
  for (const entry of ranking.entries) {
    if (entry.groupLabel !== null && entry.groupLabel !== band) {
      band = entry.groupLabel;
      built.line(bold(`— ${groupLine(band)} —`));
    }
    const origins = originsOfResult(entry);
    const sign = marks.of(
      origins.total,
      origins.rank,
      entry.rankChange === null ? "published" : origins.rankChange,
    );
    for (const conflict of origins.conflicts) conflicts.add(conflict);
    const row = `${entry.rank ?? "–"}. ${shorten(entry.unitId)} ${asPublished(entry)}${arrow(entry.rankChange)}${sign}`;
    if (mark?.unitIds.has(entry.unitId) === true) built.line(bold(`👉 ${row}`), ` (${mark.label})`);
    else built.line(row);
  }
  for (const conflict of conflicts) built.line(`⚠️ ${conflict}`);
  const first = ranking.entries[0];
  const legend = marks.legend();
  if (first) built.line(italic(sourceOf(originsOfResult(first), false)));
  if (legend !== null) built.line(italic(legend));
  const scope = resolver.byId(scopeId)?.unit;
  if (deps.pagesBaseUrl && scope)
    built.link("Xem biểu đồ xếp hạng", `${deps.pagesBaseUrl}/bao-cao/${scope.code}/${year}`);
  return built.build();
}

/**
 * The % as the source printed it: on a 100-point scale the points are the %, and a source that gave
 * three decimals (87,032) keeps them; otherwise the rounded % of the methodology.
 */
export function asPublished(entry: PublishedRankingEntry): string {
  return entry.maxPoints === 100 ? `${formatScore(entry.total)}%` : formatPercent(entry.pct);
}

export function arrow(change: number | null): string {
  if (change === null) return "";
  if (change > 0) return ` ↑${change}`;
  if (change < 0) return ` ↓${-change}`;
  return " =";
}

/** Names as the reports print them: the most common kind is dropped ("Thống Nhất", "Thị trấn Gia Lộc"). */
export function shortener(
  resolver: Resolver,
  entries: readonly PublishedRankingEntry[],
): (unitId: number) => string {
  const counts = new Map<UnitKind, number>();
  for (const entry of entries) {
    const kind = resolver.byId(entry.unitId)?.unit.kind;
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return (unitId) => {
    const unit = resolver.byId(unitId)?.unit;
    if (!unit) return `#${unitId}`;
    const prefixed = unit.kind === common && unit.name.toLowerCase().startsWith(`${unit.kind} `);
    return prefixed ? unit.name.slice(unit.kind.length + 1) : unit.name;
  };
}
