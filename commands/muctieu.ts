/**
 * /muctieu [đơn vị] [năm]: what it takes to climb. Points to pass the unit ranked just above and to
 * reach the next band (from published totals), where the most points were lost, and the head-rating
 * cap a field holds the unit under. Field scores that are sample are marked and never judged.
 */
import type { CapInTheWay, NodeFigures } from "../src/core/index.ts";
import { formatPercent } from "../src/format/vi.ts";
import type { Resolver } from "../src/resolve/index.ts";
import type { PublishedCardResult } from "../src/store/index.ts";
import { bold, italic, type Reply, type ReplyBuilder, reply } from "./reply.ts";
import { bandGapText, climbFor, type PublishedClimb, rankGapText } from "./support/climb.ts";
import { componentPercent, groupLine, maxPoints, points, pointsOutOf } from "./support/format.ts";
import { Marks, originsOfResult, sourceOf } from "./support/provenance.ts";
import { provinceRankOf } from "./support/province-rank.ts";
import { scopeNamesOf } from "./support/scope.ts";
import type { PickedUnit } from "./support/unit-arg.ts";
import { unitHeading } from "./support/unit-heading.ts";
import { pickUnitResult } from "./support/unit-result.ts";
import type { Command, CommandDeps } from "./types.ts";

const EXAMPLE = "/muctieu Toàn Thắng Gia Lộc 2022";
const RECOVER_SHOWN = 3;

export const muctieuCommand: Command = {
  name: "muctieu",
  aliases: ["muc tieu", "can bao nhieu", "canbaonhieu", "len hang", "lenhang"],
  description: "Cần bao nhiêu điểm để lên hạng, lên nhóm; lấy lại điểm ở đâu",
  usage: "/muctieu [đơn vị] [năm]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    const picked = await pickUnitResult(input, deps, "muctieu", EXAMPLE);
    if ("reply" in picked) return picked.reply;
    return climbReply(deps, picked.unit, picked.published);
  },
};

async function climbReply(
  deps: CommandDeps,
  unit: PickedUnit,
  published: PublishedCardResult,
): Promise<Reply> {
  const resolver = await deps.resolver();
  const built = unitHeading(reply().line(bold(`Mục tiêu — kết quả năm ${published.year}`)), unit);
  const criteria = await criteriaOf(deps, published);
  const climbed = await climbFor(deps, resolver, published, criteria ?? undefined);
  const ranking = scopeNamesOf(resolver, published.scopeUnitId, climbed?.peers.map((p) => p.unitId) ?? []);

  const origins = originsOfResult(published);
  const marks = new Marks();
  built.line(
    "Hiện tại: ",
    bold(pointsOutOf(published.total, published.maxPoints)),
    ` (${formatPercent(published.pct)})${marks.of(origins.total)}`,
    published.rank === null ? "" : `, hạng ${published.rank}/${published.peerCount}${marks.of(origins.rank)}`,
  );
  if (published.groupLabel) built.line(`${groupLine(published.groupLabel)}${marks.of(origins.group)}`);
  if (climbed === null) {
    built.line("Không đọc được phương pháp chấm điểm của kết quả này nên chưa tính được mục tiêu.");
    return finish(built, unit, published, ranking.scopeName, marks);
  }
  await provinceLine(built, deps, resolver, unit, published, climbed, marks);

  const { result } = climbed;
  if (published.rank !== null) {
    const rank = rankGapText(result.nextRank, result.pointsLeft);
    built.line(
      "🎯 ",
      !climbed.rankGapKnown
        ? "Khoảng cách tới hạng trên: chưa tính, vì điểm của đơn vị hoặc của các đơn vị xếp trên không được công bố."
        : rank === null
          ? `Đang dẫn đầu ${ranking.peersPhrase}: không còn đơn vị nào xếp trên.`
          : `${rank}.`,
    );
  }
  const band = bandGapText(result);
  built.line(
    "🎯 ",
    !climbed.bandGapKnown && band !== null
      ? "Khoảng cách tới nhóm trên: chưa tính, vì điểm của đơn vị hoặc ngưỡng của nhóm không được công bố."
      : band === null
        ? "Đã ở nhóm cao nhất."
        : `${band.charAt(0).toUpperCase()}${band.slice(1)}.`,
  );

  recoverLines(built, climbed, marks);
  capLines(built, climbed);
  return finish(built, unit, published, ranking.scopeName, marks);
}

