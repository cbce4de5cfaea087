import { ScoringError } from "../errors.ts";
import { viNumber } from "../format-number.ts";
import { EPSILON, tidy } from "../precision.ts";
import {
  type CriterionNode,
  type FieldCondition,
  isLeaf,
  type Methodology,
  MethodologySchema,
} from "./schema.ts";
import { placedNodes } from "./tree.ts";

/**
 * Parses and checks a methodology file. Zod checks the shape; this checks what a shape cannot say:
 * maxima that add up, unique codes, rules that fit their leaf, and head-rating rules that refer to
 * ratings and tags that exist.
 */
export function parseMethodology(json: unknown): Methodology {
  const parsed = MethodologySchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof json === "object" && json !== null && "id" in json ? String(json.id) : "?";
    const lines = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(gốc)"}: ${i.message}`);
    throw new ScoringError("INVALID_METHODOLOGY", `Phương pháp "${id}" không hợp lệ: ${lines.join("; ")}`, {
      methodology: id,
    });
  }
  const methodology = parsed.data;
  checkCodesAreUnique(methodology);
  checkMaxima(methodology);
  checkLeafRules(methodology);
  checkAssumptionsExplained(methodology);
  checkBands(methodology);
  checkHeadRating(methodology);
  return methodology;
}

function invalid(m: Methodology, text: string, criterion: string | null = null): ScoringError {
  return new ScoringError("INVALID_METHODOLOGY", `Phương pháp "${m.id}": ${text}`, {
    methodology: m.id,
    criterion,
  });
}

function checkCodesAreUnique(m: Methodology): void {
  const seen = new Set<string>();
  for (const { node } of placedNodes(m.fields)) {
    if (seen.has(node.code)) {
      throw new ScoringError(
        "DUPLICATE_CRITERION",
        `Phương pháp "${m.id}": mã tiêu chí ${node.code} xuất hiện hai lần`,
        { methodology: m.id, criterion: node.code },
      );
    }
    seen.add(node.code);
  }
}

function sumOfMaxima(nodes: readonly CriterionNode[]): number {
  return tidy(nodes.reduce((sum, n) => sum + n.max, 0));
}

function checkMaxima(m: Methodology): void {
  for (const { node } of placedNodes(m.fields)) {
    if (isLeaf(node)) continue;
    const sum = sumOfMaxima(node.children);
    if (Math.abs(sum - node.max) > EPSILON) {
      throw new ScoringError(
        "MAX_MISMATCH",
        `Phương pháp "${m.id}": tiêu chí ${node.code} ghi điểm tối đa ${viNumber(node.max)} nhưng các tiêu chí con cộng lại ${viNumber(sum)}`,
        { methodology: m.id, criterion: node.code, stated: node.max, sum },
      );
    }
  }
  const total = sumOfMaxima(m.fields);
  if (Math.abs(total - m.maxPoints) > EPSILON) {
    throw new ScoringError(
      "MAX_MISMATCH",
      `Phương pháp "${m.id}": điểm tối đa ${viNumber(m.maxPoints)} nhưng các lĩnh vực cộng lại ${viNumber(total)}`,
      { methodology: m.id, criterion: null, stated: m.maxPoints, sum: total },
    );
  }
}

function checkLeafRules(m: Methodology): void {
  for (const { node } of placedNodes(m.fields)) {
    if (!isLeaf(node)) continue;
    const rule = node.rule;
    if (rule.type === "tiered") {
      for (const step of rule.steps) {
        if (step.points < 0 || step.points > node.max + EPSILON) {
          throw invalid(
            m,
            `bậc điểm ${viNumber(step.points)} của tiêu chí ${node.code} nằm ngoài 0–${viNumber(node.max)}`,
            node.code,
          );
        }
        if (rule.rateUnit === "fraction" && step.min > 1) {
          throw invalid(
            m,
            `ngưỡng ${viNumber(step.min)} của tiêu chí ${node.code} phải là tỷ lệ trong [0, 1]`,
            node.code,
          );
        }
      }
    }
    if (rule.type === "rateToTarget" && rule.rateUnit === "fraction" && rule.target > 1) {
      throw invalid(
        m,
        `chỉ tiêu ${viNumber(rule.target)} của tiêu chí ${node.code} phải là tỷ lệ trong (0, 1]`,
        node.code,
      );
    }
    if (rule.type === "deduction" && (rule.floor ?? 0) < 0 && !node.allowPenalty) {
      throw invalid(m, `tiêu chí ${node.code} trừ xuống dưới 0 nhưng không khai báo allowPenalty`, node.code);
    }
    if (rule.type === "deduction" && (rule.floor ?? 0) > node.max) {
      throw invalid(m, `mức sàn của tiêu chí ${node.code} lớn hơn điểm tối đa`, node.code);
    }
    if (rule.type === "surveyMean" && rule.scale.max <= rule.scale.min) {
      throw invalid(m, `thang khảo sát của tiêu chí ${node.code} không hợp lệ`, node.code);
    }
  }
}

function checkAssumptionsExplained(m: Methodology): void {
  const unexplained = (x: { assumed?: boolean | undefined; assumedReason?: string | undefined }) =>
    x.assumed === true && !x.assumedReason;
  for (const { node } of placedNodes(m.fields)) {
    if (unexplained(node)) throw invalid(m, `tiêu chí ${node.code} là giả định nhưng thiếu lý do`, node.code);
  }
  const others = [
    ...m.classification.bands,
    ...(m.headRating?.base ?? []),
    ...(m.headRating?.caps ?? []),
    ...(m.headRating?.flags ?? []),
  ];
  if (others.some(unexplained)) throw invalid(m, "một ngưỡng hoặc quy tắc là giả định nhưng thiếu lý do");
}

function checkBands(m: Methodology): void {
  const bands = m.classification.bands;
  if (!bands.some((b) => b.min === 0)) throw invalid(m, "thiếu nhóm có ngưỡng 0% (mọi đơn vị phải có nhóm)");
  if (new Set(bands.map((b) => b.code)).size !== bands.length) throw invalid(m, "mã nhóm bị trùng");
  if (new Set(bands.map((b) => b.min)).size !== bands.length) throw invalid(m, "hai nhóm có cùng ngưỡng");
}

function checkHeadRating(m: Methodology): void {
  const rules = m.headRating;
  if (!rules) return;
  const codes = new Set(rules.scale.map((s) => s.code));
  const tags = new Set(m.fields.map((f) => f.tag).filter((t): t is string => t !== undefined));
  const known = (code: string, where: string) => {
    if (!codes.has(code)) throw invalid(m, `xếp loại "${code}" trong ${where} không có trong thang xếp loại`);
  };
  for (const b of rules.base) known(b.rating, "base");
  if (!rules.base.some((b) => b.min === 0)) throw invalid(m, "xếp loại người đứng đầu thiếu mức 0%");
  for (const cap of rules.caps) {
    known(cap.capAt, "caps");
    checkConditionTag(m, cap.when, tags);
  }
  for (const flag of rules.flags) checkConditionTag(m, flag.when, tags);
}

function checkConditionTag(m: Methodology, when: FieldCondition, tags: ReadonlySet<string>): void {
  if ("fieldTag" in when && !tags.has(when.fieldTag.tag)) {
    throw invalid(m, `không lĩnh vực nào mang nhãn "${when.fieldTag.tag}"`);
  }
}
