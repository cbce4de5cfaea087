/** /tieuchi [đơn vị] [năm]: every field of the published result, lowest share of its maximum first. */
import { compareCodes } from "../src/core/index.ts";
import { bold, italic, reply } from "./reply.ts";
import { methodologyOf } from "./support/climb.ts";
import { scopeFieldAverages } from "./support/field-averages.ts";
import { bar, componentPercent, maxPoints, points, pointsOutOf } from "./support/format.ts";
import { fieldMark, Marks, originsOfResult, sourceOf } from "./support/provenance.ts";
import { provinceRankOf } from "./support/province-rank.ts";
import { cardOf, fieldsOf } from "./support/published.ts";
import { unitHeading } from "./support/unit-heading.ts";
import { pickUnitResult } from "./support/unit-result.ts";
import type { Command } from "./types.ts";

const EXAMPLE = "/tieuchi Sông Cầu 2022";

export const tieuchiCommand: Command = {
  name: "tieuchi",
  aliases: ["tieu chi", "linhvuc", "linh vuc", "chitiet", "chi tiet"],
  description: "Điểm từng lĩnh vực, thấp nhất trước, kèm số điểm bị mất",
  usage: "/tieuchi [đơn vị] [năm]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    const picked = await pickUnitResult(input, deps, "tieuchi", EXAMPLE);
    if ("reply" in picked) return picked.reply;
    const { unit, published } = picked;

    const built = unitHeading(reply().line(bold(`Điểm từng lĩnh vực năm ${published.year}`)), unit);
    const card = cardOf(published);
    const fields = fieldsOf(card).sort((a, b) => (a.pct ?? 0) - (b.pct ?? 0) || compareCodes(a.code, b.code));
    if (fields.length === 0) {
      built.line("Kết quả năm này chỉ công bố điểm tổng, chưa có điểm từng lĩnh vực.");
    }
    const origins = originsOfResult(published);
    const marks = new Marks();
    built.line("Tổng: ", bold(pointsOutOf(published.total, published.maxPoints)), marks.of(origins.total));
    const resolver = await deps.resolver();
    const peers = fields.length === 0 ? null : await scopeFieldAverages(deps, resolver, published);
    for (const field of fields) {
      const average = peers?.averages.get(field.code);
      const scope =
        average === undefined
          ? ""
          : ` · TB ${peers?.scopeWord}: ${points(average.points)}${marks.of(average.sample ? "sample" : "published")}`;
      built
        .line(
          `${bar(field.pct ?? 0)} `,
          bold(componentPercent(field.pct ?? 0)),
          ` ${field.shortName}${fieldMark(marks, origins, field)}`,
        )
        .line(
          `   ${points(field.points)}/${maxPoints(field.applicableMax)} điểm, mất ${points(field.lost)}${scope}`,
        );
    }
    if (peers !== null && peers.averages.size > 0) {
      built.line(
        italic(
          `“mất”: số điểm lĩnh vực còn có thể lấy lại; TB ${peers.scopeWord}: điểm trung bình của ${peers.count} đơn vị.`,
        ),
      );
    }
    const ties = (await methodologyOf(deps, published))?.ranking.ties ?? "competition";
    const province = await provinceRankOf(deps, resolver, unit, published, ties);
    if (province !== null) {
      built.line(
        `Hạng trong tỉnh: ${province.rank}/${province.count} ${province.peersPhrase}`,
        marks.of(province.sample ? "sample" : "published"),
      );
    }
    for (const annotation of card?.annotations ?? []) built.line(annotation);
    const legend = marks.legend();
    built.line(italic(sourceOf(origins, legend?.includes("△") === true)));
    if (legend !== null) built.line(italic(legend));
    return built.build();
  },
};
