import type { InStatement, InValue, Row } from "@libsql/client";
import { auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { flag, narrow, num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export interface AssessmentInput {
  unitId: number;
  year: number;
  methodologyId: string;
  methodologyVersion: string;
  source: string;
  sample: boolean;
}

export interface AssessmentRecord extends AssessmentInput {
  id: number;
  status: "draft" | "published";
  publishedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One leaf criterion: the unit's self-assessment and the council's appraisal are kept side by side. */
export interface LeafScore {
  criterionCode: string;
  selfScore: number | null;
  appraisedScore: number | null;
  surveyScore: number | null;
  finalScore: number | null;
  note: string | null;
  evidenceUrl: string | null;
  sample: boolean;
}

export interface AssessmentsRepo {
  /**
   * Creates or replaces a draft assessment and all its leaf scores in one batch. Refused
   * (ASSESSMENT_PUBLISHED) once published: published history is changed only by withdrawing it.
   */
  saveDraft(
    input: AssessmentInput,
    scores: readonly LeafScore[],
    ctx: WriteContext,
  ): Promise<{ id: number; change: "inserted" | "updated" | "unchanged" }>;
  get(unitId: number, year: number): Promise<AssessmentRecord | null>;
  getById(id: number): Promise<AssessmentRecord | null>;
  /** Leaf scores by criterion code. */
  scores(assessmentId: number): Promise<LeafScore[]>;
  /** The assessments of these units for a year (a scope's communes, before publishing). */
  forUnits(unitIds: readonly number[], year: number): Promise<AssessmentRecord[]>;
  /** Whether any assessment exists, draft or published: first start seeds the demo only when none does. */
  any(): Promise<boolean>;
}

const COLUMNS =
  "id, unit_id, year, methodology_id, methodology_version, status, published_on, source, sample, created_at, updated_at";
const SCORE_COLUMNS =
  "criterion_code, self_score, appraised_score, survey_score, final_score, note, evidence_url, sample";
/** Rows per multi-row INSERT: 8 parameters each, well under SQLite's 32,766-parameter limit. */
const SCORE_CHUNK = 500;

function assessmentFromRow(row: Row): AssessmentRecord {
  return {
    id: num(row, "id"),
    unitId: num(row, "unit_id"),
    year: num(row, "year"),
    methodologyId: text(row, "methodology_id"),
    methodologyVersion: text(row, "methodology_version"),
    status: narrow(row, "status", ["draft", "published"] as const),
    publishedOn: textOrNull(row, "published_on"),
    source: text(row, "source"),
    sample: flag(row, "sample"),
    createdAt: text(row, "created_at"),
    updatedAt: text(row, "updated_at"),
  };
}

function scoreFromRow(row: Row): LeafScore {
  return {
    criterionCode: text(row, "criterion_code"),
    selfScore: numOrNull(row, "self_score"),
    appraisedScore: numOrNull(row, "appraised_score"),
    surveyScore: numOrNull(row, "survey_score"),
    finalScore: numOrNull(row, "final_score"),
    note: textOrNull(row, "note"),
    evidenceUrl: textOrNull(row, "evidence_url"),
    sample: flag(row, "sample"),
  };
}

const byCriterion = (a: LeafScore, b: LeafScore) => a.criterionCode.localeCompare(b.criterionCode);

const SCORE_FIELDS = [
  "criterionCode",
  "selfScore",
  "appraisedScore",
  "surveyScore",
  "finalScore",
  "note",
  "evidenceUrl",
  "sample",
] as const satisfies readonly (keyof LeafScore)[];

function sameScores(a: readonly LeafScore[], b: readonly LeafScore[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort(byCriterion);
  const right = [...b].sort(byCriterion);
  return left.every((score, i) => SCORE_FIELDS.every((field) => score[field] === right[i]?.[field]));
}

/** A criterion's figures as the audit log shows them before → after. */
const shownScore = (s: LeafScore) => ({
  final: s.finalScore,
  self: s.selfScore,
  appraised: s.appraisedScore,
  note: s.note,
  sample: s.sample,
});

/** The criteria whose figures differ between two sets of a unit's scores (dropped ones included). */
function changedCriteria(before: readonly LeafScore[], after: readonly LeafScore[]) {
  const old = new Map(before.map((s) => [s.criterionCode, s] as const));
  const now = new Set(after.map((s) => s.criterionCode));
  const changed = after
    .filter((s) => {
      const was = old.get(s.criterionCode);
      return was === undefined || SCORE_FIELDS.some((field) => was[field] !== s[field]);
    })
    .map((s) => {
      const was = old.get(s.criterionCode);
      return { criterion: s.criterionCode, before: was ? shownScore(was) : null, after: shownScore(s) };
    });
  const dropped = before
    .filter((s) => !now.has(s.criterionCode))
    .map((s) => ({ criterion: s.criterionCode, before: shownScore(s), after: null }));
  return [...changed, ...dropped];
}

function scoreInserts(unitId: number, year: number, scores: readonly LeafScore[]): InStatement[] {
  const statements: InStatement[] = [];
  for (let start = 0; start < scores.length; start += SCORE_CHUNK) {
    const chunk = scores.slice(start, start + SCORE_CHUNK);
    const args: InValue[] = [];
    for (const s of chunk) {
      args.push(
        s.criterionCode,
        s.selfScore,
        s.appraisedScore,
        s.surveyScore,
        s.finalScore,
        s.note,
        s.evidenceUrl,
        s.sample ? 1 : 0,
      );
    }
    statements.push({
      sql:
        `INSERT INTO assessment_scores (assessment_id, ${SCORE_COLUMNS}) ` +
        "SELECT a.id, v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8 " +
        `FROM (VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}) AS v ` +
        "JOIN assessments a ON a.unit_id = ? AND a.year = ? AND a.status = 'draft'",
      args: [...args, unitId, year],
    });
  }
  return statements;
}

export function assessmentsRepo(sql: Sql): AssessmentsRepo {
  const one = async (where: string, args: InValue[]) => {
    const result = await sql.execute({ sql: `SELECT ${COLUMNS} FROM assessments WHERE ${where}`, args });
    const row = result.rows[0];
    return row === undefined ? null : assessmentFromRow(row);
  };
  const scores = async (assessmentId: number) => {
    const result = await sql.execute({
      sql: `SELECT ${SCORE_COLUMNS} FROM assessment_scores WHERE assessment_id = ? ORDER BY criterion_code`,
      args: [assessmentId],
    });
    return result.rows.map(scoreFromRow);
  };

  return {
    get: (unitId, year) => one("unit_id = ? AND year = ?", [unitId, year]),
    getById: (id) => one("id = ?", [id]),
    scores,

    async saveDraft(input, leafScores, ctx) {
      const existing = await one("unit_id = ? AND year = ?", [input.unitId, input.year]);
      if (existing?.status === "published") {
        throw new StoreError(
          "ASSESSMENT_PUBLISHED",
          `Kết quả năm ${input.year} của đơn vị này đã công bố; phải rút công bố trước khi sửa.`,
          { unitId: input.unitId, year: input.year, assessmentId: existing.id },
        );
      }
      const stored = existing === null ? [] : await scores(existing.id);
      if (
        existing !== null &&
        existing.methodologyId === input.methodologyId &&
        existing.methodologyVersion === input.methodologyVersion &&
        existing.source === input.source &&
        existing.sample === input.sample &&
        sameScores(stored, leafScores)
      ) {
        return { id: existing.id, change: "unchanged" };
      }
      const at = isoInstant(ctx.now);
      await sql.batch([
        {
          sql:
            "INSERT INTO assessments (unit_id, year, methodology_id, methodology_version, source, sample, " +
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, year) DO UPDATE SET " +
            "methodology_id = excluded.methodology_id, methodology_version = excluded.methodology_version, " +
            "source = excluded.source, sample = excluded.sample, updated_at = excluded.updated_at " +
            "WHERE assessments.status = 'draft'",
          args: [
            input.unitId,
            input.year,
            input.methodologyId,
            input.methodologyVersion,
            input.source,
            input.sample ? 1 : 0,
            at,
            at,
          ],
        },
        {
          sql:
            "DELETE FROM assessment_scores WHERE assessment_id = " +
            "(SELECT id FROM assessments WHERE unit_id = ? AND year = ? AND status = 'draft')",
          args: [input.unitId, input.year],
        },
        ...scoreInserts(input.unitId, input.year, leafScores),
        auditStatement(
          {
            action: existing === null ? "assessment.create" : "assessment.update",
            entity: "assessment",
            entityId: `${input.unitId}/${input.year}`,
            details: {
              year: input.year,
              methodology: `${input.methodologyId}@${input.methodologyVersion}`,
              source: input.source,
              before:
                existing === null
                  ? null
                  : {
                      methodology: `${existing.methodologyId}@${existing.methodologyVersion}`,
                      source: existing.source,
                    },
              criteria: leafScores.length,
              // A changed draft: each criterion whose stored score differs, and those it no longer has.
              scores: existing === null ? null : changedCriteria(stored, leafScores),
            },
            unitId: input.unitId,
          },
          ctx,
        ),
      ]);
      const saved = await one("unit_id = ? AND year = ?", [input.unitId, input.year]);
      if (saved === null) {
        throw new StoreError("ASSESSMENT_NOT_FOUND", "Không lưu được bản đánh giá.", { ...input });
      }
      return { id: saved.id, change: existing === null ? "inserted" : "updated" };
    },

    async forUnits(unitIds, year) {
      if (unitIds.length === 0) return [];
      const result = await sql.execute({
        sql:
          `SELECT ${COLUMNS} FROM assessments WHERE year = ? AND unit_id IN ` +
          "(SELECT value FROM json_each(?)) ORDER BY unit_id",
        args: [year, JSON.stringify(unitIds)],
      });
      return result.rows.map(assessmentFromRow);
    },

    async any() {
      const result = await sql.execute("SELECT EXISTS (SELECT 1 FROM assessments) AS n");
      return num(result.rows[0] as Row, "n") === 1;
    },
  };
}
