/**
 * Loads or refreshes the national register: a diff against what the database holds, then one write
 * batch with only the rows that are new or different (and one audit row). Re-running it on an
 * up-to-date database sends nothing, so it changes nothing.
 */
import type { InStatement } from "@libsql/client";
import type { LineageRow, NationalRegister, RegisterRow } from "../register/types.ts";
import { auditStatement } from "./audit.ts";
import { fillNameKeys } from "./name-keys.ts";
import { text, textOrNull } from "./rows.ts";
import type { Sql, WriteContext } from "./sql.ts";

export interface RegisterLoadReport {
  units: { inserted: number; updated: number; unchanged: number };
  lineage: { inserted: number; updated: number; unchanged: number };
  /** Package and lineage-supplement rows the register could not use (reported by the builder, counted here). */
  skipped: number;
}

export interface RegisterRepo {
  load(register: NationalRegister, ctx: WriteContext): Promise<RegisterLoadReport>;
}

interface StoredUnit {
  code: string;
  name: string;
  kind: string;
  level: string;
  parentKey: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

interface StoredLink {
  kind: string;
  legalBasis: string | null;
  source: string;
}

const linkId = (l: { predecessorKey: string; successorKey: string; effectiveDate: string }) =>
  `${l.predecessorKey}|${l.successorKey}|${l.effectiveDate}`;

/**
 * The package does not know when a pre-reform unit began (validFrom null). A start date another source
 * set (the demo seed dating a commune formed in 2024) is kept rather than erased by a refresh.
 */
function wanted(row: RegisterRow, stored: StoredUnit | undefined): StoredUnit {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    level: row.level,
    parentKey: row.parentKey,
    validFrom: row.validFrom ?? stored?.validFrom ?? null,
    validTo: row.validTo,
    source: row.source,
  };
}

function sameUnit(a: StoredUnit, b: StoredUnit): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.level === b.level &&
    a.parentKey === b.parentKey &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo &&
    a.source === b.source
  );
}

async function storedUnits(sql: Sql): Promise<Map<string, StoredUnit>> {
  const result = await sql.execute(
    "SELECT u.key, u.code, u.name, u.kind, u.level, p.key AS parent_key, u.valid_from, u.valid_to, u.source " +
      "FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.key IS NOT NULL",
  );
  return new Map(
    result.rows.map((row) => [
      text(row, "key"),
      {
        code: text(row, "code"),
        name: text(row, "name"),
        kind: text(row, "kind"),
        level: text(row, "level"),
        parentKey: textOrNull(row, "parent_key"),
        validFrom: textOrNull(row, "valid_from"),
        validTo: textOrNull(row, "valid_to"),
        source: text(row, "source"),
      },
    ]),
  );
}

async function storedLinks(sql: Sql): Promise<Map<string, StoredLink>> {
  const result = await sql.execute(
    "SELECT p.key AS predecessor_key, s.key AS successor_key, l.effective_date, l.kind, l.legal_basis, l.source " +
      "FROM unit_lineage l JOIN units p ON p.id = l.predecessor_id JOIN units s ON s.id = l.successor_id " +
      "WHERE p.key IS NOT NULL AND s.key IS NOT NULL",
  );
  return new Map(
    result.rows.map((row) => [
      linkId({
        predecessorKey: text(row, "predecessor_key"),
        successorKey: text(row, "successor_key"),
        effectiveDate: text(row, "effective_date"),
      }),
      { kind: text(row, "kind"), legalBasis: textOrNull(row, "legal_basis"), source: text(row, "source") },
    ]),
  );
}

function unitStatement(key: string, u: StoredUnit, exists: boolean): InStatement {
  const values = [u.code, u.name, u.kind, u.level, u.parentKey, u.validFrom, u.validTo, u.source];
  return exists
    ? {
        sql:
          "UPDATE units SET code = ?, name = ?, kind = ?, level = ?, parent_id = (SELECT id FROM units WHERE key = ?), " +
          "valid_from = ?, valid_to = ?, source = ? WHERE key = ?",
        args: [...values, key],
      }
    : {
        sql:
          "INSERT INTO units (key, code, name, kind, level, parent_id, valid_from, valid_to, source) " +
          "VALUES (?, ?, ?, ?, ?, (SELECT id FROM units WHERE key = ?), ?, ?, ?)",
        args: [key, ...values],
      };
}

function linkStatement(link: LineageRow, source: string, exists: boolean): InStatement {
  return exists
    ? {
        sql:
          "UPDATE unit_lineage SET kind = ?, legal_basis = ?, source = ? " +
          "WHERE predecessor_id = (SELECT id FROM units WHERE key = ?) " +
          "AND successor_id = (SELECT id FROM units WHERE key = ?) AND effective_date = ?",
        args: [
          link.kind,
          link.legalBasis,
          source,
          link.predecessorKey,
          link.successorKey,
          link.effectiveDate,
        ],
      }
    : {
        sql:
          "INSERT INTO unit_lineage (predecessor_id, successor_id, kind, effective_date, legal_basis, source) " +
          "SELECT p.id, s.id, ?, ?, ?, ? FROM units p, units s WHERE p.key = ? AND s.key = ?",
        args: [
          link.kind,
          link.effectiveDate,
          link.legalBasis,
          source,
          link.predecessorKey,
          link.successorKey,
        ],
      };
}

export function registerRepo(sql: Sql): RegisterRepo {
  return {
    async load(register, ctx) {
      const units = await storedUnits(sql);
      const links = await storedLinks(sql);
      const statements: InStatement[] = [];
      const report: RegisterLoadReport = {
        units: { inserted: 0, updated: 0, unchanged: 0 },
        lineage: { inserted: 0, updated: 0, unchanged: 0 },
        skipped: register.skipped.length,
      };

      for (const row of register.units) {
        const stored = units.get(row.key);
        const next = wanted(row, stored);
        if (stored !== undefined && sameUnit(stored, next)) {
          report.units.unchanged += 1;
          continue;
        }
        report.units[stored === undefined ? "inserted" : "updated"] += 1;
        statements.push(unitStatement(row.key, next, stored !== undefined));
      }

      for (const link of register.lineage) {
        const stored = links.get(linkId(link));
        if (
          stored !== undefined &&
          stored.kind === link.kind &&
          stored.legalBasis === link.legalBasis &&
          stored.source === (link.source ?? register.source)
        ) {
          report.lineage.unchanged += 1;
          continue;
        }
        report.lineage[stored === undefined ? "inserted" : "updated"] += 1;
        statements.push(linkStatement(link, link.source ?? register.source, stored !== undefined));
      }

      if (statements.length > 0) {
        statements.push(
          auditStatement(
            {
              action: "register.load",
              entity: "units",
              entityId: null,
              details: { source: register.source, ...report },
            },
            ctx,
          ),
        );
        await sql.batch(statements);
        await fillNameKeys(sql);
      }
      return report;
    },
  };
}
