/**
 * `job list` and `job run <name>`: the scheduled jobs, their schedules in Vietnam time and next runs;
 * and a job run as the scheduler would at an instant (`--at`), waiting for its notices to be
 * delivered or given up. `--dry-run` prints who would get what and writes nothing.
 */
import cron from "node-cron";
import { replyText } from "../../../commands/reply.ts";
import { parseConfig } from "../../config.ts";
import { formatDateTime, VN_TIME_ZONE } from "../../format/vi.ts";
import { type JobPlan, jobNamed, jobs, runJob, scheduledJobs } from "../../jobs/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";
import { printWait, waitForDeliveries, withPushSession } from "./push-session.ts";

const USAGE = [
  "npm run cli -- job list",
  "npm run cli -- job run <tên> [--at <thời điểm ISO>] [--scope <mã>] [--year <năm>] [--dry-run]",
  "                            [--wait <giây>] [--url <LIBSQL_URL>]",
  "",
  `Các tác vụ: ${jobs.map((j) => j.name).join(", ")}.`,
  "--at: chạy như bộ lập lịch chạy vào thời điểm đó (tuần, giờ yên lặng), ví dụ 2024-03-18T07:00+07:00;",
  "mặc định là bây giờ. --scope: chỉ các cuộc trò chuyện thuộc huyện/tỉnh đó (bắt buộc với",
  "result-announcement, cùng --year). Chờ đến khi thông báo được gửi hoặc bỏ cuộc (tối đa --wait giây, mặc",
  "định 600) rồi in kết quả. --dry-run: in ai sẽ nhận gì, không ghi gì.",
].join("\n");

const RUN_FLAGS = {
  at: { type: "string" },
  scope: { type: "string" },
  year: { type: "string" },
  "dry-run": { type: "boolean" },
  wait: { type: "string" },
  url: { type: "string" },
} as const;

/** "0 7 * * 1" → "07:00 thứ Hai hằng tuần" for the two shapes the defaults use; the expression otherwise. */
function describeCron(expression: string): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(expression.trim());
  if (!m) return expression;
  const days = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"];
  return `${m[2]!.padStart(2, "0")}:${m[1]!.padStart(2, "0")} ${days[Number(m[3])]} hằng tuần (${expression})`;
}

function nextRuns(expression: string, count: number): Date[] {
  const task = cron.createTask(expression, () => undefined, { timezone: VN_TIME_ZONE });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}

function listJobs(io: CliIo): number {
  const config = parseConfig(process.env);
  const schedules = new Map(scheduledJobs(config.pushes.schedules).map((s) => [s.job.name, s.cron]));
  io.out(
    `Bộ lập lịch trong npm start: ${config.pushes.scheduler ? "bật" : "tắt (SCHEDULER=off)"}; giờ Việt Nam.`,
  );
  for (const job of jobs) {
    io.out("");
    io.out(`${job.name} — ${job.title}`);
    const expression = schedules.get(job.name);
    if (expression === undefined) {
      io.out(
        "  Lịch: khi công bố kết quả (publish), hoặc chạy tay: job run result-announcement --scope <mã> --year <năm>",
      );
      continue;
    }
    io.out(`  Lịch: ${describeCron(expression)}`);
    io.out(`  Lần chạy tới: ${nextRuns(expression, 2).map(formatDateTime).join(", ")}`);
  }
  return EXIT_OK;
}

function parseAt(text: string | undefined): Date | null {
  if (text === undefined) return null;
  // A date-time without an offset is Vietnam time, as everything a user reads.
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}+07:00`;
  const at = new Date(withZone);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw usageError(`--at "${text}" không phải thời điểm ISO, ví dụ 2024-03-18T07:00+07:00.`, USAGE);
  }
  return at;
}

function printPlan(io: CliIo, plan: JobPlan): void {
  io.out(`${plan.notice.title} (${plan.notice.key}): ${plan.deliveries.length} cuộc trò chuyện.`);
  for (const { recipient, delivery, what } of plan.deliveries) {
    const when =
      delivery.state === "held"
        ? `giữ đến ${formatDateTime(delivery.notBefore)}`
        : delivery.state === "pending"
          ? "gửi ngay"
          : delivery.state === "blocked"
            ? "không gửi: đã chặn bot"
            : "không gửi: đã tắt loại thông báo này";
    io.out(`  ${recipient.platform}:${recipient.chatId} — ${what} — ${when}`);
  }
  const first = plan.deliveries[0];
  if (first) {
    io.out("");
    io.out("Nội dung (người nhận đầu tiên):");
    for (const line of replyText(first.delivery.body as Parameters<typeof replyText>[0]).split("\n")) {
      io.out(`  ${line}`);
    }
  }
}

async function runVerb(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, RUN_FLAGS, USAGE);
  const [name, ...extra] = positionals;
  if (name === undefined) throw usageError("Thiếu tên tác vụ.", USAGE);
  if (extra.length > 0) throw usageError(`Tham số thừa: ${extra.join(" ")}`, USAGE);
  const job = jobNamed(name);
  const at = parseAt(values.at);
  const year = values.year === undefined ? null : Number(values.year);
  if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    throw usageError("--year phải là một năm, ví dụ 2022.", USAGE);
  }
  const waitSeconds = values.wait === undefined ? 600 : Number(values.wait);
  if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > 86_400) {
    throw usageError("--wait phải là số giây từ 0 đến 86400.", USAGE);
  }
  return withPushSession(values.url, at, io, async (session) => {
    const request = { at: session.clock(), scopeCode: values.scope ?? null, year, trigger: "cli" };
    const run = await runJob(session.deps.jobs, job, request, {
      dryRun: values["dry-run"] === true,
      actor: "cli:job run",
    });
    if (run.queued === null) {
      io.out(`Chạy thử ${job.name} lúc ${formatDateTime(request.at)} (giờ Việt Nam): không ghi gì.`);
      printPlan(io, run.plan);
      return EXIT_OK;
    }
    const { notice } = run.plan;
    io.out(
      `${job.name} lúc ${formatDateTime(request.at)} → ${session.where}: ${notice.title} (${notice.key}); ` +
        (run.queued.created ? "" : "đã chạy trước đó cho kỳ này; ") +
        `thêm ${run.queued.added} tin vào hàng đợi.`,
    );
    const wait = await waitForDeliveries(session, [notice.key], { timeoutMs: waitSeconds * 1000 });
    printWait(io, wait);
    return EXIT_OK;
  });
}

export const jobVerb: Verb = {
  name: "job",
  summary: "Các tác vụ định kỳ: liệt kê, chạy tay / scheduled jobs (list, run)",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === "list") {
      if (rest.length > 0) throw usageError(`Tham số thừa: ${rest.join(" ")}`, USAGE);
      return listJobs(io);
    }
    if (sub === "run") return runVerb(rest, io);
    throw usageError(sub ? `Lệnh con "${sub}" không hợp lệ.` : "Thiếu lệnh con (list hoặc run).", USAGE);
  },
};
