export { createResolver } from "./resolver.ts";
export { foldVietnamese } from "./text.ts";
export type { FormerUnit, InvalidReason, Match, ResolveOptions, ResolveResult, Resolver } from "./types.ts";
