import type { Row } from "@libsql/client";
import type { ResolvableUnit, UnitKind, UnitLevel, UnitRecord } from "../domain/unit.ts";
import { nameKey } from "../resolve/unit-index.ts";
import { auditStatement } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { fillNameKeys, keyOf, NAMED_UNITS_SQL, type NamedUnits, type NamedUnitsQuery } from "./name-keys.ts";
import { narrow, num, numOrNull, text, textOrNull } from "./rows.ts";
import type { Sql, WriteContext } from "./sql.ts";

export const UNIT_KINDS: readonly UnitKind[] = [
  "tỉnh",
  "thành phố trung ương",
  "thành phố",
  "huyện",
  "quận",
  "thị xã",
  "xã",
  "phường",
  "thị trấn",
  "đặc khu",
];
export const UNIT_LEVELS: readonly UnitLevel[] = ["province", "district", "commune"];

export interface UnitInput {
  /** A loader's natural key; null for units entered by hand or imported from a file. */
  key: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
  legalBasis: string | null;
  source: string;
  sample: boolean;
}

export interface LineageInput {
  predecessorId: number;
  successorId: number;
  kind: "full" | "partial";
  effectiveDate: string;
  legalBasis: string | null;
  source: string;
}

export interface LineageLink {
  unit: UnitRecord;
  kind: "full" | "partial";
  effectiveDate: string;
  legalBasis: string | null;
}

/** Inclusive ISO date range; one day when `from` equals `to`. */
export interface DateWindow {
  from: string;
  to: string;
}

/** The whole assessed year: codes are looked up "in the year assessed", which straddles a reform. */
export function yearWindow(year: number): DateWindow {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const UNIT_COLUMNS = "u.id, u.code, u.name, u.kind, u.level, u.parent_id, u.valid_from, u.valid_to, u.source";
const OVERLAPS =
  "(u.valid_from IS NULL OR u.valid_from <= :to) AND (u.valid_to IS NULL OR u.valid_to >= :from)";

export function unitFromRow(row: Row): UnitRecord {
  return {
    id: num(row, "id"),
    code: text(row, "code"),
    name: text(row, "name"),
    kind: narrow(row, "kind", UNIT_KINDS),
    level: narrow(row, "level", UNIT_LEVELS),
    parentId: numOrNull(row, "parent_id"),
    validFrom: textOrNull(row, "valid_from"),
    validTo: textOrNull(row, "valid_to"),
    source: text(row, "source"),
  };
}

export interface UnitsRepo {
  get(id: number): Promise<UnitRecord | null>;
  getByKey(key: string): Promise<UnitRecord | null>;
  /** Units with this code valid at some point of the window, oldest first (several across a reform). */
  findByCode(code: string, window: DateWindow, level?: UnitLevel): Promise<UnitRecord[]>;
  /** Children valid at some point of the window (all children without one), by code. */
  children(parentId: number, window?: DateWindow): Promise<UnitRecord[]>;
  /**
   * Every unit under `rootId` valid at some point of the window, at every level (a province's districts
   * and their communes before the reform), each with its parent's code; by code. One query.
   */
  descendants(rootId: number, window: DateWindow): Promise<(UnitRecord & { parentCode: string })[]>;
  /** The unit followed by its ancestors, nearest first: [xã, huyện, tỉnh]. */
  path(id: number): Promise<UnitRecord[]>;
  successors(id: number): Promise<LineageLink[]>;
  predecessors(id: number): Promise<LineageLink[]>;
  /** Every unit with its ancestors and successors, for the name resolver; two set-based queries. */
  listResolvable(): Promise<ResolvableUnit[]>;
  /**
   * The units a message can name (by name key, code or id) and every unit of their provinces, old and
   * new, in one statement: what a new Worker isolate resolves with instead of the national register.
   */
  named(query: NamedUnitsQuery): Promise<NamedUnits>;
  /** Computes the name key of every unit whose key is missing or out of date (migrations/0012). */
  fillNameKeys(): Promise<number>;
  count(): Promise<number>;
  insert(input: UnitInput, ctx: WriteContext): Promise<number>;
  addLineage(input: LineageInput, ctx: WriteContext): Promise<void>;
}

type Tuple = readonly unknown[];

function tupleError(what: string, tuple: Tuple): StoreError {
  return new StoreError("ROW_SHAPE", `Dữ liệu ${what} đọc từ cơ sở dữ liệu không đúng dạng.`, {
    tuple: JSON.stringify(tuple).slice(0, 200),
  });
}

function isKind<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value);
}

const isText = (v: unknown): v is string => typeof v === "string";
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";
const isIntOrNull = (v: unknown): v is number | null => v === null || Number.isInteger(v);

