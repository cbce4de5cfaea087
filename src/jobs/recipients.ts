/**
 * One chat's delivery of a notice, decided as of the job's instant: a chat that blocked the bot is
 * recorded blocked, one that turned the notice off is skipped, and one in its quiet hours (or, for an
 * optional notice, outside office hours) is held until its window opens.
 */
import type { Reply } from "../../commands/reply.ts";
import type { UnitRecord } from "../domain/unit.ts";
import { vnIsoDate } from "../format/vi.ts";
import { firstAllowed, type OfficeHours } from "../push/delivery-window.ts";
import type { DeliveryInput, Recipient, Store } from "../store/index.ts";
import { JobError } from "./types.ts";

/** The units a `--scope` code names on the day of the run (codes were reused in 2025). */
export async function unitsWithCode(
  store: Pick<Store, "units">,
  code: string,
  at: Date,
): Promise<UnitRecord[]> {
  const today = vnIsoDate(at);
  const named = await store.units.findByCode(code, { from: today, to: today });
  if (named.length === 0)
    throw new JobError("SCOPE_NOT_FOUND", `Không có đơn vị mã ${code} vào ngày ${today}.`);
  return named;
}

export interface DeliveryRules {
  at: Date;
  /** The /caidat key that turns this notice off; null for a notice that is not optional. */
  optOutKey: string | null;
  office: OfficeHours;
  subjectUnitId: number | null;
}

export function deliveryFor(recipient: Recipient, body: Reply, rules: DeliveryRules): DeliveryInput {
  const base = {
    chatRef: recipient.chatRef,
    platform: recipient.platform,
    subjectUnitId: rules.subjectUnitId,
    optOutKey: rules.optOutKey,
    body,
  };
  if (recipient.blocked) return { ...base, state: "blocked", notBefore: rules.at };
  if (rules.optOutKey !== null && recipient.optOuts.includes(rules.optOutKey)) {
    return { ...base, state: "skipped", notBefore: rules.at };
  }
  const allowed = firstAllowed(rules.at, {
    quietHours: recipient.quietHours,
    office: rules.optOutKey === null ? null : rules.office,
  });
  return { ...base, state: allowed > rules.at ? "held" : "pending", notBefore: allowed };
}