function finish(
  built: ReplyBuilder,
  unit: PickedUnit,
  published: PublishedCardResult,
  scopeName: string,
  marks: Marks,
): Reply {
  const legend = marks.legend();
  built.line(italic(sourceOf(originsOfResult(published), legend?.includes("△") === true)));
  if (legend !== null) built.line(italic(legend));
  return built
    .choice("Chi tiết từng lĩnh vực", `/tieuchi #${unit.id} ${published.year}`)
    .choice(`Bảng xếp hạng ${scopeName}`, `/hang #${published.scopeUnitId} ${published.year}`)
    .build();
}

async function provinceLine(
  built: ReplyBuilder,
  deps: CommandDeps,
  resolver: Resolver,
  unit: PickedUnit,
  published: PublishedCardResult,
  climbed: PublishedClimb,
  marks: Marks,
): Promise<void> {
  const province = await provinceRankOf(deps, resolver, unit, published, climbed.methodology.ranking.ties);
  if (province === null) return;
  built.line(
    `Hạng trong tỉnh: ${province.rank}/${province.count} ${province.peersPhrase}`,
    marks.of(province.sample ? "sample" : "published"),
  );
}

/** The leaves of the full detail (the smallest things a unit can act on), or null without a detail. */
async function criteriaOf(deps: CommandDeps, published: PublishedCardResult): Promise<NodeFigures[] | null> {
  const full = await deps.store.published.forUnit(published.unitId, published.year);
  const fields = (full?.detail as { result?: { fields?: unknown } } | null)?.result?.fields;
  if (!Array.isArray(fields)) return null;
  const leaves: NodeFigures[] = [];
  const walk = (node: NodeFigures & { children?: unknown }) => {
    const children = Array.isArray(node.children) ? (node.children as (typeof node)[]) : [];
    if (children.length === 0) leaves.push(node);
    for (const child of children) walk(child);
  };
  for (const field of fields as (NodeFigures & { children?: unknown })[]) walk(field);
  return leaves.length > 0 ? leaves : null;
}

function recoverLines(built: ReplyBuilder, climbed: PublishedClimb, marks: Marks): void {
  const items = climbed.result.recover.slice(0, RECOVER_SHOWN);
  if (items.length === 0) {
    if (climbed.result.pointsLeft > 0) built.line("Điểm từng tiêu chí chưa được công bố.");
    return;
  }
  built.line(bold("Lấy lại điểm ở đâu (mất nhiều nhất trước):"));
  items.forEach((item, i) => {
    const mark = marks.of(climbed.fieldsSample ? "sample" : "published");
    built.line(
      `${i + 1}. ${item.shortName}: mất ${points(item.lost)}/${maxPoints(item.applicableMax)} điểm${mark}`,
    );
  });
}

/**
 * The caps a field holds the head's rating under. From sample field scores no cap is named: which
 * field is under the threshold is exactly what was not published.
 */
function capLines(built: ReplyBuilder, climbed: PublishedClimb): void {
  if (climbed.methodology.headRating === null) return;
  if (climbed.fieldsSample) {
    built.line(
      "Người đứng đầu: điểm từng lĩnh vực chưa được công bố (số liệu trên là minh họa) nên chưa xác định được lĩnh vực nào giới hạn xếp loại.",
    );
    return;
  }
  const caps = climbed.result.caps;
  if (caps.length === 0) {
    built.line("Người đứng đầu: không lĩnh vực nào dưới ngưỡng giới hạn xếp loại.");
    return;
  }
  for (const cap of caps) built.line("⛔ ", capText(cap));
}

/** "Lĩnh vực Hiện đại hóa đạt 68%: dưới 70% nên người đứng đầu chỉ đạt HT (cần thêm 0,48 điểm ở lĩnh vực này)". */
function capText(cap: CapInTheWay): string {
  const verdict = cap.lowersNow
    ? `nên người đứng đầu chỉ đạt ${cap.capAt.code}`
    : `nên người đứng đầu đạt tối đa ${cap.capAt.code}`;
  const clear =
    cap.toClear === null
      ? ""
      : ` (cần thêm ${points(cap.toClear)} điểm ở lĩnh vực này để đạt ${componentPercent(cap.threshold)})`;
  // One decimal would print 69,96% as "70%" beside "dưới 70%": then the two decimals caps judge on.
  const shown = componentPercent(cap.field.pct);
  const pct = shown === componentPercent(cap.threshold) ? formatPercent(cap.field.pctRounded) : shown;
  return `Lĩnh vực ${cap.field.name} đạt ${pct}: dưới ${componentPercent(cap.threshold)} ${verdict}${clear}`;
}
