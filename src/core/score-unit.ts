import { classify } from "./classification.ts";
import { ScoringError } from "./errors.ts";
import { rateHead } from "./head-rating.ts";
import type { LeafInput, UnitInput } from "./leaf-input.ts";
import { type LowestLevel, lowestCriteria } from "./lowest.ts";
import { type CriterionNode, isLeaf, type Methodology } from "./methodology/schema.ts";
import { nodeIndex, placedNodes } from "./methodology/tree.ts";
import { tidy } from "./precision.ts";
import { resolveLeaf } from "./resolve-leaf.ts";
import type { NodeResult, UnitResult } from "./results.ts";
import { roundHalfUp } from "./round.ts";

export interface ScoreOptions {
  /** How many lowest criteria to report (3). */
  lowestCount?: number;
  /** Rank leaves (the smallest thing a unit can act on) or top-level fields (leaf). */
  lowestLevel?: LowestLevel;
  /** The assessed year: a cap or flag limited to some years applies only to them. */
  year?: number;
}

/**
 * Every problem with one unit's input, not just the first: a spreadsheet user fixes them all at once.
 * `scoreUnit` refuses the input with the first of them.
 */
export function collectInputProblems(methodology: Methodology, input: UnitInput): ScoringError[] {
  const problems: ScoringError[] = [];
  const index = nodeIndex(methodology);
  for (const code of Object.keys(input.scores)) {
    const placed = index.get(code);
    if (!placed) {
      problems.push(
        new ScoringError(
          "UNKNOWN_CRITERION",
          `Mã tiêu chí ${code} không có trong phương pháp ${methodology.id} (đơn vị ${input.unit})`,
          { unit: input.unit, criterion: code },
        ),
      );
    } else if (!isLeaf(placed.node)) {
      problems.push(
        new ScoringError(
          "NOT_A_LEAF",
          `Tiêu chí ${code} gồm các tiêu chí con; hãy nhập điểm cho từng tiêu chí con (đơn vị ${input.unit})`,
          { unit: input.unit, criterion: code },
        ),
      );
    }
  }
  for (const { node } of placedNodes(methodology.fields)) {
    if (!isLeaf(node)) continue;
    try {
      resolveLeaf(node, leafInput(input, node.code), input.unit, methodology.notApplicableDefault);
    } catch (error) {
      if (error instanceof ScoringError) problems.push(error);
      else throw error;
    }
  }
  return problems;
}

/** Points, applicable maximum and % of every node, the composite, its group, the head rating and the weakest criteria. */
export function scoreUnit(
  methodology: Methodology,
  input: UnitInput,
  options: ScoreOptions = {},
): UnitResult {
  const first = collectInputProblems(methodology, input)[0];
  if (first) throw first;

  const { decimals, componentPctDecimals } = methodology.display;
  const fields = methodology.fields.map((f) => scoreNode(f, 1, input, methodology));
  const points = tidy(fields.reduce((s, f) => s + f.points, 0));
  const applicableMax = tidy(fields.reduce((s, f) => s + f.applicableMax, 0));
  if (applicableMax <= 0) {
    throw new ScoringError(
      "NOTHING_APPLICABLE",
      `Mọi tiêu chí của đơn vị ${input.unit} đều không áp dụng: không tính được chỉ số`,
      { unit: input.unit },
    );
  }
  const pct = tidy((points / applicableMax) * 100);
  const pctRounded = roundHalfUp(pct, decimals);
  return {
    unit: input.unit,
    methodology: { id: methodology.id, version: methodology.version },
    points,
    maxPoints: methodology.maxPoints,
    applicableMax,
    pct,
    pctRounded,
    group: classify(methodology.classification.bands, pctRounded),
    headRating: methodology.headRating
      ? rateHead(methodology.headRating, fields, pctRounded, componentPctDecimals, options.year)
      : null,
    fields,
    lowest: lowestCriteria(fields, options.lowestCount ?? 3, options.lowestLevel ?? "leaf"),
  };
}

function leafInput(input: UnitInput, code: string): LeafInput | undefined {
  return Object.hasOwn(input.scores, code) ? input.scores[code] : undefined;
}

function scoreNode(node: CriterionNode, depth: number, input: UnitInput, m: Methodology): NodeResult {
  const common = {
    code: node.code,
    name: node.name,
    shortName: node.shortName ?? node.name,
    depth,
    tag: node.tag ?? null,
    max: node.max,
    assumed: node.assumed === true,
  };
  if (isLeaf(node)) {
    const { points, applicableMax, notApplicable, ...leaf } = resolveLeaf(
      node,
      leafInput(input, node.code),
      input.unit,
      m.notApplicableDefault,
    );
    return {
      ...common,
      ...measure(points, applicableMax, m),
      isLeaf: true,
      notApplicable,
      leaf,
      children: [],
    };
  }
  const children = node.children.map((c) => scoreNode(c, depth + 1, input, m));
  const points = tidy(children.reduce((s, c) => s + c.points, 0));
  const applicableMax = tidy(children.reduce((s, c) => s + c.applicableMax, 0));
  return {
    ...common,
    ...measure(points, applicableMax, m),
    isLeaf: false,
    notApplicable: children.every((c) => c.notApplicable),
    leaf: null,
    children,
  };
}

function measure(points: number, applicableMax: number, m: Methodology) {
  const pct = applicableMax > 0 ? tidy((points / applicableMax) * 100) : null;
  return {
    points,
    applicableMax,
    pct,
    pctRounded: pct === null ? null : roundHalfUp(pct, m.display.decimals),
    lost: tidy(Math.max(0, applicableMax - points)),
  };
}
