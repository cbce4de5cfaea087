/**
 * The delivery summary of a result announcement: once every chat of the scope's units is settled
 * (sent, refused, blocked, or held for its quiet hours), the scope's own chats (its officers) get
 * "Đã gửi 17/18, 1 bị chặn", with who did not get it and why. Queued once: its notice key claims it.
 */
import { bold, reply } from "../../commands/reply.ts";
import { formatDateTime } from "../format/vi.ts";
import type { DeliveryRecord } from "../store/index.ts";
import { deliveryFor } from "./recipients.ts";
import type { JobDeps } from "./types.ts";

export const summaryKey = (noticeKey: string) => `${noticeKey}:summary`;

const OPEN = new Set(["pending", "sending"]);

function why(row: DeliveryRecord): string {
  switch (row.state) {
    case "blocked":
      return "đã chặn bot";
    case "failed":
      return `không gửi được (${row.lastError ?? "không rõ lý do"})`;
    case "held":
      return `chờ hết giờ yên lặng, sẽ gửi lúc ${formatDateTime(new Date(row.notBefore))}`;
    case "skipped":
      return "đã tắt loại thông báo này";
    default:
      return row.state;
  }
}

/**
 * For each notice among `noticeKeys` that asks for a summary and is settled, queues the summary.
 * Returns the keys of the summaries queued.
 */
export async function queueSummaries(
  deps: JobDeps,
  noticeKeys: readonly string[],
  now: Date,
): Promise<string[]> {
  const queued: string[] = [];
  for (const key of noticeKeys) {
    const notice = await deps.store.outbox.notice(key);
    if (notice === null || !notice.summarize || notice.scopeUnitId === null) continue;
    if ((await deps.store.outbox.notice(summaryKey(key))) !== null) continue;
    const rows = await deps.store.outbox.deliveries(key);
    const units = rows.filter((row) => row.subjectUnitId !== notice.scopeUnitId);
    if (units.some((row) => OPEN.has(row.state))) continue;
    const officers = await deps.store.outbox.recipients([notice.scopeUnitId]);
    if (officers.length === 0) continue;

    const resolver = await deps.resolver();
    const nameOf = (id: number | null) => (id === null ? "?" : (resolver.byId(id)?.unit.name ?? `#${id}`));
    const sent = units.filter((row) => row.state === "sent").length;
    const counts = new Map<string, number>();
    for (const row of units)
      if (row.state !== "sent") counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    const words: Record<string, string> = {
      blocked: "bị chặn",
      failed: "lỗi",
      held: "chờ giờ yên lặng",
      skipped: "đã tắt",
    };
    const tail = [...counts].map(([state, n]) => `, ${n} ${words[state] ?? state}`).join("");
    const built = reply()
      .line(bold(`Kết quả gửi thông báo: ${notice.title}`))
      .line(
        units.length === 0
          ? "Chưa có cuộc trò chuyện nào của các đơn vị liên kết với bot."
          : `Đã gửi ${sent}/${units.length} cuộc trò chuyện của các đơn vị${tail}.`,
      );
    for (const row of units.filter((r) => r.state !== "sent")) {
      built.line(`• ${nameOf(row.subjectUnitId)}: ${why(row)}`);
    }
    const body = built.build();
    await deps.store.outbox.enqueue(
      {
        key: summaryKey(key),
        job: `${notice.job}:summary`,
        title: `Kết quả gửi: ${notice.title}`,
        scopeUnitId: notice.scopeUnitId,
        parentKey: key,
        summarize: false,
        runAt: now,
        trigger: "sender",
      },
      officers.map((officer) =>
        deliveryFor(officer, body, {
          at: now,
          optOutKey: null,
          office: deps.office,
          subjectUnitId: notice.scopeUnitId,
        }),
      ),
      { now, actor: "sender" },
    );
    queued.push(summaryKey(key));
  }
  return queued;
}
