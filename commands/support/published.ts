/**
 * Reading the publication snapshot. Commands read only `published_results` (and its frozen `detail`),
 * never drafts, so nothing of an unpublished year can reach a chat.
 */
import type { AppliedCap, NodeResult, RaisedFlag } from "../../src/core/index.ts";
import type { PublishedDetail } from "../../src/domain/published.ts";
import type { PublishedResult } from "../../src/store/index.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The snapshot's detail when it has the shape this code knows (schema 1); null for totals only. */
export function detailOf(published: PublishedResult): PublishedDetail | null {
  const detail = published.detail;
  if (!isObject(detail) || detail.schema !== 1 || !isObject(detail.result)) return null;
  if (!Array.isArray(detail.result.fields)) return null;
  return detail as unknown as PublishedDetail;
}

/** The fields (top level of the criteria tree) that apply, as frozen. */
export function fieldsOf(detail: PublishedDetail | null): NodeResult[] {
  return (detail?.result.fields ?? []).filter((field) => !field.notApplicable && field.pct !== null);
}

export interface HeadRatingNotes {
  caps: string[];
  flags: string[];
}

/**
 * Why the head's rating is what it is: the caps that lowered it and the flags raised, from the detail
 * when there is one, else from the snapshot's `reasons` column (strings or `{message}` objects).
 */
export function headRatingNotes(published: PublishedResult, detail: PublishedDetail | null): HeadRatingNotes {
  const rating = detail?.result.headRating;
  if (rating) {
    return {
      caps: rating.caps.map((cap: AppliedCap) => cap.message),
      flags: rating.flags.map((flag: RaisedFlag) => flag.message),
    };
  }
  const caps: string[] = [];
  const flags: string[] = [];
  // Publishing stores the core's caps (with `capAt`) then its flags; older rows may hold plain text.
  for (const reason of published.reasons) {
    if (typeof reason === "string") caps.push(reason);
    else if (isObject(reason) && typeof reason.message === "string") {
      ("capAt" in reason ? caps : flags).push(reason.message);
    }
  }
  return { caps, flags };
}
