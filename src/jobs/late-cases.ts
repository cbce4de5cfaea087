/**
 * `late-cases`, Fridays 15:00: each unit whose TTHC figures for the week show cases resolved late or
 * pending past their deadline gets its counts, its on-time rate against the 95% target, its apology
 * letters against 100%, and the change since the period before; a figure nobody published is said to
 * be unknown. Units with nothing late get nothing. A chat linked to a district or province (its
 * officers) gets one digest: its units with late cases, and a one-line list of those with no figures
 * for the week. Optional (`/caidat tắt tthc`).
 *
 * "The week's figures" are a unit's latest period whose figures are dated (as of, else the period's
 * end) within the seven days up to the run; older ones are no figures for the week.
 */

import { weekTitle } from "../../commands/lich.ts";
import { bold, italic, type Reply, type ReplyBuilder, reply } from "../../commands/reply.ts";
import { SAMPLE_NOTE, sourceLine } from "../../commands/support/format.ts";
import { compareTthc, describeTthc } from "../../commands/tthc.ts";
import { showsLateCases } from "../domain/tthc.ts";
import { formatDayOrInstant, formatInteger, formatIsoDate, vnDayOf, vnIsoDate } from "../format/vi.ts";
import type { Recipient, TthcStats } from "../store/index.ts";
import { weeklyKey, weekOfInstant } from "./period.ts";
import { deliveryFor, unitsWithCode } from "./recipients.ts";
import type { Job, PlannedDelivery } from "./types.ts";

export const TTHC_OPT_OUT = "tthc-reminders";
const FRESH_DAYS = 7;
/** Units named in an officer's one-line lists before "và N đơn vị khác". */
const NAMED_IN_LIST = 12;
const DAY_MS = 86_400_000;

interface UnitWeek {
  /** The period the week's figures are of, or null: no figures for the week. */
  current: TthcStats | null;
  previous: TthcStats | null;
}

function datedOn(stats: TthcStats): string {
  return (stats.asOf === null ? null : vnDayOf(stats.asOf)) ?? stats.periodEnd;
}

function lateWords(stats: TthcStats): string {
  const parts: string[] = [];
  if (stats.resolvedLate > 0) parts.push(`${formatInteger(stats.resolvedLate)} giải quyết trễ hạn`);
  if ((stats.pendingOverdue ?? 0) > 0) parts.push(`${formatInteger(stats.pendingOverdue ?? 0)} đang quá hạn`);
  return parts.join(", ");
}

function namesLine(label: string, names: readonly string[]): string {
  const shown = names.slice(0, NAMED_IN_LIST).join(", ");
  const more = names.length > NAMED_IN_LIST ? ` và ${names.length - NAMED_IN_LIST} đơn vị khác` : "";
  return `${label} (${names.length}): ${shown}${more}.`;
}

export const lateCasesJob: Job = {
  name: "late-cases",
  title: "Nhắc hồ sơ TTHC trễ hạn, quá hạn (thông báo tùy chọn)",
  schedule: "0 15 * * 5",
  needsScope: false,
  needsYear: false,

  async plan(deps, request) {
    const { store } = deps;
    const today = vnIsoDate(request.at);
    const freshFrom = vnIsoDate(new Date(request.at.getTime() - FRESH_DAYS * DAY_MS));
    const week = weekOfInstant(request.at);
    const resolver = await deps.resolver();
    const nameOf = (id: number) => resolver.byId(id)?.unit.name ?? `#${id}`;

    let recipients: Recipient[];
    if (request.scopeCode === null) {
      recipients = await store.outbox.recipients(null);
    } else {
      const named = await unitsWithCode(store, request.scopeCode, request.at);
      recipients = await store.outbox.recipientsWithin(named.map((u) => u.id));
    }

    const weeks = new Map<number, UnitWeek>();
    const weekOf = async (unitId: number): Promise<UnitWeek> => {
      let found = weeks.get(unitId);
      if (found === undefined) {
        const periods = (await store.tthc.forUnit(unitId, 8)).filter((s) => s.periodEnd <= today);
        const latest = periods[0] ?? null;
        const fresh = latest !== null && datedOn(latest) >= freshFrom && datedOn(latest) <= today;
        found = { current: fresh ? latest : null, previous: fresh ? (periods[1] ?? null) : null };
        weeks.set(unitId, found);
      }
      return found;
    };

    const bodies = new Map<number, Reply | null>();
    const bodyFor = async (unitId: number): Promise<Reply | null> => {
      if (bodies.has(unitId)) return bodies.get(unitId) ?? null;
      const built = reply().line(
        bold(`⏰ Nhắc hồ sơ TTHC trễ hạn — ${weekTitle(week).replace(/^Tuần/u, "tuần")}`),
      );
      const own = await weekOf(unitId);
      let any = false;
      if (own.current !== null && showsLateCases(own.current)) {
        ownSection(built, resolver.byId(unitId)?.path ?? nameOf(unitId), own.current, own.previous);
        any = true;
      }
      const children = (await store.units.children(unitId, { from: today, to: today })).filter(
        (u) => u.level !== "province",
      );
      if (children.length > 0) {
        const late: string[] = [];
        const noData: string[] = [];
        for (const child of children) {
          const figures = await weekOf(child.id);
          if (figures.current === null) noData.push(child.name);
          else if (showsLateCases(figures.current))
            late.push(`${child.name} (${lateWords(figures.current)})`);
        }
        if (late.length > 0 || noData.length > 0) {
          if (any) built.blank();
          built.line(bold(`Các đơn vị thuộc ${nameOf(unitId)}:`));
          if (late.length > 0) built.line(namesLine("Có hồ sơ trễ hạn", late));
          if (noData.length > 0) built.line(namesLine("Chưa có số liệu tuần này", noData));
          any = true;
        }
      }
      const body = any ? built.build() : null;
      bodies.set(unitId, body);
      return body;
    };

    const deliveries: PlannedDelivery[] = [];
    for (const recipient of recipients) {
      const body = await bodyFor(recipient.unitId);
      if (body === null) continue;
      deliveries.push({
        recipient,
        delivery: deliveryFor(recipient, body, {
          at: request.at,
          optOutKey: TTHC_OPT_OUT,
          office: deps.office,
          subjectUnitId: recipient.unitId,
        }),
        what: `hồ sơ trễ hạn của ${nameOf(recipient.unitId)}`,
      });
    }
    return {
      notice: {
        key: weeklyKey("late-cases", week),
        job: "late-cases",
        title: `Nhắc hồ sơ TTHC trễ hạn ${weekTitle(week).replace(/^Tuần/u, "tuần")}`,
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

function ownSection(built: ReplyBuilder, path: string, stats: TthcStats, previous: TthcStats | null): void {
  built.line(bold(path));
  const shown = stats.asOf === null ? null : formatDayOrInstant(stats.asOf);
  const asOf = shown === null ? "" : ` (số liệu đến ${shown})`;
  built.line(`Kỳ: ${formatIsoDate(stats.periodStart)}–${formatIsoDate(stats.periodEnd)}${asOf}`);
  describeTthc(built, stats);
  if (previous !== null) compareTthc(built, stats, previous);
  built.line(italic(sourceLine(stats.source)));
  if (stats.sample || previous?.sample) built.line(italic(SAMPLE_NOTE));
}
