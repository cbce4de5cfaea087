/**
 * What a CLI verb that pushes needs (`job run`, `publish`, `import schedule`): the service's own
 * dependencies over the database, on a clock that `--at` may shift, with the outbox's sender running
 * while the verb waits for its notices to be delivered or given up. When `npm start` already holds a
 * platform's sender lease, that process delivers and the verb only watches.
 */
import type { Client } from "@libsql/client";
import { type Config, parseConfig, redact } from "../../config.ts";
import {
  DEFAULT_DATABASE_URL,
  databaseOptionsFromEnv,
  describeDatabaseUrl,
  openDatabase,
} from "../../db/open.ts";
import { createDeps, type Deps } from "../../deps.ts";
import { formatInteger } from "../../format/vi.ts";
import { queueSummaries } from "../../jobs/index.ts";
import { createLog } from "../../log.ts";
import { CHAT_PLATFORMS, type ChatPlatform, type DeliveryState, migrate } from "../../store/index.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import type { CliIo } from "../io.ts";

export interface PushSession {
  deps: Deps;
  client: Client;
  config: Config;
  /** The clock of the run: real time, shifted to start at `--at` when given. */
  clock: () => Date;
  where: string;
}

export async function withPushSession<T>(
  urlFlag: string | undefined,
  at: Date | null,
  io: CliIo,
  work: (session: PushSession) => Promise<T>,
): Promise<T> {
  const config = parseConfig(process.env);
  const options = databaseOptionsFromEnv(process.env, urlFlag);
  const client = await openDatabase(options);
  const offset = at === null ? 0 : at.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  // Warnings and errors on stderr, as the service writes them (redacted); progress is the verb's to print.
  const log = createLog({
    redact: (line) => redact(line, config),
    write: (level, line) => {
      if (level !== "info") io.err(line);
    },
  });
  const deps = createDeps(config, client, { log, now: clock });
  try {
    await migrate(client, await readMigrations(), new Date());
    return await work({
      deps,
      client,
      config,
      clock,
      where: describeDatabaseUrl(options.url || DEFAULT_DATABASE_URL),
    });
  } finally {
    await deps.sender.stop();
    client.close();
  }
}

export interface DeliveryWait {
  counts: Record<DeliveryState, number>;
  /** Platforms with deliveries nobody can send now: no channel configured here, no other sender. */
  undeliverable: ChatPlatform[];
  timedOut: boolean;
}

/**
 * Runs the sender and waits until every delivery of these notices (and of the notices that follow
 * them: a delivery summary) is settled: sent, refused, blocked, skipped, or held for its window.
 */
export async function waitForDeliveries(
  session: PushSession,
  keys: readonly string[],
  options: { timeoutMs: number },
): Promise<DeliveryWait> {
  const { deps } = session;
  deps.sender.start();
  deps.sender.wake();
  const until = Date.now() + options.timeoutMs;
  const here = new Set(deps.sender.platforms());
  for (;;) {
    const all = [...keys];
    for (const key of keys)
      for (const child of await deps.store.outbox.notices({ parentKey: key })) all.push(child.key);
    const counts = await deps.store.outbox.counts(all);
    const open = await deps.store.outbox.openByPlatform(all);
    const undeliverable: ChatPlatform[] = [];
    for (const platform of CHAT_PLATFORMS) {
      if ((open[platform] ?? 0) === 0 || here.has(platform)) continue;
      if ((await deps.store.outbox.leaseHolder(platform, new Date())) === null) undeliverable.push(platform);
    }
    const waiting = CHAT_PLATFORMS.some((p) => (open[p] ?? 0) > 0 && !undeliverable.includes(p));
    if (!waiting) {
      // The sender queues a delivery summary when it next goes idle; do it now rather than exit first.
      if ((await queueSummaries(deps.jobs, keys, session.clock())).length > 0) {
        deps.sender.wake();
        continue;
      }
      return { counts, undeliverable, timedOut: false };
    }
    if (Date.now() > until) return { counts, undeliverable, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const STATE_WORDS: Record<DeliveryState, string> = {
  sent: "đã gửi",
  pending: "chờ gửi",
  sending: "đang gửi",
  held: "chờ giờ được gửi",
  skipped: "bỏ qua (đã tắt)",
  blocked: "bị chặn",
  failed: "lỗi",
};

/** "đã gửi 17/18, bị chặn 1". */
export function countsLine(counts: Record<DeliveryState, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return "không có người nhận";
  const rest = (Object.keys(STATE_WORDS) as DeliveryState[])
    .filter((state) => state !== "sent" && counts[state] > 0)
    .map((state) => `${STATE_WORDS[state]} ${formatInteger(counts[state])}`);
  return [`đã gửi ${formatInteger(counts.sent)}/${formatInteger(total)}`, ...rest].join(", ");
}

export function stateWord(state: DeliveryState): string {
  return STATE_WORDS[state];
}

/** Prints how the wait ended, in a line or two. */
export function printWait(io: CliIo, wait: DeliveryWait): void {
  io.out(`Kết quả gửi: ${countsLine(wait.counts)}.`);
  for (const platform of wait.undeliverable) {
    io.out(
      `Chưa gửi được qua ${platform}: kênh chưa cấu hình ở đây và không có tiến trình nào đang gửi; ` +
        "thông báo vẫn chờ trong hàng đợi, npm start sẽ gửi khi kênh được cấu hình.",
    );
  }
  if (wait.timedOut) io.out("Hết thời gian chờ; phần còn lại vẫn trong hàng đợi và sẽ được gửi tiếp.");
  if (wait.counts.held > 0)
    io.out(`${formatInteger(wait.counts.held)} tin chờ giờ được gửi (giờ yên lặng, giờ hành chính).`);
}
