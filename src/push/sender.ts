/**
 * The outbox's sender: takes due deliveries, one message at a time per chat, paced by the platform's
 * limits, and records each outcome. One sender per platform at a time across processes (a lease in
 * the store, renewed while held), so `npm start` and a CLI `job run` never send the same row nor
 * break the platform's rate between them.
 *
 * Exactly once, and the crash rule: a delivery is claimed (pending → sending) right before its first
 * part goes out and settled right after; the parts of a long message are recorded as they go. A
 * sender that dies leaves at most one delivery per chat "sending" (a chat's next waits for it); the
 * next holder of the lease sends those again from the first part not recorded. So a crash can
 * duplicate at most the one message in flight to each chat at that moment, and loses none.
 *
 * Runtime-neutral: timers and the store only, so the Worker's scheduled handler can drain with it too.
 */
import { isReply } from "../../commands/reply.ts";
import { CHOICE_TTL_MS } from "../chat/service.ts";
import type { Log } from "../log.ts";
import type { ChatPlatform, DeliveryChange, DueDelivery, Store } from "../store/index.ts";
import { deliverTo } from "./deliver.ts";
import { Pacer, type PacerClock, type PacingLimits, realPacerClock } from "./pacer.ts";
import { isGroupType, type SendOutcome, type SendPort } from "./port.ts";

export interface RetryPolicy {
  /** Tries refused by a server error or lost on the network, then the delivery is given up. */
  maxAttempts: number;
  /** Backoff after the n-th such refusal: base × 2^(n-1), at most `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Refusals for the rate (429) a delivery may meet before it is given up. */
  maxRateLimited: number;
}

/** About 18 minutes of retries with backoff (1 s, 2 s, 4 s … 5 min) before a delivery is given up. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 12,
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  maxRateLimited: 30,
};

export const UNLIMITED: PacingLimits = { perSecond: 0, chatIntervalMs: 0, groupPerMinute: 0 };

export interface SenderOptions {
  store: Store;
  ports: readonly SendPort[];
  limits?: Partial<Record<ChatPlatform, PacingLimits>>;
  retry?: Partial<RetryPolicy>;
  /** The product's clock: what is due, and the time written on each outcome (`job run --at` shifts it). */
  clock: () => Date;
  /** Real time, for the leases shared with other processes. */
  wallClock?: () => Date;
  log: Log;
  /** This sender's name in the lease table. */
  holder?: string;
  leaseMs?: number;
  /** How often an idle sender looks for due deliveries. */
  pollMs?: number;
  /** Deliveries in flight at once, per platform. */
  maxInFlight?: number;
  pacerClock?: PacerClock;
  /** Called with the notices some of whose deliveries were settled (for delivery summaries). */
  afterSettled?: (noticeKeys: readonly string[]) => Promise<void>;
}

export interface SenderStats {
  sent: number;
  retried: number;
  failed: number;
  blocked: number;
  skipped: number;
  recovered: number;
}

export interface Sender {
  start(): void;
  /** Looks for due deliveries now (something was just queued). */
  wake(): void;
  /** Takes nothing new, lets the deliveries in flight finish, and gives the leases back. */
  stop(): Promise<void>;
  /** The platforms this sender holds the lease of. */
  holding(): ChatPlatform[];
  /** The platforms this sender has a port for. */
  platforms(): ChatPlatform[];
  stats(): SenderStats;
}

const BATCH = 256;
const SETTLE_TRIES = 3;

class Slots {
  #free: number;
  #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  get busy(): boolean {
    return this.#waiting.length > 0 || this.#free <= 0;
  }
  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

interface PlatformState {
  port: SendPort;
  pacer: Pacer;
  slots: Slots;
  /** Chat refs with a delivery in flight in this process. */
  inFlight: Set<number>;
  tasks: Set<Promise<void>>;
  holding: boolean;
  leaseTimer: ReturnType<typeof setInterval> | null;
  wakeUp: (() => void) | null;
  loop: Promise<void> | null;
}

