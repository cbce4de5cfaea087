/**
 * Reading the publication snapshot. Commands read only `published_results` (its frozen card, or its
 * detail), never drafts, so nothing of an unpublished year can reach a chat.
 */
import type { AppliedCap, NodeFigures, RaisedFlag } from "../../src/core/index.ts";
import type { PublishedCard, PublishedDetail } from "../../src/domain/published.ts";
import type { PublishedCardResult, PublishedResult } from "../../src/store/index.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The snapshot's detail when it has the shape this code knows (schema 1); null for totals only. */
export function detailOf(published: PublishedResult): PublishedDetail | null {
  return knownShape(published.detail) as PublishedDetail | null;
}

/** The snapshot's card (its detail down to the fields) when it has the shape this code knows. */
export function cardOf(published: PublishedCardResult): PublishedCard | null {
  return knownShape(published.card) as PublishedCard | null;
}

function knownShape(snapshot: unknown): unknown {
  if (!isObject(snapshot) || snapshot.schema !== 1 || !isObject(snapshot.result)) return null;
  if (!Array.isArray(snapshot.result.fields)) return null;
  return snapshot;
}

/** The fields (top level of the criteria tree) that apply, as frozen. */
export function fieldsOf<F extends NodeFigures>(snapshot: { result: { fields: F[] } } | null): F[] {
  return (snapshot?.result.fields ?? []).filter((field) => !field.notApplicable && field.pct !== null);
}

export interface HeadRatingNotes {
  caps: string[];
  flags: string[];
}

/**
 * Why the head's rating is what it is: the caps that lowered it and the flags raised, from the detail
 * when there is one, else from the snapshot's `reasons` column (strings or `{message}` objects).
 */
export function headRatingNotes(
  published: Pick<PublishedResult, "reasons">,
  snapshot: PublishedDetail | PublishedCard | null,
): HeadRatingNotes {
  const rating = snapshot?.result.headRating;
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
