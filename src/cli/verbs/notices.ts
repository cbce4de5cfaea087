/**
 * `notices status [<key>] [--json]`: the latest notices with their delivery counts, or one notice per
 * recipient: sent (when), held (until when), failed (why), blocked, skipped, pending.
 */
import { formatDateTime } from "../../format/vi.ts";
import { createResolver } from "../../resolve/index.ts";
import type { DeliveryRecord } from "../../store/index.ts";
import { EXIT_OK, EXIT_USAGE, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { countsLine, stateWord } from "./push-session.ts";

const USAGE = [
  "npm run cli -- notices status [<khóa thông báo>] [--json] [--limit <n>] [--url <LIBSQL_URL>]",
  "",
  "Không có khóa: các thông báo gần nhất và số tin theo trạng thái. Có khóa (ví dụ work-schedule:2024-W12):",
  "từng người nhận: đã gửi (lúc nào), chờ giờ được gửi (đến khi nào), lỗi (lý do), bị chặn, bỏ qua, chờ gửi.",
].join("\n");

const FLAGS = { json: { type: "boolean" }, limit: { type: "string" }, url: { type: "string" } } as const;

function detail(row: DeliveryRecord): string {
  switch (row.state) {
    case "sent":
      return row.sentAt ? `lúc ${formatDateTime(new Date(row.sentAt))}` : "";
    case "held":
    case "pending":
      return `từ ${formatDateTime(new Date(row.notBefore))}${row.lastError ? ` (lần trước: ${row.lastError})` : ""}`;
    case "failed":
    case "blocked":
    case "skipped":
      return row.lastError ?? "";
    case "sending":
      return "";
  }
}

export const noticesVerb: Verb = {
  name: "notices",
  summary: "Tình trạng gửi thông báo / delivery status of notices (status)",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== "status")
      throw usageError(sub ? `Lệnh con "${sub}" không hợp lệ.` : "Thiếu lệnh con (status).", USAGE);
    const { values, positionals } = parseFlags(rest, FLAGS, USAGE);
    if (positionals.length > 1) throw usageError(`Tham số thừa: ${positionals.slice(1).join(" ")}`, USAGE);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw usageError("--limit phải từ 1 đến 1000.", USAGE);
    const key = positionals[0];
    return withStore(values.url, new Date(), async ({ store }) => {
      if (key === undefined) {
        const notices = await store.outbox.notices({ limit });
        const rows = [];
        for (const notice of notices)
          rows.push({ ...notice, counts: await store.outbox.counts([notice.key]) });
        if (values.json === true) {
          io.out(JSON.stringify(rows, null, 2));
          return EXIT_OK;
        }
        if (rows.length === 0) io.out("Chưa có thông báo nào.");
        for (const row of rows) {
          io.out(`${row.key} — ${row.title}`);
          io.out(`  ${formatDateTime(new Date(row.runAt))} (${row.trigger}): ${countsLine(row.counts)}`);
        }
        return EXIT_OK;
      }
      const notice = await store.outbox.notice(key);
      if (notice === null) {
        io.err(`Không có thông báo ${key}. Xem danh sách: npm run cli -- notices status`);
        return EXIT_USAGE;
      }
      const deliveries = await store.outbox.deliveries(key);
      const counts = await store.outbox.counts([key]);
      if (values.json === true) {
        io.out(JSON.stringify({ notice, counts, deliveries }, null, 2));
        return EXIT_OK;
      }
      const resolver = createResolver(await store.units.listResolvable());
      io.out(`${notice.title} (${notice.key})`);
      io.out(
        `Chạy lúc ${formatDateTime(new Date(notice.runAt))} (${notice.trigger}): ${countsLine(counts)}.`,
      );
      for (const row of deliveries) {
        const chat = `${row.platform}:${row.chatId}${row.chatTitle ? ` "${row.chatTitle}"` : ""}`;
        const about =
          row.subjectUnitId === null ? "" : ` — ${resolver.byId(row.subjectUnitId)?.unit.name ?? ""}`;
        io.out(`  ${chat}${about}: ${stateWord(row.state)} ${detail(row)}`.trimEnd());
      }
      return EXIT_OK;
    });
  },
};
