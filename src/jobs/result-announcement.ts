/**
 * `result-announcement`: once a scope's results for a year are published, every chat linked to one
 * of its units gets that unit's score card as /diem shows it, and the chats linked to the scope
 * itself (its officers) get the ranking, then a delivery summary once every unit's chat is settled
 * (see ./summary.ts). Not optional, so no opt-out; quiet hours are honoured. Queuing it stamps the
 * publication announced, after which it can no longer be withdrawn.
 */
import { diemCommand } from "../../commands/diem.ts";
import { hangCommand } from "../../commands/hang.ts";
import { bold, reply } from "../../commands/reply.ts";
import { formatIsoDate } from "../format/vi.ts";
import { resolveScope } from "../publishing/scope.ts";
import { deliveryFor } from "./recipients.ts";
import { commandReply } from "./render.ts";
import { headed, type Job, JobError, type PlannedDelivery } from "./types.ts";

export function announcementKey(scopeUnitId: number, year: number): string {
  return `result-announcement:${year}:${scopeUnitId}`;
}

export const resultAnnouncementJob: Job = {
  name: "result-announcement",
  title: "Thông báo kết quả Chỉ số CCHC khi công bố (mỗi phạm vi, mỗi năm một lần)",
  schedule: null,
  needsScope: true,
  needsYear: true,

  async plan(deps, request) {
    const { store } = deps;
    if (request.scopeCode === null) throw new JobError("SCOPE_REQUIRED", "Cần --scope <mã huyện hoặc tỉnh>.");
    if (request.year === null) throw new JobError("YEAR_REQUIRED", "Cần --year <năm đánh giá>.");
    const year = request.year;
    const scope = await resolveScope(store, request.scopeCode, year).catch((error: unknown) => {
      throw new JobError("SCOPE_NOT_FOUND", error instanceof Error ? error.message : String(error));
    });
    const publication = await store.publications.get(scope.id, year);
    if (publication === null) {
      throw new JobError("NOT_PUBLISHED", `Kết quả năm ${year} của ${scope.name} chưa được công bố.`);
    }
    const results = await store.published.byScope(scope.id, year);
    const unitIds = results.map((r) => r.unitId);
    const recipients = await store.outbox.recipients([...unitIds, scope.id]);
    const scopeName = (await deps.resolver()).byId(scope.id)?.path ?? scope.name;
    const headline = reply()
      .line(bold(`📢 Đã công bố kết quả Chỉ số CCHC năm ${year}`))
      .line(`${scopeName}, ngày ${formatIsoDate(publication.publishedOn)}.`)
      .build();

    const bodies = new Map<number, Awaited<ReturnType<typeof commandReply>>>();
    const bodyFor = async (unitId: number) => {
      let body = bodies.get(unitId);
      if (body === undefined) {
        body =
          unitId === scope.id
            ? await commandReply(deps, hangCommand, `#${scope.id} ${year}`, request.at)
            : await commandReply(deps, diemCommand, `#${unitId} ${year}`, request.at);
        bodies.set(unitId, headed(headline, body));
      }
      return bodies.get(unitId)!;
    };

    const deliveries: PlannedDelivery[] = [];
    for (const recipient of recipients) {
      const body = await bodyFor(recipient.unitId);
      deliveries.push({
        recipient,
        delivery: deliveryFor(recipient, body, {
          at: request.at,
          optOutKey: null,
          office: deps.office,
          subjectUnitId: recipient.unitId,
        }),
        what: recipient.unitId === scope.id ? `bảng xếp hạng ${scope.name}` : "thẻ điểm của đơn vị",
      });
    }
    return {
      notice: {
        key: announcementKey(scope.id, year),
        job: "result-announcement",
        title: `Kết quả Chỉ số CCHC năm ${year} — ${scope.name}`,
        scopeUnitId: scope.id,
        parentKey: null,
        summarize: true,
        runAt: request.at,
        trigger: request.trigger,
      },
      deliveries,
      onQueued: async (repos, ctx) => {
        await repos.publications.markAnnounced(scope.id, year, ctx);
      },
    };
  },
};
