/**
 * Reading the publication snapshot. Commands read only `published_results` (its frozen card), never
 * drafts, so nothing of an unpublished year can reach a chat.
 */
import type { NodeFigures } from "../../src/core/index.ts";
import type { PublishedCard } from "../../src/domain/published.ts";
import type { PublishedCardResult } from "../../src/store/index.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The snapshot's card (its detail down to the fields) when it has the shape this code knows (schema 1). */
export function cardOf(published: Pick<PublishedCardResult, "card">): PublishedCard | null {
  const card = published.card;
  if (!isObject(card) || card.schema !== 1 || !isObject(card.result)) return null;
  if (!Array.isArray(card.result.fields)) return null;
  return card as unknown as PublishedCard;
}

/** The fields (top level of the criteria tree) that apply, as frozen. */
export function fieldsOf(card: PublishedCard | null): NodeFigures[] {
  return (card?.result.fields ?? []).filter((field) => !field.notApplicable && field.pct !== null);
}
