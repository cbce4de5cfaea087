/** /diem [đơn vị] [năm]: the score card of one unit for one published year. */
import { lowestAmong } from "../src/core/index.ts";
import { formatPercent } from "../src/format/vi.ts";
import type { PublishedCardResult } from "../src/store/index.ts";
import { bold, italic, type Reply, reply } from "./reply.ts";
import {
  changeText,
  componentPercent,
  groupLine,
  maxPoints,
  points,
  pointsOutOf,
  SAMPLE_NOTE,
  sourceLine,
} from "./support/format.ts";
import { cardOf, fieldsOf, headRatingNotes } from "./support/published.ts";
import { scopeNamesOf } from "./support/scope.ts";
import type { PickedUnit } from "./support/unit-arg.ts";
import { unitHeading } from "./support/unit-heading.ts";
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
  const card = unitHeading(reply().line(bold(`Chỉ số CCHC năm ${published.year}`)), unit);

  card.line(
    "Điểm: ",
    bold(pointsOutOf(published.total, published.maxPoints)),
    ` (${formatPercent(published.pct)})`,
  );
  card.line(
    "Xếp hạng: ",
    published.rank === null ? "chưa công bố" : bold(`${published.rank}/${published.peerCount}`),
    published.rank === null ? "" : ` ${ranking.peersPhrase}`,
  );
  const change = changeText(published.rankChange, published.pointsChange);
  if (change) card.line(`So với năm ${published.year - 1}: ${change}`);
  if (published.groupLabel) card.line(groupLine(published.groupLabel));

  if (published.ratingLabel) {
    card.line("Người đứng đầu: ", bold(published.ratingLabel));
    const notes = headRatingNotes(published, snapshot);
    for (const cap of notes.caps) card.line(`  ↳ ${cap}`);
    for (const flag of notes.flags) card.line(`  ⚑ ${flag}`);
  }

  const lowest = lowestAmong(fieldsOf(snapshot), LOWEST_SHOWN).byPct;
  if (lowest.length > 0) {
    card.line(bold("Lĩnh vực thấp nhất:"));
    lowest.forEach((field, i) => {
      card.line(
        `${i + 1}. ${field.shortName} ${componentPercent(field.pct)} (mất ${points(field.lost)}/${maxPoints(field.max)} điểm)`,
      );
    });
  }
  for (const annotation of snapshot?.annotations ?? []) card.line(annotation);

  card.line(italic(sourceLine(published.source, published.publishedOn)));
  if (published.sample) card.line(italic(SAMPLE_NOTE));
  card
    .choice("Chi tiết từng lĩnh vực", `/tieuchi #${unit.id} ${published.year}`)
    .choice(`Bảng xếp hạng ${ranking.scopeName}`, `/hang #${published.scopeUnitId} ${published.year}`);
  return card.build();
}
