/**
 * What the service keeps only for a while, and for how long (README "Personal data and retention"):
 * claims of handled updates 30 days (platforms redeliver within hours), settled deliveries 180 days
 * (the officers' "who got what" for the season's results), audit entries 3 years, except those that
 * record an erasure. Runtime-neutral: the Node scheduler runs it daily, the Worker's cron can too.
 */
import type { PruneReport, Store } from "../store/index.ts";

export interface Retention {
  updatesDays: number;
  deliveriesDays: number;
  auditDays: number;
}

export const DEFAULT_RETENTION: Retention = { updatesDays: 30, deliveriesDays: 180, auditDays: 1095 };

const DAY_MS = 86_400_000;

export function pruneExpired(
  store: Pick<Store, "maintenance">,
  retention: Retention,
  now: Date,
): Promise<PruneReport> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return store.maintenance.prune(
    {
      updatesBefore: before(retention.updatesDays),
      deliveriesBefore: before(retention.deliveriesDays),
      auditBefore: before(retention.auditDays),
      now,
    },
    { now, actor: "retention" },
  );
}
