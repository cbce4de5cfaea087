/**
 * The CLI verbs. To add one, write `verbs/<name>.ts` exporting a `Verb` and add it here: one import,
 * one entry. The order is the order of the help listing.
 */
import type { Verb } from "../verb.ts";
import { backupVerb, pruneVerb, restoreVerb } from "./backup.ts";
import { chatsVerb } from "./chats.ts";
import { importVerb } from "./import.ts";
import { inviteVerb } from "./invite.ts";
import { jobVerb } from "./job.ts";
import { methodologyVerb } from "./methodology.ts";
import { migrateVerb } from "./migrate.ts";
import { noticesVerb } from "./notices.ts";
import { publishVerb, unpublishVerb } from "./publish.ts";
import { scoreVerb } from "./score.ts";
import { seedVerb } from "./seed.ts";
import { telegramVerb } from "./telegram.ts";
import { tokenVerb } from "./token.ts";
import { unitsVerb } from "./units-load.ts";
import { zaloVerb } from "./zalo.ts";

export const verbs: readonly Verb[] = [
  methodologyVerb,
  scoreVerb,
  migrateVerb,
  unitsVerb,
  importVerb,
  publishVerb,
  unpublishVerb,
  seedVerb,
  backupVerb,
  restoreVerb,
  pruneVerb,
  inviteVerb,
  tokenVerb,
  jobVerb,
  noticesVerb,
  chatsVerb,
  telegramVerb,
  zaloVerb,
];
