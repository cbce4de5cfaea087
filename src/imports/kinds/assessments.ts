/**
 * `import assessments`: leaf scores, one row per unit, year and criterion, as draft assessments.
 * Columns unit_code,year,criterion_code,score, optional self_score, appraised_score, note,
 * methodology_id (else --methodology, else the only methodology of the unit's province and level for
 * the year) and group (the published group, checked for consistency). A unit outside the
 * methodology's province is refused.
 * Rows are checked one by one as they stream in and staged in chunks; the checks that need the whole
 * file run on the staging table (see store/score-import.ts).
 */
import {
  isLeaf,
  type LeafNode,
  type Methodology,
  nodeIndex,
  type PlacedNode,
  resolveLeaf,
  ScoringError,
} from "../../core/index.ts";
import type { UnitRecord } from "../../domain/unit.ts";
import { decimalsOf, formatIsoDate, formatNumber } from "../../format/vi.ts";
import { type ConflictingValues, type StagedScore, yearWindow } from "../../store/index.ts";
import * as read from "../fields.ts";
import { MethodologyFinder, NATIONWIDE, provinceOf } from "../jurisdiction.ts";
import { lookupMethodology } from "../methodologies.ts";
import { MAX_PROBLEMS, refuseIfAny } from "../problems.ts";
import { type ImportRecord, openWithColumns, placeWord, problemsOf } from "../records.ts";
import { type CodeIndex, describeUnit, type Resolved, resolveCode } from "../unit-codes.ts";
import { changeCount, type KindImporter, type KindRun } from "./kind.ts";

const REQUIRED = ["unit_code", "year", "criterion_code", "score"] as const;
/** Rows held in memory between two writes to the staging table. */
const STAGE_CHUNK = 10_000;

interface MethodologyEntry {
  methodology: Methodology;
  nodes: Map<string, PlacedNode>;
}

const viNumber = (value: number) => formatNumber(value, decimalsOf(value));
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Per-file caches: a national file names ~10,000 codes and a few methodologies millions of times. */
class RowChecker {
  private readonly methodologies = new Map<string, MethodologyEntry | null>();
  private readonly units = new Map<string, Resolved>();
  private readonly finder: MethodologyFinder;
  /** Problems said once for many rows: a province-level-year without a methodology, a unit outside one. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly run: KindRun,
    private readonly index: CodeIndex,
    private readonly byId: ReadonlyMap<number, UnitRecord>,
  ) {
    this.finder = new MethodologyFinder(run.repos);
  }

  /** Looks a methodology up once per file; an unknown one is reported at its first row only. */
  private async load(ref: string, record: ImportRecord): Promise<void> {
    const found = await lookupMethodology(this.run.repos, ref, this.run.ctx);
    const entry = found.ok ? { methodology: found.methodology, nodes: nodeIndex(found.methodology) } : null;
    if (!found.ok)
      this.run.problems.add(record.line, "UNKNOWN_METHODOLOGY", `${record.where}: ${found.reason}`);
    this.methodologies.set(ref, entry);
  }

  /** The methodology a row names (its cell, else --methodology), or null when it names none. */
  private named(record: ImportRecord): string | null {
    return read.optionalText(record.values.methodology_id) ?? this.run.options.methodology ?? null;
  }

  /**
   * The methodology of a row, loaded: the one it names, else the only one of its unit's province and
   * level for its year. Null when there is none; the reason is reported once per province, level and
   * year (a file of one unknown province is one problem, not one per row), a bad unit code per row.
   */
  async refFor(record: ImportRecord): Promise<string | null> {
    let ref = this.named(record);
    if (ref === null) ref = await this.fitting(record);
    if (ref !== null && !this.methodologies.has(ref)) await this.load(ref, record);
    return ref;
  }

