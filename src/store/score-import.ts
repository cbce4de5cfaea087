/**
 * Bulk import of leaf scores through a staging table, so that a national file (millions of rows) is
 * checked and written inside one transaction with bounded memory: rows are staged in chunks as they
 * are read, the checks that need the whole file (a criterion given twice, a unit in two groups) are
 * set-based queries on the staging table, and the write is two INSERT … SELECT upserts.
 *
 * Use it only inside `store.transaction`: the staging table is a TEMP table of the transaction's
 * connection, created by `begin` and dropped by `finish`; a rollback removes it too.
 */
import type { InValue, Row } from "@libsql/client";
import { num, numOrNull, text, textOrNull } from "./rows.ts";
import { isoInstant, type Sql, type WriteContext } from "./sql.ts";

export interface StagedScore {
  /** Line (or record) of the file, for messages. */
  line: number;
  unitId: number;
  year: number;
  methodologyId: string;
  methodologyVersion: string;
  criterionCode: string;
  finalScore: number | null;
  selfScore: number | null;
  appraisedScore: number | null;
  note: string | null;
  /** The published group the file states for the unit, if any. */
  group: string | null;
}

/** A (unit, year) the staged rows name, with the first line that names it. */
export interface StagedUnitYear {
  unitId: number;
  year: number;
  line: number;
}

export interface DuplicateCriterion extends StagedUnitYear {
  criterionCode: string;
  /** Every line that gives this criterion, in file order. */
  lines: number[];
}

/** A (unit, year) whose rows disagree on a value that must be one per unit and year. */
export interface ConflictingValues extends StagedUnitYear {
  /** Each distinct value with the first line that states it, in file order. */
  values: { value: string; line: number }[];
}

export interface ScoreImportChanges {
  unitYears: number;
  assessments: { inserted: number; updated: number; unchanged: number };
  scores: { inserted: number; updated: number; unchanged: number };
}

export interface ScoreImportRepo {
  begin(): Promise<void>;
  stage(rows: readonly StagedScore[]): Promise<void>;
  duplicateCriteria(limit: number): Promise<DuplicateCriterion[]>;
  conflictingMethodologies(limit: number): Promise<ConflictingValues[]>;
  conflictingGroups(limit: number): Promise<ConflictingValues[]>;
  /** Staged (unit, year) pairs whose assessment is already published: refused, never overwritten. */
  publishedTargets(limit: number): Promise<(StagedUnitYear & { publishedOn: string })[]>;
  /** Writes the staged rows as draft assessments and their leaf scores, then drops the staging table. */
  apply(assessment: { source: string; sample: boolean }, ctx: WriteContext): Promise<ScoreImportChanges>;
  /** Drops the staging table without writing (a refused or dry-run import). */
  finish(): Promise<void>;
}

const STAGE_COLUMNS =
  "line, unit_id, year, methodology_id, methodology_version, criterion_code, final_score, self_score, " +
  "appraised_score, note, grp";
/** Rows per staging INSERT, sent as one JSON array. */
const ROWS_PER_STATEMENT = 5_000;

const SAME_SCORE =
  "x.final_score IS s.final_score AND x.self_score IS s.self_score AND " +
  "x.appraised_score IS s.appraised_score AND x.note IS s.note AND x.sample = 0";

function stagedUnitYear(row: Row): StagedUnitYear {
  return { unitId: num(row, "unit_id"), year: num(row, "year"), line: num(row, "line") };
}

