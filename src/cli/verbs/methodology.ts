import {
  type CriterionNode,
  type FieldCondition,
  isLeaf,
  type LeafRule,
  type Methodology,
} from "../../core/index.ts";
import { formatNumber } from "../../format/vi.ts";
import { builtinMethodologies, getBuiltinMethodology } from "../../methodologies/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- methodology list [--json]",
  "npm run cli -- methodology show <id> [--json]",
].join("\n");

const LEVEL: Record<Methodology["level"], string> = { commune: "cấp xã", district: "cấp huyện" };

const num = (n: number) => formatNumber(n, 2, { trimZeros: true });

export const methodologyVerb: Verb = {
  name: "methodology",
  summary: "Xem các phương pháp chấm điểm có sẵn / list and show built-in methodologies",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: "boolean" } }, USAGE);
    const [sub, id, ...extra] = positionals;
    if (sub === "list" && id === undefined) return list(io, values.json === true);
    if (sub === "show" && id !== undefined && extra.length === 0) return show(io, id, values.json === true);
    throw usageError(sub ? `Lệnh con "${sub}" không hợp lệ.` : "Thiếu lệnh con (list hoặc show).", USAGE);
  },
};

function list(io: CliIo, json: boolean): number {
  if (json) {
    const rows = builtinMethodologies.map((m) => ({
      id: m.id,
      version: m.version,
      title: m.title,
      province: m.jurisdiction.province,
      provinceCode: m.jurisdiction.provinceCode,
      level: m.level,
      assessedYears: m.assessedYears,
      maxPoints: m.maxPoints,
    }));
    io.out(JSON.stringify(rows, null, 2));
    return EXIT_OK;
  }
  for (const m of builtinMethodologies) {
    io.out(
      `${m.id} (phiên bản ${m.version}) · ${m.jurisdiction.province} · ${LEVEL[m.level]} · năm đánh giá ${years(m)}\n  ${m.title}`,
    );
  }
  return EXIT_OK;
}

function show(io: CliIo, id: string, json: boolean): number {
  const m = getBuiltinMethodology(id);
  if (json) {
    io.out(JSON.stringify(m, null, 2));
    return EXIT_OK;
  }
  const lines = [
    `${m.title}`,
    `Mã: ${m.id} · phiên bản ${m.version} · ${m.jurisdiction.province} (mã ${m.jurisdiction.provinceCode}) · ${LEVEL[m.level]} · năm đánh giá ${years(m)}`,
    `Điểm tối đa: ${num(m.maxPoints)} · làm tròn ${m.display.decimals} chữ số thập phân (half-up)`,
    "Căn cứ:",
    ...m.legalBasis.map((b) => `  - ${b}`),
    "Nguồn:",
    ...m.sources.map(
      (s) => `  - ${s.title}${s.seed ? ` [${s.seed}]` : ""}${s.published ? ` (${s.published})` : ""}`,
    ),
    "Tiêu chí:",
    ...m.fields.flatMap((f) => tree(f, 1)),
    "Phân nhóm (cận dưới tính cả, trên % đã làm tròn):",
    ...m.classification.bands.map((b) => `  - ${b.label}: từ ${num(b.min)}%${assumed(b)}`),
  ];
  const rating = m.headRating;
  if (rating) {
    const label = (code: string) => rating.scale.find((s) => s.code === code)?.label ?? code;
    lines.push(
      "Xếp loại người đứng đầu:",
      ...rating.base.map((b) => `  - ${label(b.rating)} (${b.rating}): từ ${num(b.min)}%${assumed(b)}`),
      ...rating.caps.map(
        (c) => `  - Giới hạn ở ${c.capAt} khi ${condition(c.when)}: ${c.reason}${assumed(c)}`,
      ),
      ...rating.flags.map((f) => `  - Lưu ý ${f.code} khi ${condition(f.when)}: ${f.text}${assumed(f)}`),
    );
  } else {
    lines.push("Xếp loại người đứng đầu: phương pháp không quy định");
  }
  lines.push(
    `Xếp hạng: theo % đã làm tròn, đồng hạng kiểu ${m.ranking.ties === "competition" ? "1, 2, 2, 4" : "1, 2, 2, 3"}`,
  );
  if (m.notes.length > 0) lines.push("Ghi chú:", ...m.notes.map((n) => `  - ${n}`));
  io.out(lines.join("\n"));
  return EXIT_OK;
}

function years(m: Methodology): string {
  const { from, to } = m.assessedYears;
  return from === to ? `${from}` : `${from}–${to}`;
}

function assumed(x: { assumed?: boolean | undefined; assumedReason?: string | undefined }): string {
  return x.assumed ? ` [giả định: ${x.assumedReason ?? ""}]` : "";
}

function condition(when: FieldCondition): string {
  return "anyField" in when
    ? `có lĩnh vực dưới ${num(when.anyField.pctBelow)}%`
    : `lĩnh vực nhãn "${when.fieldTag.tag}" dưới ${num(when.fieldTag.pctBelow)}%`;
}

function ruleText(rule: LeafRule): string {
  switch (rule.type) {
    case "direct":
      return "nhập điểm";
    case "binary":
      return "đạt/không đạt";
    case "proportional":
      return "tỷ lệ × điểm tối đa";
    case "rateToTarget":
      return `theo chỉ tiêu ${num(rule.target)}${rule.rateUnit === "percent" ? "%" : ""}`;
    case "tiered":
      return `bậc thang (${rule.steps.map((s) => `≥${num(s.min)} → ${num(s.points)}`).join("; ")})`;
    case "deduction":
      return `trừ ${num(rule.perEvent)} mỗi lần, sàn ${num(rule.floor ?? 0)}`;
    case "surveyMean":
      return `điểm khảo sát ${num(rule.scale.min)}–${num(rule.scale.max)}`;
  }
}

function tree(node: CriterionNode, depth: number): string[] {
  const pad = "  ".repeat(depth);
  const tag = node.tag ? ` #${node.tag}` : "";
  const head = `${pad}${node.code} ${node.name}: ${num(node.max)} điểm${tag}`;
  if (isLeaf(node)) return [`${head} · ${ruleText(node.rule)}${assumed(node)}`];
  return [`${head}${assumed(node)}`, ...node.children.flatMap((c) => tree(c, depth + 1))];
}
