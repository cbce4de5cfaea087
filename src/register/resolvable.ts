import type { ResolvableUnit } from "../domain/unit.ts";
import type { NationalRegister } from "./types.ts";

/**
 * The register as the name resolver sees it, without a database: ids are 1-based positions in
 * `register.units`, ancestors are nearest first and successors come from the lineage rows.
 */
export function toResolvableUnits(register: Pick<NationalRegister, "units" | "lineage">): ResolvableUnit[] {
  const idByKey = new Map(register.units.map((row, index) => [row.key, index + 1]));
  const rowByKey = new Map(register.units.map((row) => [row.key, row]));

  const successorsByKey = new Map<string, ResolvableUnit["successors"]>();
  for (const link of register.lineage) {
    const successor = rowByKey.get(link.successorKey);
    const successorId = idByKey.get(link.successorKey);
    if (successor === undefined || successorId === undefined) continue;
    const list = successorsByKey.get(link.predecessorKey) ?? [];
    list.push({ id: successorId, name: successor.name, code: successor.code, kind: link.kind });
    successorsByKey.set(link.predecessorKey, list);
  }

  return register.units.map((row, index): ResolvableUnit => {
    const ancestors: ResolvableUnit["ancestors"] = [];
    const seen = new Set([row.key]);
    let parentKey = row.parentKey;
    while (parentKey !== null && !seen.has(parentKey)) {
      const parent = rowByKey.get(parentKey);
      const parentId = idByKey.get(parentKey);
      if (parent === undefined || parentId === undefined) break;
      ancestors.push({ id: parentId, name: parent.name, kind: parent.kind, code: parent.code });
      seen.add(parentKey);
      parentKey = parent.parentKey;
    }
    return {
      id: index + 1,
      code: row.code,
      name: row.name,
      kind: row.kind,
      level: row.level,
      parentId: row.parentKey === null ? null : (idByKey.get(row.parentKey) ?? null),
      validFrom: row.validFrom,
      validTo: row.validTo,
      source: row.source,
      ancestors,
      successors: successorsByKey.get(row.key) ?? [],
    };
  });
}
