/**
 * The CLI verbs. To add one, write `verbs/<name>.ts` exporting a `Verb` and add it here: one import,
 * one entry. The order is the order of the help listing.
 */
import type { Verb } from "../verb.ts";
import { methodologyVerb } from "./methodology.ts";
import { migrateVerb } from "./migrate.ts";
import { scoreVerb } from "./score.ts";
import { unitsVerb } from "./units-load.ts";

export const verbs: readonly Verb[] = [methodologyVerb, scoreVerb, migrateVerb, unitsVerb];
