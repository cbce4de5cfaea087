/**
 * `work-schedule`, Mondays 07:00: every chat linked within a scope that has a work schedule for the
 * week gets it, from the nearest such scope (its own unit's, else its district's or province's), as
 * /lich shows it: "Lịch làm việc tuần 12 (18/03–24/03/2024)" with the items by day. Optional
 * (`/caidat tắt lich`). A schedule changed after its notice went out is followed by one "cập nhật"
 * notice (see ./schedule-update.ts).
 */
import { scheduleReply, weekTitle } from "../../commands/lich.ts";
import type { Reply } from "../../commands/reply.ts";
import type { IsoWeek, StoreRepos } from "../store/index.ts";
import { weeklyKey, weekOfInstant } from "./period.ts";
import { deliveryFor, unitsWithCode } from "./recipients.ts";
import { type Job, type JobDeps, JobError, type PlannedDelivery } from "./types.ts";

export const SCHEDULE_OPT_OUT = "weekly-schedule";

export function scheduleKey(week: IsoWeek): string {
  return weeklyKey("work-schedule", week);
}

/** The week's schedule of one scope as the notice sends it; null when it has no items. */
export async function scheduleNoticeBody(
  repos: Pick<StoreRepos, "schedules" | "units">,
  deps: Pick<JobDeps, "resolver">,
  scopeUnitId: number,
  week: IsoWeek,
): Promise<Reply | null> {
  const items = await repos.schedules.week(scopeUnitId, week);
  if (items.length === 0) return null;
  const path =
    (await deps.resolver()).byId(scopeUnitId)?.path ??
    (await repos.units.path(scopeUnitId)).map((u) => u.name).join(", ");
  return scheduleReply(week, path, items).build();
}

export const workScheduleJob: Job = {
  name: "work-schedule",
  title: "Lịch làm việc của tuần (thông báo tùy chọn)",
  schedule: "0 7 * * 1",
  needsScope: false,
  needsYear: false,

  async plan(deps, request) {
    const { store } = deps;
    const week = weekOfInstant(request.at);
    let scopes = await store.scheduleWeeks.scopesWith(week);
    if (request.scopeCode !== null) {
      const named = await unitsWithCode(store, request.scopeCode, request.at);
      const ids = new Set(named.map((u) => u.id));
      scopes = scopes.filter((id) => ids.has(id));
      if (scopes.length === 0) {
        throw new JobError(
          "NO_SCHEDULE",
          `${named[0]?.name} chưa có lịch làm việc ${weekTitle(week).replace(/^Tuần/u, "tuần")}.`,
        );
      }
    }
    const recipients = await store.outbox.recipientsWithin(scopes);
    const resolver = await deps.resolver();
    const bodies = new Map<number, Reply | null>();
    const deliveries: PlannedDelivery[] = [];
    for (const recipient of recipients) {
      if (!bodies.has(recipient.scopeUnitId)) {
        bodies.set(recipient.scopeUnitId, await scheduleNoticeBody(store, deps, recipient.scopeUnitId, week));
      }
      const body = bodies.get(recipient.scopeUnitId);
      if (!body) continue;
      deliveries.push({
        recipient,
        delivery: deliveryFor(recipient, body, {
          at: request.at,
          optOutKey: SCHEDULE_OPT_OUT,
          office: deps.office,
          subjectUnitId: recipient.scopeUnitId,
        }),
        what: `lịch tuần của ${resolver.byId(recipient.scopeUnitId)?.unit.name ?? `#${recipient.scopeUnitId}`}`,
      });
    }
    return {
      notice: {
        key: scheduleKey(week),
        job: "work-schedule",
        title: `Lịch làm việc ${weekTitle(week).replace(/^Tuần/u, "tuần")}`,
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: request.at,
        trigger: request.trigger,
      },
      deliveries,
    };
  },
};
