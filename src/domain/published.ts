/**
 * The per-unit detail frozen into `published_results.detail` at publication. Replies and pages read
 * only this snapshot, so a later methodology change never rewrites what was published.
 */
import type { NodeFigures, UnitResult } from "../core/index.ts";

export interface PublishedDetail {
  schema: 1;
  /** The core's full result for the unit at publication (fields, head rating with caps and flags, lowest criteria). */
  result: UnitResult;
  /** Published side facts the index does not score, e.g. "Chỉ số hài lòng của người dân: 99,3%". */
  annotations: string[];
}

/**
 * A snapshot's score card: its detail down to the fields, frozen beside it in `published_results.card`
 * (a quarter of the size). The chat reads only this; pages and reports read the whole detail.
 */
export interface PublishedCard {
  schema: 1;
  result: Omit<UnitResult, "fields" | "lowest"> & { fields: NodeFigures[] };
  annotations: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The card of a detail as published: its `schema` and `annotations`, its `result` without `lowest` and
 * with each field's `children` dropped. Any JSON in, so that a detail of another shape still gets the
 * card migrations/0007 makes of it in SQL for results published before cards: keep the two alike.
 */
export function cardOfDetail(detail: unknown): unknown {
  if (!isRecord(detail)) return null;
  let result: unknown = detail.result ?? null;
  if (isRecord(result)) {
    const { lowest: _lowest, ...rest } = result;
    result = Array.isArray(rest.fields)
      ? {
          ...rest,
          fields: rest.fields.map((field: unknown) => {
            if (!isRecord(field)) return field;
            const { children: _children, ...figures } = field;
            return figures;
          }),
        }
      : rest;
  }
  return { schema: detail.schema ?? null, result, annotations: detail.annotations ?? null };
}
