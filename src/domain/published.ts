/**
 * The per-unit detail frozen into `published_results.detail` at publication. Replies and pages read
 * only this snapshot, so a later methodology change never rewrites what was published.
 */
import type { UnitResult } from "../core/index.ts";

export interface PublishedDetail {
  schema: 1;
  /** The core's full result for the unit at publication (fields, head rating with caps and flags, lowest criteria). */
  result: UnitResult;
  /** Published side facts the index does not score, e.g. "Chỉ số hài lòng của người dân: 99,3%". */
  annotations: string[];
}