export function createSender(options: SenderOptions): Sender {
  const { store, log, clock } = options;
  const wallClock = options.wallClock ?? (() => new Date());
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const holder = options.holder ?? `sender-${crypto.randomUUID()}`;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1000;
  const maxInFlight = options.maxInFlight ?? 32;
  const pacerClock = options.pacerClock ?? realPacerClock;
  const stats: SenderStats = { sent: 0, retried: 0, failed: 0, blocked: 0, skipped: 0, recovered: 0 };
  const settledNotices = new Set<string>();
  let stopping = false;
  let started = false;

  const states = new Map<ChatPlatform, PlatformState>(
    options.ports.map((port) => [
      port.platform,
      {
        port,
        pacer: new Pacer(options.limits?.[port.platform] ?? UNLIMITED, pacerClock),
        slots: new Slots(maxInFlight),
        inFlight: new Set(),
        tasks: new Set(),
        holding: false,
        leaseTimer: null,
        wakeUp: null,
        loop: null,
      },
    ]),
  );

  const backoff = (n: number) => Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, n - 1));

  async function takeLease(state: PlatformState): Promise<boolean> {
    const platform = state.port.platform;
    const now = wallClock();
    let held: boolean;
    try {
      held = await store.outbox.acquireLease(platform, holder, now, new Date(now.getTime() + leaseMs));
    } catch (error) {
      log.warn("sender: lease not renewed (database)", { platform, error });
      held = false;
    }
    if (held && !state.holding && state.inFlight.size === 0) {
      // Whatever is "sending" now was left by a holder that stopped without settling it.
      const recovered = await store.outbox.recover(platform, clock());
      if (recovered > 0) {
        stats.recovered += recovered;
        log.warn("sender: resuming deliveries a stopped sender left in flight", { platform, recovered });
      }
    }
    if (state.holding && !held) log.warn("sender: lease lost to another sender", { platform });
    state.holding = held;
    return held;
  }

  function idle(state: PlatformState, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(timer);
        state.wakeUp = null;
        resolve();
      }
      state.wakeUp = done;
    });
  }

  async function settle(row: DueDelivery, change: DeliveryChange, state: PlatformState, chatId?: string) {
    const now = clock();
    const reply = row.body;
    const choices =
      change.state === "sent" && state.port.numbersChoices && isReply(reply) && reply.choices.length > 0
        ? {
            key: { platform: state.port.platform, chatId: chatId ?? row.chatId },
            offer: reply.choices,
            now,
            expiresAt: new Date(now.getTime() + CHOICE_TTL_MS),
          }
        : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await store.outbox.settle(row.id, change, now, choices);
        break;
      } catch (error) {
        if (attempt >= SETTLE_TRIES) {
          // Left "sending": the next holder of the lease sends it again (the documented bound).
          log.error("sender: outcome not recorded", { id: row.id, state: change.state, error });
          return;
        }
        await pacerClock.sleep(1000 * attempt);
      }
    }
    settledNotices.add(row.noticeKey);
    if (change.state === "sent") stats.sent++;
    else if (change.state === "failed") stats.failed++;
    else if (change.state === "blocked") stats.blocked++;
    else if (change.state === "skipped") stats.skipped++;
    else stats.retried++;
  }

  function changeFor(row: DueDelivery, outcome: SendOutcome, state: PlatformState): DeliveryChange {
    const now = clock();
    const base = { partsSent: outcome.partsSent, messageIds: [...row.messageIds, ...outcome.messageIds] };
    const platform = state.port.platform;
    switch (outcome.status) {
      case "sent":
        return { ...base, state: "sent", sentAt: now, lastError: null };
      case "blocked":
        log.info("sender: chat blocked the bot; not retried", {
          platform,
          chatId: row.chatId,
          reason: outcome.reason,
        });
        return { ...base, state: "blocked", lastError: outcome.reason };
      case "moved":
      case "failed": {
        const reason = outcome.status === "moved" ? "nhóm chuyển thành siêu nhóm hai lần" : outcome.reason;
        log.warn("sender: delivery refused for good", { platform, chatId: row.chatId, id: row.id, reason });
        return { ...base, state: "failed", lastError: reason };
      }
      case "retry": {
        if (outcome.rateLimited) {
          const times = row.rateLimited + 1;
          // Telegram's retry_after answers that request: this chat waits it out (its later messages
          // behind it) while the others go on. Zalo says only "Quota exceeded", which is the bot's
          // whole quota: the platform backs off.
          const delay = outcome.retryAfterMs ?? backoff(times);
          if (outcome.retryAfterMs === null) state.pacer.pause(delay);
          if (times > retry.maxRateLimited) {
            const reason = `bị giới hạn tốc độ ${times} lần: ${outcome.reason}`;
            log.warn("sender: delivery given up", { platform, chatId: row.chatId, id: row.id, reason });
            return { ...base, state: "failed", rateLimited: times, lastError: reason };
          }
          return {
            ...base,
            state: "pending",
            rateLimited: times,
            notBefore: new Date(now.getTime() + delay),
            lastError: outcome.reason,
          };
        }
        const attempts = row.attempts + 1;
        if (attempts >= retry.maxAttempts) {
          const reason = `${attempts} lần không gửi được: ${outcome.reason}`;
          log.warn("sender: delivery given up", { platform, chatId: row.chatId, id: row.id, reason });
          return { ...base, state: "failed", attempts, lastError: reason };
        }
        return {
          ...base,
          state: "pending",
          attempts,
          notBefore: new Date(now.getTime() + backoff(attempts)),
          lastError: outcome.reason,
        };
      }
    }
  }

  async function send(state: PlatformState, row: DueDelivery): Promise<void> {
    if (!(await store.outbox.claim(row.id, clock()))) return;
    const reply = row.body;
    if (!isReply(reply)) {
      await settle(
        row,
        {
          state: "failed",
          partsSent: row.partsSent,
          messageIds: row.messageIds,
          lastError: "nội dung thông báo hỏng",
        },
        state,
      );
      return;
    }
    const group = isGroupType(row.chatType);
    const total = state.port.partsOf(reply);
    const { outcome, to } = await deliverTo(
      state.port,
      { store, log, now: clock, actor: "sender" },
      { chatId: row.chatId, type: row.chatType },
      reply,
      {
        fromPart: row.partsSent,
        beforePart: () => state.pacer.acquire(row.chatRef, group),
        async afterPart(index, messageIds) {
          if (index + 1 >= total) return;
          await store.outbox
            .progress(row.id, index + 1, [...row.messageIds, ...messageIds], clock())
            .catch((error: unknown) => log.warn("sender: progress not recorded", { id: row.id, error }));
        },
      },
    );
    await settle(row, changeFor(row, outcome, state), state, to.chatId);
  }

  async function flushSettled(): Promise<void> {
    if (settledNotices.size === 0 || !options.afterSettled) return;
    const keys = [...settledNotices];
    settledNotices.clear();
    await options
      .afterSettled(keys)
      .catch((error: unknown) => log.error("sender: follow-up failed", { error }));
  }

  async function loop(state: PlatformState): Promise<void> {
    const platform = state.port.platform;
    while (!stopping) {
      if (!state.holding && !(await takeLease(state))) {
        await idle(state, Math.min(leaseMs / 3, 5 * pollMs));
        continue;
      }
      let due: DueDelivery[] = [];
      try {
        due = await store.outbox.due(platform, clock(), BATCH);
      } catch (error) {
        log.warn("sender: cannot read the outbox (database)", { platform, error });
        await idle(state, 5 * pollMs);
        continue;
      }
      let dispatched = 0;
      let soonest = pollMs;
      for (const row of due) {
        if (stopping || !state.holding) break;
        if (state.inFlight.has(row.chatRef)) continue;
        const kept = { partsSent: row.partsSent, messageIds: row.messageIds };
        if (row.chatBlocked) {
          await settle(row, { ...kept, state: "blocked", lastError: "cuộc trò chuyện đã chặn bot" }, state);
          dispatched++;
          continue;
        }
        if (row.optOutKey !== null && row.optOuts.includes(row.optOutKey)) {
          await settle(
            row,
            { ...kept, state: "skipped", lastError: "đã tắt loại thông báo này (/caidat)" },
            state,
          );
          dispatched++;
          continue;
        }
        const wait = Math.max(
          state.pacer.chatWait(row.chatRef, isGroupType(row.chatType)),
          state.pacer.pausedFor(),
        );
        if (wait > 0) {
          soonest = Math.min(soonest, wait);
          continue;
        }
        await state.slots.take();
        if (stopping || !state.holding) {
          state.slots.give();
          break;
        }
        state.inFlight.add(row.chatRef);
        dispatched++;
        const task = send(state, row)
          .catch((error: unknown) =>
            log.error("sender: delivery failed unexpectedly", { platform, id: row.id, error }),
          )
          .finally(() => {
            state.inFlight.delete(row.chatRef);
            state.slots.give();
            state.tasks.delete(task);
            state.wakeUp?.();
          });
        state.tasks.add(task);
      }
      if (dispatched === 0) {
        await flushSettled();
        await idle(state, soonest);
      }
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const state of states.values()) {
        state.leaseTimer = setInterval(() => {
          if (state.holding) void takeLease(state);
        }, leaseMs / 3);
        state.loop = loop(state);
      }
    },

    wake() {
      for (const state of states.values()) state.wakeUp?.();
    },

    async stop() {
      stopping = true;
      for (const state of states.values()) {
        state.wakeUp?.();
        if (state.leaseTimer) clearInterval(state.leaseTimer);
      }
      await Promise.all([...states.values()].map((state) => state.loop));
      await Promise.all([...states.values()].flatMap((state) => [...state.tasks]));
      await flushSettled();
      for (const state of states.values()) {
        if (!state.holding) continue;
        await store.outbox
          .releaseLease(state.port.platform, holder)
          .catch((error: unknown) => log.warn("sender: lease not released", { error }));
        state.holding = false;
      }
    },

    holding: () => [...states.values()].filter((s) => s.holding).map((s) => s.port.platform),

    platforms: () => [...states.keys()],

    stats: () => ({ ...stats }),
  };
}
