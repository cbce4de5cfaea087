/**
 * Publishing: freezing a scope's ranked results for a year, and withdrawing them before they were
 * announced. The CLI verbs `publish`/`unpublish`, the demo seed and the admin API all call these,
 * inside a store transaction.
 */
export { PublishingError, type PublishingErrorCode } from "./errors.ts";
export { type PublishedUnitLine, type PublishReport, type PublishRequest, publishScope } from "./publish.ts";
export { resolveScope } from "./scope.ts";
export { type UnpublishReport, unpublishScope } from "./unpublish.ts";
