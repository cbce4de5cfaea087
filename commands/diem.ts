/** /diem [đơn vị] [năm]: the score card of one unit for one published year. */
import { lowestAmong } from "../src/core/index.ts";
import type { FigureOrigins } from "../src/domain/provenance.ts";
import type { PublishedCard } from "../src/domain/published.ts";
import { formatPercent } from "../src/format/vi.ts";
import type { PublishedCardResult } from "../src/store/index.ts";
import { bold, italic, type Reply, reply } from "./reply.ts";
import { climbFor, climbLine } from "./support/climb.ts";
import { changeText, componentPercent, groupLine, maxPoints, points, pointsOutOf } from "./support/format.ts";
import { fieldMark, Marks, originsOfResult, ratingNotes, sourceOf } from "./support/provenance.ts";
import { cardOf, fieldsOf } from "./support/published.ts";
import { scopeNamesOf } from "./support/scope.ts";
import type { PickedUnit } from "./support/unit-arg.ts";
import { pickUnitResult } from "./support/unit-result.ts";
import type { Command, CommandDeps } from "./types.ts";

const LOWEST_SHOWN = 3;
const EXAMPLE = "/diem Tân Hồng Bình Giang 2022";

export const diemCommand: Command = {
  name: "diem",
  aliases: ["xemdiem", "xem diem", "chiso", "chi so", "ketqua", "ket qua", "score"],
  description: "Điểm Chỉ số CCHC, thứ hạng, xếp loại và các lĩnh vực thấp nhất",
  usage: "/diem [đơn vị] [năm]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    const picked = await pickUnitResult(input, deps, "diem", EXAMPLE);
    if ("reply" in picked) return picked.reply;
    return scoreCard(deps, picked.unit, picked.published);
  },
};

async function scoreCard(
  deps: CommandDeps,
  unit: PickedUnit,
  published: PublishedCardResult,
): Promise<Reply> {
  const resolver = await deps.resolver();
  const ranking = scopeNamesOf(resolver, published.scopeUnitId, published.peerUnitIds);
  const snapshot = cardOf(published);
  const origins = originsOfResult(published);
  const marks = new Marks();
  // The score comes second, before anything else a phone would push below the fold.
  const card = reply().line(bold(unit.name), ` · Chỉ số CCHC năm ${published.year}`);
  card.line(
    "Điểm: ",
    bold(pointsOutOf(published.total, published.maxPoints)),
    ` (${formatPercent(published.pct)})${marks.of(origins.total)}`,
  );
  card.line(
    "Xếp hạng: ",
    published.rank === null ? "chưa công bố" : bold(`${published.rank}/${published.peerCount}`),
    published.rank === null ? "" : ` ${ranking.peersPhrase}${marks.of(origins.rank)}`,
  );
  const climbed = await climbFor(deps, resolver, published);
  const climb = climbed === null ? null : climbLine(climbed);
  if (climb !== null) card.line(`🎯 ${climb}`);
  for (const line of changeLines(published, origins, marks)) card.line(line);
  if (published.groupLabel) card.line(`${groupLine(published.groupLabel)}${marks.of(origins.group)}`);

  const fields = fieldsOf(snapshot);
  if (published.ratingLabel && origins.rating !== "sample") {
    card.line("Người đứng đầu: ", bold(published.ratingLabel));
    const notes = ratingNotes(snapshot, origins, fields);
    for (const reason of notes.reasons) card.line(`  ↳ ${reason}`);
    if (notes.reasons.length === 0 && published.ratingCode !== null && !isBaseRating(snapshot)) {
      card.line("  ↳ Lý do xếp loại không được công bố.");
    }
    for (const flag of notes.flags) card.line(`  ⚑ ${flag}`);
  } else if (published.ratingLabel) {
    card.line("Người đứng đầu: xếp loại chưa công bố.");
  }

  const lowest = lowestAmong(fields, LOWEST_SHOWN).byPct;
  if (lowest.length > 0) {
    card.line(bold("Lĩnh vực thấp nhất:"));
    lowest.forEach((field, i) => {
      card.line(
        `${i + 1}. ${field.shortName} ${componentPercent(field.pct)} (mất ${points(field.lost)}/${maxPoints(field.max)} điểm)${fieldMark(marks, origins, field)}`,
      );
    });
  }
  for (const annotation of snapshot?.annotations ?? []) card.line(annotation);
  for (const conflict of origins.conflicts) card.line(`⚠️ ${conflict}`);

  card.line(italic(unit.path + (unit.validity ? ` (${unit.validity})` : "")));
  for (const note of unit.notes) card.line(italic(note));
  const legend = marks.legend();
  card.line(italic(sourceOf(origins, legend?.includes("△") === true)));
  if (legend !== null) card.line(italic(legend));
  if (deps.pagesBaseUrl)
    card.link("Xem trang kết quả", `${deps.pagesBaseUrl}/don-vi/${unit.code}/${published.year}`);
  card
    .choice("Chi tiết từng lĩnh vực", `/tieuchi #${unit.id} ${published.year}`)
    .choice(`Bảng xếp hạng ${ranking.scopeName}`, `/hang #${published.scopeUnitId} ${published.year}`);
  return card.build();
}

/** Whether the rating is what the % alone gives (no cap lowered it), so it needs no reason. */
export function isBaseRating(card: PublishedCard | null): boolean {
  const rating = card?.result.headRating;
  return rating !== undefined && rating !== null && rating.base.code === rating.final.code;
}

/**
 * The change against the previous year: one line when the rank and the points rest on the same kind
 * of figure, else one line each, so a published rank change never shares a line with a sample figure.
 */
export function changeLines(published: PublishedCardResult, origins: FigureOrigins, marks: Marks): string[] {
  const prefix = `So với năm ${published.year - 1}: `;
  const rank = changeText(published.rankChange, null);
  const pts = changeText(null, published.pointsChange);
  if (rank !== null && pts !== null && origins.rankChange === origins.pointsChange) {
    return [`${prefix}${rank}, ${pts}${marks.of(origins.rankChange)}`];
  }
  const lines: string[] = [];
  if (rank !== null) lines.push(`${prefix}${rank}${marks.of(origins.rankChange)}`);
  if (pts !== null)
    lines.push(
      `${rank === null ? prefix : "Điểm so với năm trước: "}${pts}${marks.of(origins.pointsChange)}`,
    );
  return lines;
}