  private async fitting(record: ImportRecord): Promise<string | null> {
    const code = read.requiredText(record.values.unit_code ?? "", "mã đơn vị (unit_code)");
    const year = read.year(record.values.year ?? "");
    // Bad cells are reported by `check`.
    if (!code.ok || !year.ok) return null;
    const unit = this.unit(code.value, year.value, null);
    if (!unit.ok) {
      this.run.problems.add(record.line, unit.code, `${record.where}: ${unit.reason}`);
      return null;
    }
    const province = provinceOf(unit.unit, this.byId);
    if (province === null || unit.unit.level === "province") {
      this.run.problems.add(
        record.line,
        "NO_METHODOLOGY_FITS",
        `${record.where}: không có phương pháp chấm điểm cho ${describeUnit(unit.unit)}`,
      );
      return null;
    }
    const fit = await this.finder.fit(province, unit.unit.level, year.value);
    if (fit.ok) return fit.id;
    const key = `${province.code}|${unit.unit.level}|${year.value}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.run.problems.add(record.line, fit.code, `${record.where}: ${fit.reason}`);
    }
    return null;
  }

  private unit(code: string, year: number, level: Methodology["level"] | null): Resolved {
    const key = `${code}|${year}|${level}`;
    let resolved = this.units.get(key);
    if (resolved === undefined) {
      resolved = resolveCode(this.index, code, yearWindow(year), `trong năm ${year}`, level ?? undefined);
      this.units.set(key, resolved);
    }
    return resolved;
  }

  /** The staged row, or null when the row has problems (all reported). `ref` comes from `refFor`. */
  check(record: ImportRecord, ref: string | null): StagedScore | null {
    const { problems } = this.run;
    const v = record.values;
    const issues = problemsOf(problems, record);
    const fail = issues.fail;

    const code = read.requiredText(v.unit_code ?? "", "mã đơn vị (unit_code)");
    const year = read.year(v.year ?? "");
    const criterion = read.requiredText(v.criterion_code ?? "", "mã tiêu chí (criterion_code)");
    const score = read.decimal(v.score ?? "", "điểm (score)");
    const self = read.optionalDecimal(v.self_score, "điểm tự chấm (self_score)");
    const appraised = read.optionalDecimal(v.appraised_score, "điểm thẩm định (appraised_score)");
    for (const cell of [code, year, criterion, score, self, appraised]) {
      if (!cell.ok) fail("BAD_VALUE", cell.reason);
    }
    // Without a methodology `refFor` has said why.
    if (!(code.ok && year.ok && criterion.ok && score.ok && self.ok && appraised.ok) || ref === null)
      return null;

    const entry = this.methodologies.get(ref) ?? null;
    if (entry === null) return null;
    const m = entry.methodology;
    if (year.value < m.assessedYears.from || year.value > m.assessedYears.to) {
      fail(
        "YEAR_OUTSIDE_METHODOLOGY",
        `phương pháp ${m.id} áp dụng cho năm đánh giá ${m.assessedYears.from}–${m.assessedYears.to}, không cho năm ${year.value}`,
      );
    }
    const unit = this.unit(code.value, year.value, m.level);
    if (!unit.ok) fail(unit.code, unit.reason);
    else if (!this.withinJurisdiction(unit.unit, m, year.value, fail)) return null;
    const placed = entry.nodes.get(criterion.value);
    if (placed === undefined) {
      fail("UNKNOWN_CRITERION", `mã tiêu chí ${criterion.value} không có trong phương pháp ${m.id}`);
    } else if (!isLeaf(placed.node)) {
      fail(
        "UNKNOWN_CRITERION",
        `tiêu chí ${criterion.value} gồm các tiêu chí con; hãy nhập điểm cho từng tiêu chí con`,
      );
    } else {
      this.checkScores(
        placed.node,
        m,
        unit.ok ? unit.unit.name : code.value,
        score.value,
        self.value,
        appraised.value,
        fail,
      );
    }
    if (issues.found || !unit.ok) return null;
    return {
      line: record.line,
      unitId: unit.unit.id,
      year: year.value,
      methodologyId: m.id,
      methodologyVersion: m.version,
      criterionCode: criterion.value,
      finalScore: score.value,
      selfScore: self.value,
      appraisedScore: appraised.value,
      note: read.optionalText(v.note),
      group: read.optionalText(v.group),
    };
  }

  /**
   * Whether the unit, as it was in the assessed year, lies in the methodology's province. Said once
   * per unit and methodology: its other rows are refused with the file.
   */
  private withinJurisdiction(
    unit: UnitRecord,
    m: Methodology,
    year: number,
    fail: (code: "UNIT_OUTSIDE_JURISDICTION", reason: string) => void,
  ): boolean {
    const province = provinceOf(unit, this.byId);
    if (m.jurisdiction.provinceCode === NATIONWIDE) return true;
    if (province !== null && province.code === m.jurisdiction.provinceCode) return true;
    const key = `${unit.id}|${m.id}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      const where = province === null ? "không rõ thuộc tỉnh nào" : `thuộc ${province.name}`;
      fail(
        "UNIT_OUTSIDE_JURISDICTION",
        `${describeUnit(unit)} năm ${year} ${where}, ngoài phạm vi của phương pháp ${m.id} ` +
          `(${m.jurisdiction.province}); mọi dòng của đơn vị này đều không được nhập`,
      );
    }
    return false;
  }

  private checkScores(
    leaf: LeafNode,
    m: Methodology,
    unitName: string,
    score: number,
    self: number | null,
    appraised: number | null,
    fail: (code: "SCORE_OUT_OF_RANGE" | "APPRAISED_NOT_FINAL", reason: string) => void,
  ): void {
    try {
      resolveLeaf(
        leaf,
        { points: score, ...(self === null ? {} : { self }), ...(appraised === null ? {} : { appraised }) },
        unitName,
        m.notApplicableDefault,
      );
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      fail("SCORE_OUT_OF_RANGE", lowerFirst(error.message));
      return;
    }
    // The core takes the appraised score as final; a file that says otherwise is ambiguous.
    if (appraised !== null && appraised !== score) {
      fail(
        "APPRAISED_NOT_FINAL",
        `điểm thẩm định ${viNumber(appraised)} khác điểm (score) ${viNumber(score)}: ` +
          "khi có điểm thẩm định, đó là điểm cuối cùng",
      );
    }
  }
}