function unitFromTuple(t: Tuple): UnitRecord {
  const [id, code, name, kind, level, parentId, validFrom, validTo, source] = t;
  if (
    !Number.isInteger(id) ||
    !isText(code) ||
    !isText(name) ||
    !isKind(kind, UNIT_KINDS) ||
    !isKind(level, UNIT_LEVELS) ||
    !isIntOrNull(parentId) ||
    !isTextOrNull(validFrom) ||
    !isTextOrNull(validTo) ||
    !isText(source)
  ) {
    throw tupleError("đơn vị", t);
  }
  return { id: id as number, code, name, kind, level, parentId, validFrom, validTo, source };
}

/**
 * Builds the resolver's view from two aggregate rows. Each query returns one JSON array rather than
 * ~14,000 rows: materialising libSQL row objects cost ~100 ms, parsing one JSON text ~15 ms.
 */
function assembleResolvable(unitTuples: Tuple[], linkTuples: Tuple[]): ResolvableUnit[] {
  const units = unitTuples.map(unitFromTuple).sort((a, b) => a.id - b.id);
  const byId = new Map(units.map((u) => [u.id, u]));
  const successors = new Map<number, ResolvableUnit["successors"]>();
  for (const t of linkTuples) {
    const [predecessorId, successorId, kind] = t;
    const successor = typeof successorId === "number" ? byId.get(successorId) : undefined;
    if (
      typeof predecessorId !== "number" ||
      successor === undefined ||
      !isKind(kind, ["full", "partial"] as const)
    ) {
      throw tupleError("phả hệ", t);
    }
    const list = successors.get(predecessorId) ?? [];
    list.push({ id: successor.id, name: successor.name, code: successor.code, kind });
    successors.set(predecessorId, list);
  }
  for (const list of successors.values()) list.sort((a, b) => a.code.localeCompare(b.code) || a.id - b.id);

  return units.map((unit) => {
    const ancestors: ResolvableUnit["ancestors"] = [];
    const seen = new Set([unit.id]);
    let parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
    while (parent !== undefined && !seen.has(parent.id)) {
      ancestors.push({ id: parent.id, name: parent.name, kind: parent.kind, code: parent.code });
      seen.add(parent.id);
      parent = parent.parentId === null ? undefined : byId.get(parent.parentId);
    }
    return { ...unit, ancestors, successors: successors.get(unit.id) ?? [] };
  });
}

async function jsonArray(sql: Sql, query: string): Promise<Tuple[]> {
  const result = await sql.execute(query);
  const parsed: unknown = JSON.parse(text(result.rows[0] as Row, "list"));
  if (!Array.isArray(parsed) || !parsed.every(Array.isArray)) throw tupleError("danh sách", []);
  return parsed as Tuple[];
}

async function links(sql: Sql, id: number, direction: "successors" | "predecessors"): Promise<LineageLink[]> {
  const [self, other] =
    direction === "successors" ? ["predecessor_id", "successor_id"] : ["successor_id", "predecessor_id"];
  const result = await sql.execute({
    sql:
      `SELECT ${UNIT_COLUMNS}, l.kind AS link_kind, l.effective_date, l.legal_basis ` +
      `FROM unit_lineage l JOIN units u ON u.id = l.${other} WHERE l.${self} = ? ORDER BY l.effective_date, u.code`,
    args: [id],
  });
  return result.rows.map((row) => ({
    unit: unitFromRow(row),
    kind: narrow(row, "link_kind", ["full", "partial"] as const),
    effectiveDate: text(row, "effective_date"),
    legalBasis: textOrNull(row, "legal_basis"),
  }));
}