export function scoreImportRepo(sql: Sql): ScoreImportRepo {
  const scalar = async (query: string, args: InValue[] = []) => {
    const result = await sql.execute({ sql: query, args });
    return numOrNull(result.rows[0] as Row, "n") ?? 0;
  };

  const conflicts = async (expression: string, filter: string, limit: number) => {
    const pairs = await sql.execute({
      sql:
        `SELECT unit_id, year, min(line) AS line FROM import_scores WHERE ${filter} GROUP BY unit_id, year ` +
        `HAVING count(DISTINCT ${expression}) > 1 ORDER BY line LIMIT ?`,
      args: [limit],
    });
    const out: ConflictingValues[] = [];
    for (const row of pairs.rows) {
      const pair = stagedUnitYear(row);
      const values = await sql.execute({
        sql:
          `SELECT ${expression} AS value, min(line) AS line FROM import_scores ` +
          `WHERE unit_id = ? AND year = ? AND ${filter} GROUP BY value ORDER BY line`,
        args: [pair.unitId, pair.year],
      });
      out.push({
        ...pair,
        values: values.rows.map((v) => ({ value: text(v, "value"), line: num(v, "line") })),
      });
    }
    return out;
  };

  return {
    async begin() {
      await sql.execute("DROP TABLE IF EXISTS temp.import_scores");
      // libSQL builds keep temp tables in memory (SQLITE_TEMP_STORE=2): a national file would hold
      // millions of staged rows in RAM. On disk they cost little. A server that refuses the pragma
      // keeps its own setting, which is its business.
      await sql.execute("PRAGMA temp_store = FILE").catch(() => undefined);
      await sql.execute(
        "CREATE TEMP TABLE import_scores (line INTEGER NOT NULL, unit_id INTEGER NOT NULL, year INTEGER NOT NULL, " +
          "methodology_id TEXT NOT NULL, methodology_version TEXT NOT NULL, criterion_code TEXT NOT NULL, " +
          "final_score REAL, self_score REAL, appraised_score REAL, note TEXT, grp TEXT)",
      );
    },

    async stage(rows) {
      // One JSON parameter per chunk rather than thousands of placeholders: SQLite parses the JSON in C,
      // and the statement text stays the same, so preparing it costs nothing per row.
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows
          .slice(start, start + ROWS_PER_STATEMENT)
          .map((r) => [
            r.line,
            r.unitId,
            r.year,
            r.methodologyId,
            r.methodologyVersion,
            r.criterionCode,
            r.finalScore,
            r.selfScore,
            r.appraisedScore,
            r.note,
            r.group,
          ]);
        await sql.execute({
          sql:
            `INSERT INTO import_scores (${STAGE_COLUMNS}) SELECT value ->> 0, value ->> 1, value ->> 2, ` +
            "value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, " +
            "value ->> 10 FROM json_each(?)",
          args: [JSON.stringify(chunk)],
        });
      }
    },

    async duplicateCriteria(limit) {
      // Built after staging: one sort of the finished table beats maintaining an index per row.
      await sql.execute(
        "CREATE INDEX IF NOT EXISTS temp.import_scores_key ON import_scores (unit_id, year, criterion_code, line)",
      );
      const result = await sql.execute({
        sql:
          "SELECT unit_id, year, criterion_code, min(line) AS line, group_concat(line) AS lines FROM import_scores " +
          "GROUP BY unit_id, year, criterion_code HAVING count(*) > 1 ORDER BY line LIMIT ?",
        args: [limit],
      });
      return result.rows.map((row) => ({
        ...stagedUnitYear(row),
        criterionCode: text(row, "criterion_code"),
        lines: text(row, "lines")
          .split(",")
          .map(Number)
          .sort((a, b) => a - b),
      }));
    },

    conflictingMethodologies: (limit) =>
      conflicts("methodology_id || '@' || methodology_version", "true", limit),
    conflictingGroups: (limit) => conflicts("grp", "grp IS NOT NULL", limit),

    async publishedTargets(limit) {
      const result = await sql.execute({
        sql:
          "SELECT s.unit_id, s.year, min(s.line) AS line, a.published_on FROM import_scores s " +
          "JOIN assessments a ON a.unit_id = s.unit_id AND a.year = s.year WHERE a.status = 'published' " +
          "GROUP BY s.unit_id, s.year ORDER BY line LIMIT ?",
        args: [limit],
      });
      return result.rows.map((row) => ({
        ...stagedUnitYear(row),
        publishedOn: textOrNull(row, "published_on") ?? "",
      }));
    },

    async apply(assessment, ctx) {
      const at = isoInstant(ctx.now);
      // Before anything is overwritten: one audit row per unit and year the file changes, under the unit so
      // an officer reads it there: a new assessment with its number of criteria, a changed one with each
      // changed criterion's scores and note before → after (criteria the file does not name are kept).
      await sql.execute({
        sql:
          "INSERT INTO audit_log (at, actor, action, entity, entity_id, details, unit_id) " +
          "SELECT ?1, ?2, CASE WHEN a.id IS NULL THEN 'assessment.create' ELSE 'assessment.update' END, " +
          "'assessment', s.unit_id || '/' || s.year, json_object('year', s.year, 'methodology', " +
          "min(s.methodology_id) || '@' || min(s.methodology_version), 'source', ?3, 'before', " +
          "CASE WHEN a.id IS NULL THEN NULL ELSE json_object('methodology', a.methodology_id || '@' || " +
          "a.methodology_version, 'source', a.source) END, 'criteria', count(*), 'scores', CASE WHEN a.id IS NULL " +
          "THEN NULL ELSE json_group_array(json_object('criterion', s.criterion_code, 'before', CASE WHEN " +
          "x.assessment_id IS NULL THEN NULL ELSE json_object('final', x.final_score, 'self', x.self_score, " +
          "'appraised', x.appraised_score, 'note', x.note, 'sample', json(CASE x.sample WHEN 1 THEN 'true' ELSE " +
          "'false' END)) END, 'after', json_object(" +
          "'final', s.final_score, 'self', s.self_score, 'appraised', s.appraised_score, 'note', s.note, " +
          `'sample', json('false')))) FILTER (WHERE x.assessment_id IS NULL OR NOT (${SAME_SCORE})) END), ` +
          "s.unit_id FROM import_scores s " +
          "LEFT JOIN assessments a ON a.unit_id = s.unit_id AND a.year = s.year LEFT JOIN assessment_scores x " +
          "ON x.assessment_id = a.id AND x.criterion_code = s.criterion_code GROUP BY s.unit_id, s.year " +
          `HAVING a.id IS NULL OR count(*) FILTER (WHERE x.assessment_id IS NULL OR NOT (${SAME_SCORE})) > 0 ` +
          "OR a.source IS NOT ?3 OR a.sample IS NOT ?4 OR a.methodology_id IS NOT min(s.methodology_id) " +
          "OR a.methodology_version IS NOT min(s.methodology_version) ORDER BY min(s.line)",
        args: [at, ctx.actor, assessment.source, assessment.sample ? 1 : 0],
      });
      const unitYears = await scalar(
        "SELECT count(*) AS n FROM (SELECT DISTINCT unit_id, year FROM import_scores)",
      );
      const existingAssessments = await scalar(
        "SELECT count(*) AS n FROM (SELECT DISTINCT unit_id, year FROM import_scores) s " +
          "JOIN assessments a ON a.unit_id = s.unit_id AND a.year = s.year",
      );
      const upserted = await sql.execute({
        sql:
          "INSERT INTO assessments (unit_id, year, methodology_id, methodology_version, source, sample, " +
          "created_at, updated_at) SELECT unit_id, year, min(methodology_id), min(methodology_version), ?, ?, ?, ? " +
          "FROM import_scores WHERE true GROUP BY unit_id, year ON CONFLICT (unit_id, year) DO UPDATE SET " +
          "methodology_id = excluded.methodology_id, methodology_version = excluded.methodology_version, " +
          "source = excluded.source, sample = excluded.sample, updated_at = excluded.updated_at " +
          "WHERE assessments.status = 'draft' AND (assessments.methodology_id IS NOT excluded.methodology_id " +
          "OR assessments.methodology_version IS NOT excluded.methodology_version " +
          "OR assessments.source IS NOT excluded.source OR assessments.sample IS NOT excluded.sample)",
        args: [assessment.source, assessment.sample ? 1 : 0, at, at],
      });
      const assessmentsInserted = unitYears - existingAssessments;
      const assessmentsUpdated = upserted.rowsAffected - assessmentsInserted;

      const staged = await scalar("SELECT count(*) AS n FROM import_scores");
      const existingScores = await scalar(
        "SELECT count(*) AS n FROM import_scores s JOIN assessments a ON a.unit_id = s.unit_id AND a.year = s.year " +
          "JOIN assessment_scores x ON x.assessment_id = a.id AND x.criterion_code = s.criterion_code",
      );
      const unchangedScores =
        existingScores === 0
          ? 0
          : await scalar(
              "SELECT count(*) AS n FROM import_scores s JOIN assessments a ON a.unit_id = s.unit_id AND " +
                "a.year = s.year JOIN assessment_scores x ON x.assessment_id = a.id AND " +
                `x.criterion_code = s.criterion_code WHERE ${SAME_SCORE}`,
            );
      if (existingScores > unchangedScores) {
        // A draft whose scores change is a changed draft, even when its own row is untouched.
        await sql.execute({
          sql:
            "UPDATE assessments SET updated_at = ? WHERE updated_at IS NOT ? AND id IN (SELECT a.id " +
            "FROM import_scores s JOIN assessments a ON a.unit_id = s.unit_id AND a.year = s.year " +
            "JOIN assessment_scores x ON x.assessment_id = a.id AND x.criterion_code = s.criterion_code " +
            `WHERE NOT (${SAME_SCORE}))`,
          args: [at, at],
        });
      }
      await sql.execute(
        "INSERT INTO assessment_scores (assessment_id, criterion_code, self_score, appraised_score, survey_score, " +
          "final_score, note, evidence_url, sample) SELECT a.id, s.criterion_code, s.self_score, s.appraised_score, " +
          "NULL, s.final_score, s.note, NULL, 0 FROM import_scores s JOIN assessments a ON a.unit_id = s.unit_id " +
          "AND a.year = s.year WHERE true ORDER BY a.id, s.criterion_code " +
          "ON CONFLICT (assessment_id, criterion_code) DO UPDATE SET self_score = excluded.self_score, " +
          "appraised_score = excluded.appraised_score, final_score = excluded.final_score, note = excluded.note, " +
          "sample = 0 WHERE assessment_scores.final_score IS NOT excluded.final_score " +
          "OR assessment_scores.self_score IS NOT excluded.self_score " +
          "OR assessment_scores.appraised_score IS NOT excluded.appraised_score " +
          "OR assessment_scores.note IS NOT excluded.note OR assessment_scores.sample <> 0",
      );
      const changes: ScoreImportChanges = {
        unitYears,
        assessments: {
          inserted: assessmentsInserted,
          updated: assessmentsUpdated,
          unchanged: unitYears - assessmentsInserted - assessmentsUpdated,
        },
        scores: {
          inserted: staged - existingScores,
          updated: existingScores - unchangedScores,
          unchanged: unchangedScores,
        },
      };
      await sql.execute("DROP TABLE IF EXISTS temp.import_scores");
      return changes;
    },

    async finish() {
      await sql.execute("DROP TABLE IF EXISTS temp.import_scores");
    },
  };
}