function unitsById(index: CodeIndex): Map<number, UnitRecord> {
  const out = new Map<number, UnitRecord>();
  for (const list of index.values()) for (const u of list) out.set(u.id, u);
  return out;
}

export const importAssessments: KindImporter = async (run) => {
  const { repos, input, options, ctx, problems } = run;
  const reader = await openWithColumns(input, problems, REQUIRED);

  const index = await repos.unitAdmin.codeIndex();
  const units = unitsById(index);
  const checker = new RowChecker(run, index, units);
  await repos.scoreImport.begin();
  let rows = 0;
  let buffer: StagedScore[] = [];
  reading: for await (const batch of reader.batches) {
    for (const record of batch) {
      if (problems.full) break reading;
      rows += 1;
      const staged = checker.check(record, await checker.refFor(record));
      // Once a row is refused the file will be: staging more would only cost time.
      if (staged === null || problems.count > 0) continue;
      buffer.push(staged);
    }
    if (buffer.length >= STAGE_CHUNK) {
      await repos.scoreImport.stage(buffer);
      buffer = [];
    }
  }
  refuseIfAny(problems);
  await repos.scoreImport.stage(buffer);

  const name = (id: number) => {
    const u = units.get(id);
    return u === undefined ? `đơn vị #${id}` : describeUnit(u);
  };
  const lower = placeWord(input.format);
  const place = lower.charAt(0).toUpperCase() + lower.slice(1);
  for (const d of await repos.scoreImport.duplicateCriteria(MAX_PROBLEMS)) {
    const [first, ...again] = d.lines;
    for (const line of again) {
      problems.add(
        line,
        "DUPLICATE_CRITERION",
        `${place} ${line}: tiêu chí ${d.criterionCode} của ${name(d.unitId)} năm ${d.year} đã có ở ${lower} ${first}`,
      );
    }
  }
  const conflict = (c: ConflictingValues, what: string, quote: string) => {
    const [a, b] = c.values;
    return (
      `${place} ${b?.line}: ${name(c.unitId)} năm ${c.year} ${what}: ` +
      `${quote}${a?.value}${quote} (${lower} ${a?.line}) và ${quote}${b?.value}${quote} (${lower} ${b?.line})`
    );
  };
  for (const c of await repos.scoreImport.conflictingMethodologies(MAX_PROBLEMS)) {
    problems.add(
      c.values[1]?.line ?? c.line,
      "TWO_METHODOLOGIES",
      conflict(c, "được chấm theo hai phương pháp", ""),
    );
  }
  for (const c of await repos.scoreImport.conflictingGroups(MAX_PROBLEMS)) {
    problems.add(c.values[1]?.line ?? c.line, "TWO_GROUPS", conflict(c, "được xếp vào hai nhóm", '"'));
  }
  for (const p of await repos.scoreImport.publishedTargets(MAX_PROBLEMS)) {
    problems.add(
      p.line,
      "ASSESSMENT_PUBLISHED",
      `${place} ${p.line}: kết quả năm ${p.year} của ${name(p.unitId)} đã công bố ngày ${formatIsoDate(p.publishedOn)}; ` +
        "phải rút công bố (unpublish) trước khi nhập lại",
    );
  }
  refuseIfAny(problems);

  const written = await repos.scoreImport.apply({ source: options.source, sample: false }, ctx);
  return {
    rows,
    changes: [
      { ...changeCount("bản đánh giá (đơn vị × năm)"), ...written.assessments },
      { ...changeCount("điểm tiêu chí"), ...written.scores },
    ],
  };
};