export function unitsRepo(sql: Sql): UnitsRepo {
  const one = async (where: string, arg: string | number) => {
    const result = await sql.execute({
      sql: `SELECT ${UNIT_COLUMNS} FROM units u WHERE ${where}`,
      args: [arg],
    });
    const row = result.rows[0];
    return row === undefined ? null : unitFromRow(row);
  };

  return {
    get: (id) => one("u.id = ?", id),
    getByKey: (key) => one("u.key = ?", key),

    async findByCode(code, window, level) {
      const result = await sql.execute({
        sql:
          `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = :code AND (:level IS NULL OR u.level = :level) ` +
          `AND ${OVERLAPS} ORDER BY COALESCE(u.valid_from, ''), u.level`,
        args: { code, level: level ?? null, from: window.from, to: window.to },
      });
      return result.rows.map(unitFromRow);
    },

    async children(parentId, window) {
      const result = await sql.execute({
        sql:
          `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.parent_id = :parent ` +
          `AND (:from IS NULL OR (${OVERLAPS})) ORDER BY u.code`,
        args: { parent: parentId, from: window?.from ?? null, to: window?.to ?? null },
      });
      return result.rows.map(unitFromRow);
    },

    async descendants(rootId, window) {
      const result = await sql.execute({
        sql:
          "WITH RECURSIVE below (id) AS (SELECT :root UNION SELECT u.id FROM units u JOIN below b " +
          `ON u.parent_id = b.id WHERE ${OVERLAPS}) SELECT ${UNIT_COLUMNS}, p.code AS parent_code ` +
          "FROM below b JOIN units u ON u.id = b.id JOIN units p ON p.id = u.parent_id " +
          "WHERE u.id <> :root ORDER BY u.code, u.id",
        args: { root: rootId, from: window.from, to: window.to },
      });
      return result.rows.map((row) => ({ ...unitFromRow(row), parentCode: text(row, "parent_code") }));
    },

    async path(id) {
      const result = await sql.execute({
        sql:
          "WITH RECURSIVE chain (id, depth) AS (SELECT ?, 0 UNION ALL " +
          "SELECT p.parent_id, c.depth + 1 FROM chain c JOIN units p ON p.id = c.id " +
          "WHERE p.parent_id IS NOT NULL AND c.depth < 8) " +
          `SELECT ${UNIT_COLUMNS} FROM chain c JOIN units u ON u.id = c.id ORDER BY c.depth`,
        args: [id],
      });
      return result.rows.map(unitFromRow);
    },

    successors: (id) => links(sql, id, "successors"),
    predecessors: (id) => links(sql, id, "predecessors"),

    async listResolvable() {
      const units = await jsonArray(
        sql,
        "SELECT json_group_array(json_array(id, code, name, kind, level, parent_id, valid_from, valid_to, source)) " +
          "AS list FROM units",
      );
      const lineage = await jsonArray(
        sql,
        "SELECT json_group_array(json_array(predecessor_id, successor_id, kind)) AS list FROM unit_lineage",
      );
      return assembleResolvable(units, lineage);
    },

    async named(query) {
      const result = await sql.execute({
        sql: NAMED_UNITS_SQL,
        args: [JSON.stringify(query.keys), JSON.stringify(query.codes), JSON.stringify(query.ids)],
      });
      const row = result.rows[0] as Row;
      const units: unknown = JSON.parse(text(row, "units"));
      const links: unknown = JSON.parse(text(row, "links"));
      if (
        !Array.isArray(units) ||
        !units.every(Array.isArray) ||
        !Array.isArray(links) ||
        !links.every(Array.isArray)
      ) {
        throw tupleError("danh sách", []);
      }
      return {
        units: assembleResolvable(units as Tuple[], links as Tuple[]),
        today: textOrNull(row, "today"),
        stale: num(row, "stale") !== 0,
        incomplete: JSON.parse(text(row, "incomplete")) as number[],
      };
    },

    fillNameKeys: () => fillNameKeys(sql),

    async count() {
      const result = await sql.execute("SELECT count(*) AS n FROM units");
      return num(result.rows[0] as Row, "n");
    },

    async insert(input, ctx) {
      const [inserted] = await sql.batch([
        {
          sql:
            "INSERT INTO units (key, code, name, kind, level, parent_id, valid_from, valid_to, legal_basis, " +
            "source, sample, name_key, name_key_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          args: [
            input.key,
            input.code,
            input.name,
            input.kind,
            input.level,
            input.parentId,
            input.validFrom,
            input.validTo,
            input.legalBasis,
            input.source,
            input.sample ? 1 : 0,
            nameKey(input.name),
            keyOf(input.name),
          ],
        },
        {
          sql:
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) " +
            "VALUES (?, ?, 'unit.create', 'unit', CAST(last_insert_rowid() AS TEXT), ?)",
          args: [ctx.now.toISOString(), ctx.actor, JSON.stringify({ code: input.code, name: input.name })],
        },
      ]);
      return Number(inserted?.lastInsertRowid);
    },

    async addLineage(input, ctx) {
      await sql.batch([
        {
          sql:
            "INSERT INTO unit_lineage (predecessor_id, successor_id, kind, effective_date, legal_basis, source) " +
            "VALUES (?, ?, ?, ?, ?, ?)",
          args: [
            input.predecessorId,
            input.successorId,
            input.kind,
            input.effectiveDate,
            input.legalBasis,
            input.source,
          ],
        },
        auditStatement(
          {
            action: "lineage.create",
            entity: "unit",
            entityId: String(input.predecessorId),
            details: { successorId: input.successorId, kind: input.kind, effectiveDate: input.effectiveDate },
          },
          ctx,
        ),
      ]);
    },
  };
}
