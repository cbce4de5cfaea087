import { type PreviousStanding, scorePeerSet, standingsOf } from "../../core/index.ts";
import { getBuiltinMethodology } from "../../methodologies/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, EXIT_USAGE, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { readScoreSheet } from "./score-input.ts";
import { renderPeerSet } from "./score-report.ts";

const USAGE = [
  "npm run cli -- score --methodology <id> --scores <tệp.csv> [--previous <tệp năm trước.csv>]",
  "                     [--previous-methodology <id>] [--year <năm đánh giá>] [--json]",
  "--year: năm được đánh giá; quy tắc chỉ áp dụng cho một số năm (ví dụ từ 2023) chỉ được xét khi có năm.",
  "Tệp CSV: cột unit,criterion_code,score; UTF-8 (có hoặc không BOM); dấu phân cách , hoặc ;",
  'số thập phân 87.5 hoặc "87,5" (dấu phẩy thập phân phải nằm trong ngoặc kép khi phân cách bằng dấu phẩy).',
].join("\n");

const FLAGS = {
  methodology: { type: "string" },
  scores: { type: "string" },
  previous: { type: "string" },
  "previous-methodology": { type: "string" },
  year: { type: "string" },
  json: { type: "boolean" },
} as const;

export const scoreVerb: Verb = {
  name: "score",
  summary: "Tính thử chỉ số CCHC từ bảng điểm CSV / trial scoring of a CSV score sheet",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
    if (!values.methodology) throw usageError("Thiếu --methodology <id>.", USAGE);
    if (!values.scores) throw usageError("Thiếu --scores <tệp.csv>.", USAGE);

    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
      throw usageError(`--year phải là một năm, ví dụ 2023 (nhận được “${values.year}”).`, USAGE);
    }
    const methodology = getBuiltinMethodology(values.methodology);
    const current = readScoreSheet(await io.readText(values.scores), methodology);
    let previous: PreviousStanding[] | undefined;
    let previousProblems: string[] = [];
    if (values.previous) {
      const previousMethodology = getBuiltinMethodology(values["previous-methodology"] ?? values.methodology);
      const sheet = readScoreSheet(await io.readText(values.previous), previousMethodology);
      previousProblems = sheet.problems.map((p) => `Tệp năm trước (${values.previous}): ${p.text}`);
      if (sheet.problems.length === 0) previous = standingsOf(scorePeerSet(previousMethodology, sheet.units));
    }

    const problems = [...current.problems.map((p) => p.text), ...previousProblems];
    if (problems.length > 0) return refuse(io, problems);

    const result = scorePeerSet(methodology, current.units, {
      ...(previous ? { previous } : {}),
      ...(year === undefined ? {} : { year }),
    });
    io.out(
      values.json
        ? JSON.stringify(result, null, 2)
        : renderPeerSet(result, methodology.display.componentPctDecimals),
    );
    return EXIT_OK;
  },
};

function refuse(io: CliIo, problems: readonly string[]): number {
  for (const p of problems) io.err(p);
  io.err(`Không tính điểm: ${problems.length} lỗi trong dữ liệu đầu vào.`);
  return EXIT_USAGE;
}
