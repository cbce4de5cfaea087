/**
 * `publish` and `unpublish`: freeze one scope's results for a year, or withdraw them while they have not
 * been announced. Refusals print one line per unit concerned and exit with 2.
 */
import { formatIsoDate, formatPercent, vnIsoDate } from "../../format/vi.ts";
import { resultAnnouncementJob, runJob } from "../../jobs/index.ts";
import { PublishingError, publishScope, unpublishScope } from "../../publishing/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, EXIT_USAGE, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { printWait, waitForDeliveries, withPushSession } from "./push-session.ts";

const PUBLISH_USAGE = [
  "npm run cli -- publish --scope <mã huyện hoặc tỉnh> --year <năm đánh giá> [--date YYYY-MM-DD] [--wait <giây>]",
  "                       [--url <LIBSQL_URL>]",
  "",
  "Xếp hạng các đơn vị của phạm vi theo bản đánh giá năm đó và công bố (đóng băng) kết quả. Từ chối nếu có",
  "đơn vị thiếu điểm. Mức tăng/giảm lấy từ kết quả đã công bố năm trước của cùng phạm vi. --date: ngày công bố",
  "(mặc định hôm nay, giờ Việt Nam). Sau đó thông báo kết quả tới các cuộc trò chuyện đã liên kết",
  "(tác vụ result-announcement) và chờ gửi xong (tối đa --wait giây, mặc định 600).",
].join("\n");
const UNPUBLISH_USAGE = [
  "npm run cli -- unpublish --scope <mã> --year <năm> [--url <LIBSQL_URL>]",
  "",
  "Rút công bố (kết quả trở lại bản nháp); chỉ được khi chưa thông báo tới người theo dõi (publish thông",
  "báo ngay, nên rút công bố chỉ còn được với kết quả công bố bằng cách khác, như dữ liệu minh họa).",
].join("\n");

const FLAGS = {
  scope: { type: "string" },
  year: { type: "string" },
  date: { type: "string" },
  wait: { type: "string" },
  url: { type: "string" },
} as const;

function scopeAndYear(argv: readonly string[], usage: string) {
  const { values, positionals } = parseFlags(argv, FLAGS, usage);
  if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, usage);
  if (!values.scope) throw usageError("Thiếu --scope <mã>.", usage);
  if (!values.year || !/^\d{4}$/.test(values.year)) throw usageError("Thiếu hoặc sai --year <năm>.", usage);
  return { values, scopeCode: values.scope, year: Number(values.year) };
}

function refused(io: CliIo, error: PublishingError): number {
  io.err(error.message);
  for (const line of error.lines) io.err(`  ${line}`);
  return EXIT_USAGE;
}

export const publishVerb: Verb = {
  name: "publish",
  summary: "Công bố kết quả một huyện/tỉnh trong một năm / publish a scope's results",
  usage: PUBLISH_USAGE,
  async run(argv, io) {
    const { values, scopeCode, year } = scopeAndYear(argv, PUBLISH_USAGE);
    const waitSeconds = values.wait === undefined ? 600 : Number(values.wait);
    if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > 86_400) {
      throw usageError("--wait phải là số giây từ 0 đến 86400.", PUBLISH_USAGE);
    }
    return withPushSession(values.url, null, io, async (session) => {
      const { store } = session.deps;
      const now = session.clock();
      const publishedOn = values.date ?? vnIsoDate(now);
      try {
        const report = await store.transaction((repos) =>
          publishScope(repos, { scopeCode, year, publishedOn }, { now, actor: "cli" }),
        );
        io.out(
          `Đã công bố ${report.scope.name} năm ${year} (ngày ${formatIsoDate(publishedOn)}, phương pháp ` +
            `${report.methodology.id}) → ${session.where}: ${report.units.length} đơn vị.`,
        );
        for (const u of report.units) {
          io.out(
            `  ${u.rank}. ${u.name} · ${formatPercent(u.pct)} · ${u.group}${u.rating ? ` · ${u.rating}` : ""}`,
          );
        }
      } catch (error) {
        if (error instanceof PublishingError) return refused(io, error);
        throw error;
      }
      // Published: from here a failure is the announcement's, which `job run result-announcement` redoes.
      const run = await runJob(
        session.deps.jobs,
        resultAnnouncementJob,
        { at: session.clock(), scopeCode, year, trigger: "publish" },
        { actor: "cli:publish" },
      );
      io.out(`Thông báo kết quả (${run.plan.notice.key}): ${run.queued?.added ?? 0} tin vào hàng đợi.`);
      printWait(
        io,
        await waitForDeliveries(session, [run.plan.notice.key], { timeoutMs: waitSeconds * 1000 }),
      );
      return EXIT_OK;
    });
  },
};

export const unpublishVerb: Verb = {
  name: "unpublish",
  summary: "Rút công bố khi chưa thông báo / withdraw a publication not yet announced",
  usage: UNPUBLISH_USAGE,
  async run(argv, io) {
    const { values, scopeCode, year } = scopeAndYear(argv, UNPUBLISH_USAGE);
    const now = new Date();
    return withStore(values.url, now, async ({ store, where }) => {
      try {
        const report = await store.transaction((repos) =>
          unpublishScope(repos, { scopeCode, year }, { now, actor: "cli" }),
        );
        io.out(
          `Đã rút công bố ${report.scope.name} năm ${year} → ${where}: ${report.withdrawn} kết quả trở lại bản nháp.`,
        );
        return EXIT_OK;
      } catch (error) {
        if (error instanceof PublishingError) return refused(io, error);
        throw error;
      }
    });
  },
};
