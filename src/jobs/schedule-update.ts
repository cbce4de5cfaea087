/**
 * A work schedule imported or changed for the current week after its Monday notice was queued: the
 * chats still waiting for that notice (held for their quiet hours) get the new schedule in it, and
 * those that already have it get one "cập nhật" notice with what was added and what was dropped. Run
 * inside the import's transaction, so the change and its notice are written together.
 */
import { scheduleItemLines, weekTitle } from "../../commands/lich.ts";
import { bold, reply } from "../../commands/reply.ts";
import { sha256Hex } from "../store/hash.ts";
import type { IsoWeek, ScheduleItem, StoreRepos, WriteContext } from "../store/index.ts";
import { weekOfInstant } from "./period.ts";
import { deliveryFor } from "./recipients.ts";
import type { JobDeps } from "./types.ts";
import { SCHEDULE_OPT_OUT, scheduleKey, scheduleNoticeBody } from "./work-schedule.ts";

export interface ScheduleChange {
  scopeUnitId: number;
  week: IsoWeek;
  before: readonly ScheduleItem[];
  after: readonly ScheduleItem[];
}

export interface ScheduleUpdateResult {
  /** Deliveries not yet sent whose body now holds the new schedule. */
  rewritten: number;
  /** The update notice queued, if any. */
  updateKey: string | null;
  added: number;
}

const itemKey = (i: ScheduleItem) =>
  JSON.stringify([i.date, i.startTime, i.endTime, i.title, i.location, i.participants]);

export async function scheduleChanged(
  repos: StoreRepos,
  deps: Pick<JobDeps, "resolver" | "office">,
  change: ScheduleChange,
  ctx: WriteContext,
): Promise<ScheduleUpdateResult> {
  const none = { rewritten: 0, updateKey: null, added: 0 };
  const current = weekOfInstant(ctx.now);
  if (current.isoYear !== change.week.isoYear || current.isoWeek !== change.week.isoWeek) return none;
  const parentKey = scheduleKey(change.week);
  if ((await repos.outbox.notice(parentKey)) === null) return none; // Monday's notice will carry it

  const body = await scheduleNoticeBody(repos, deps, change.scopeUnitId, change.week);
  const rewritten =
    body === null ? 0 : await repos.outbox.rewriteUnsent(parentKey, change.scopeUnitId, body, ctx.now);

  const before = new Set(change.before.map(itemKey));
  const after = new Set(change.after.map(itemKey));
  const added = change.after.filter((i) => !before.has(itemKey(i)));
  const dropped = change.before.filter((i) => !after.has(itemKey(i)));
  if (added.length === 0 && dropped.length === 0) return { ...none, rewritten };

  const sentTo = new Set(
    (await repos.outbox.deliveries(parentKey))
      .filter((row) => row.subjectUnitId === change.scopeUnitId && row.state === "sent")
      .map((row) => row.chatRef),
  );
  if (sentTo.size === 0) return { ...none, rewritten };
  const recipients = (await repos.outbox.recipientsWithin([change.scopeUnitId])).filter((r) =>
    sentTo.has(r.chatRef),
  );

  const path = (await deps.resolver()).byId(change.scopeUnitId)?.path ?? `#${change.scopeUnitId}`;
  const title = `Cập nhật lịch làm việc ${weekTitle(change.week).replace(/^Tuần/u, "tuần")}`;
  const built = reply().line(bold(title)).line(path);
  if (added.length > 0) {
    built.line(bold("Thêm:"));
    for (const item of added) for (const line of lines(item)) built.line(line);
  }
  if (dropped.length > 0) {
    built.line(bold("Bỏ:"));
    for (const item of dropped) for (const line of lines(item)) built.line(line);
  }
  built.line("Xem cả tuần: /lich");
  const update = built.build();
  const digest = (await sha256Hex(change.after.map(itemKey).join("\n"))).slice(0, 12);
  const key = `${parentKey}:update:${change.scopeUnitId}:${digest}`;
  const result = await repos.outbox.enqueue(
    {
      key,
      job: "work-schedule:update",
      title,
      scopeUnitId: change.scopeUnitId,
      parentKey,
      summarize: false,
      runAt: ctx.now,
      trigger: "import",
    },
    recipients.map((recipient) =>
      deliveryFor(recipient, update, {
        at: ctx.now,
        optOutKey: SCHEDULE_OPT_OUT,
        office: deps.office,
        subjectUnitId: change.scopeUnitId,
      }),
    ),
    ctx,
  );
  return { rewritten, updateKey: key, added: result.added };
}

function lines(item: ScheduleItem): string[] {
  const [what, where] = scheduleItemLines(item);
  const day = `${item.date.slice(8, 10)}/${item.date.slice(5, 7)}`;
  return [`• ${day} ${what}`, ...(where === undefined ? [] : [`  ${where}`])];
}
