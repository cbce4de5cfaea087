/**
 * The units' name keys (migrations/0012): filled by the code, since the key folds Vietnamese as the
 * resolver does, and read to find the units a message names without the whole register.
 */
import type { ResolvableUnit } from "../domain/unit.ts";
import { nameKey } from "../resolve/unit-index.ts";
import { num, text } from "./rows.ts";
import type { Sql } from "./sql.ts";

const FILL_BATCH = 500;
/**
 * Changes whenever `nameKey` does (a new type word, another folding): every stored key then reads as
 * stale and is computed again, instead of units being chosen by keys an older function made.
 */
export const NAME_KEY_VERSION = "v1";
/** What `name_key_of` holds for a fresh key: the version and the name it was computed from. */
const KEY_OF = `'${NAME_KEY_VERSION}:' || name`;
export const keyOf = (name: string) => `${NAME_KEY_VERSION}:${name}`;

/** Computes the key of every unit whose key is missing or was computed from another name. */
export async function fillNameKeys(sql: Sql): Promise<number> {
  let filled = 0;
  for (;;) {
    const stale = await sql.execute({
      sql: `SELECT id, name FROM units WHERE name_key_of IS NOT ${KEY_OF} LIMIT ?`,
      args: [FILL_BATCH],
    });
    if (stale.rows.length === 0) return filled;
    await sql.batch(
      stale.rows.map((row) => ({
        sql: `UPDATE units SET name_key = ?, name_key_of = ${KEY_OF} WHERE id = ?`,
        args: [nameKey(text(row, "name")), num(row, "id")],
      })),
    );
    filled += stale.rows.length;
  }
}

/** Which units to read: those named by these keys or codes, and these ids. */
export interface NamedUnitsQuery {
  keys: readonly string[];
  codes: readonly string[];
  ids: readonly number[];
}

/** The units around a message's names, as the resolver reads them, and what it needs to agree with a whole register. */
export interface NamedUnits {
  units: ResolvableUnit[];
  /** The latest day any unit of the whole register starts (its "today"). */
  today: string | null;
  /** Some key is missing or out of date: only the whole register answers correctly. */
  stale: boolean;
  /** Units read with some of their successors left out (beyond the provinces read): not to be answered from. */
  incomplete: number[];
}

/** Every unit of the provinces (old and new) these units belong to, found by walking up to the top. */
const PROVINCE_MEMBERS = (from: string, to: string) =>
  `${to}_up(id, parent_id) AS (SELECT u.id, u.parent_id FROM units u WHERE u.id IN (SELECT id FROM ${from}) ` +
  `UNION SELECT p.id, p.parent_id FROM units p JOIN ${to}_up ON p.id = ${to}_up.parent_id), ` +
  `${to}_top(id) AS MATERIALIZED (SELECT id FROM ${to}_up WHERE parent_id IS NULL), ` +
  `${to}(id) AS MATERIALIZED (SELECT id FROM units WHERE id IN (SELECT id FROM ${to}_top) OR parent_id IN (SELECT id FROM ${to}_top) ` +
  `UNION SELECT c.id FROM units c JOIN units d ON d.id = c.parent_id WHERE d.parent_id IN (SELECT id FROM ${to}_top))`;

/**
 * One statement: the units a message can name (by key, code or id), with every unit of their provinces
 * and of the provinces their predecessors and successors are in, so that each unit's ancestors,
 * successors, scope and peers are all there; the lineage among them; the register's "today"; and
 * whether any key is stale.
 */
export const NAMED_UNITS_SQL =
  "WITH RECURSIVE " +
  "seed(id) AS MATERIALIZED (SELECT id FROM units WHERE name_key IN (SELECT value FROM json_each(?1)) " +
  "UNION SELECT id FROM units WHERE code IN (SELECT value FROM json_each(?2)) " +
  "UNION SELECT value FROM json_each(?3)), " +
  "near(id) AS MATERIALIZED (SELECT id FROM seed " +
  "UNION SELECT successor_id FROM unit_lineage WHERE predecessor_id IN (SELECT id FROM seed) " +
  "UNION SELECT predecessor_id FROM unit_lineage WHERE successor_id IN (SELECT id FROM seed)), " +
  `${PROVINCE_MEMBERS("near", "first")}, ` +
  "hop(id) AS MATERIALIZED (SELECT id FROM first UNION SELECT successor_id FROM unit_lineage WHERE predecessor_id IN (SELECT id FROM first)), " +
  `${PROVINCE_MEMBERS("hop", "members")} ` +
  "SELECT (SELECT json_group_array(json_array(id, code, name, kind, level, parent_id, valid_from, valid_to, source)) " +
  "FROM units WHERE id IN (SELECT id FROM members)) AS units, " +
  "(SELECT json_group_array(json_array(l.predecessor_id, l.successor_id, l.kind)) FROM members p " +
  "JOIN unit_lineage l ON l.predecessor_id = p.id JOIN units s ON s.id = l.successor_id " +
  "WHERE s.id IN (SELECT id FROM members)) AS links, " +
  "(SELECT max(valid_from) FROM units) AS today, " +
  "(SELECT json_group_array(m.id) FROM members m WHERE EXISTS (SELECT 1 FROM unit_lineage l " +
  "WHERE l.predecessor_id = m.id AND l.successor_id NOT IN (SELECT id FROM members))) AS incomplete, " +
  `EXISTS (SELECT 1 FROM units WHERE name_key_of IS NOT ${KEY_OF}) AS stale`;
