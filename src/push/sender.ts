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
import { type Log, withFields } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { ChatPlatform, ClaimedDelivery, DeliveryChange, DueDelivery, Store } from "../store/index.ts";
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

/** What one bounded drain may spend (a Worker's scheduled invocation: subrequests and time are capped). */
export interface DrainBudget {
  /** Subrequests this invocation may make in all. */
  subrequests: number;
  /** Subrequests this invocation has made so far (database round trips and Bot API calls alike). */
  spent(): number;
  /** Nothing new is taken after this instant (wall clock). */
  until: Date;
}

export interface DrainReport {
  /** Deliveries taken and settled (or released) during this drain. */
  dispatched: number;
  /** Why it stopped before the outbox was empty; null when nothing due was left. */
  stoppedBy: "subrequests" | "time" | "lease" | null;
}

export interface Sender {
  start(): void;
  /**
   * One bounded pass over the outbox, for a runtime without a long-lived process: takes what the budget
   * allows, waits for those, gives the leases back. What is left is due for the next drain.
   */
  drain(budget: DrainBudget): Promise<DrainReport>;
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
/** Subrequests a one-part delivery costs (claim, send, settle) and one spare for a second part or a move. */
const DELIVERY_COST = 4;
/** Kept back by a drain for the lease, the summaries queued after settling, and giving the lease back. */
const DRAIN_RESERVE = 8;
const OPEN_STATES = new Set(["pending", "held", "sending"]);

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
  /** The ids of those deliveries (claimed or about to be). */
  inFlightIds: Set<number>;
  tasks: Set<Promise<void>>;
  holding: boolean;
  /** Wall-clock milliseconds of the last sweep for deliveries left "sending". */
  sweptAt: number;
  leaseTimer: ReturnType<typeof setInterval> | null;
  wakeUp: (() => void) | null;
  loop: Promise<void> | null;
}

/** Thrown from a part's pacing wait when this sender must not send any more (stopping, lease lost). */
class NotSending extends Error {
  constructor() {
    super("sender stopping or lease lost");
    this.name = "NotSending";
  }
}

export function createSender(options: SenderOptions): Sender {
  const { store, log } = options;
  const wallClock = options.wallClock ?? (() => new Date());
  // A delivery is due by the product's clock, but never before the real time says so either: a
  // `job run --at` in the future must not send the rest of the outbox early.
  const clock = options.clock;
  const dueClock = () => new Date(Math.min(clock().getTime(), wallClock().getTime()));
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
        inFlightIds: new Set(),
        tasks: new Set(),
        holding: false,
        sweptAt: 0,
        leaseTimer: null,
        wakeUp: null,
        loop: null,
      },
    ]),
  );

  const backoff = (n: number) => Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, n - 1));

  /**
   * Deliveries "sending" on a platform whose lease this sender holds, and which are not in flight
   * here, were left by a sender that stopped (or by an outcome this one could not record): they go
   * back to pending and are sent again, from the first part not recorded.
   */
  async function sweep(state: PlatformState): Promise<void> {
    const platform = state.port.platform;
    state.sweptAt = wallClock().getTime();
    try {
      const recovered = await store.outbox.recover(platform, clock(), [...state.inFlightIds]);
      if (recovered > 0) {
        stats.recovered += recovered;
        log.warn("sender: resuming deliveries left in flight", { platform, recovered });
      }
    } catch (error) {
      log.warn("sender: cannot resume deliveries left in flight (database)", { platform, error });
    }
  }

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
    const fresh = held && !state.holding;
    if (state.holding && !held) log.warn("sender: lease lost to another sender", { platform });
    state.holding = held;
    if (fresh) await sweep(state);
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

  async function settle(
    row: ClaimedDelivery,
    change: DeliveryChange,
    state: PlatformState,
    chatId = row.chatId,
  ): Promise<void> {
    const now = clock();
    const reply = row.body;
    const choices =
      change.state === "sent" && state.port.numbersChoices && isReply(reply) && reply.choices.length > 0
        ? {
            key: { platform: state.port.platform, chatId },
            offer: reply.choices,
            now,
            expiresAt: new Date(now.getTime() + CHOICE_TTL_MS),
          }
        : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await store.outbox.settle(row.id, change, now, choices))) {
          log.warn("sender: outcome not recorded: the delivery was taken over", { id: row.id });
          return;
        }
        break;
      } catch (error) {
        if (attempt >= SETTLE_TRIES) {
          // Left "sending": this sender's next sweep sends it again (the documented bound).
          log.error("sender: outcome not recorded", { id: row.id, state: change.state, error });
          return;
        }
        await pacerClock.sleep(1000 * attempt);
      }
    }
    settledNotices.add(row.noticeKey);
    metrics.sends.inc({ platform: state.port.platform, outcome: change.state });
    if (change.state === "sent") stats.sent++;
    else if (change.state === "failed") stats.failed++;
    else if (change.state === "blocked") stats.blocked++;
    else if (change.state === "skipped") stats.skipped++;
    else stats.retried++;
  }

  function changeFor(row: ClaimedDelivery, outcome: SendOutcome, state: PlatformState): DeliveryChange {
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
        log.warn("sender: delivery refused for good", {
          platform,
          chat: row.chatRef,
          notice: row.noticeKey,
          delivery: row.id,
          reason,
        });
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
            log.warn("sender: delivery given up", {
              platform,
              chat: row.chatRef,
              notice: row.noticeKey,
              delivery: row.id,
              reason,
            });
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
          log.warn("sender: delivery given up", {
            platform,
            chat: row.chatRef,
            notice: row.noticeKey,
            delivery: row.id,
            reason,
          });
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

  async function send(state: PlatformState, due: DueDelivery): Promise<void> {
    // What goes out is what the delivery holds when it is claimed: a schedule rewritten, or a notice
    // turned off, while it waited for its turn is honoured.
    const row = await store.outbox.claim(due.id, clock());
    if (row === null) return;
    const kept = { partsSent: row.partsSent, messageIds: row.messageIds };
    if (row.chatBlocked) {
      await settle(row, { ...kept, state: "blocked", lastError: "cuộc trò chuyện đã chặn bot" }, state);
      return;
    }
    if (row.optOutKey !== null && row.optOuts.includes(row.optOutKey)) {
      await settle(
        row,
        { ...kept, state: "skipped", lastError: "đã tắt loại thông báo này (/caidat)" },
        state,
      );
      return;
    }
    const reply = row.body;
    if (!isReply(reply)) {
      await settle(row, { ...kept, state: "failed", lastError: "nội dung thông báo hỏng" }, state);
      return;
    }
    const group = isGroupType(row.chatType);
    const total = state.port.partsOf(reply);
    let delivered: Awaited<ReturnType<typeof deliverTo>>;
    try {
      delivered = await deliverTo(
        state.port,
        {
          store,
          log: withFields(log, { notice: row.noticeKey, delivery: row.id }),
          now: clock,
          actor: "sender",
        },
        { chatId: row.chatId, type: row.chatType },
        reply,
        {
          fromPart: row.partsSent,
          async beforePart() {
            await state.pacer.acquire(row.chatRef, group);
            // A sender that is stopping, or that lost its lease while this waited, sends nothing more:
            // the delivery goes back to pending for whoever holds the lease.
            if (stopping || !state.holding) throw new NotSending();
          },
          async afterPart(index, messageIds) {
            if (index + 1 >= total) return;
            await store.outbox
              .progress(row.id, index + 1, [...row.messageIds, ...messageIds], clock())
              .catch((error: unknown) => log.warn("sender: progress not recorded", { id: row.id, error }));
          },
        },
      );
    } catch (error) {
      if (!(error instanceof NotSending)) throw error;
      await store.outbox.release(row.id, clock());
      return;
    }
    await settle(row, changeFor(row, delivered.outcome, state), state, delivered.to.chatId);
  }

  async function flushSettled(): Promise<void> {
    if (settledNotices.size === 0 || !options.afterSettled) return;
    const keys = [...settledNotices];
    settledNotices.clear();
    await options
      .afterSettled(keys)
      .catch((error: unknown) => log.error("sender: follow-up failed", { error }));
  }

  function dispatch(state: PlatformState, row: DueDelivery): void {
    const platform = state.port.platform;
    state.inFlight.add(row.chatRef);
    state.inFlightIds.add(row.id);
    const task = send(state, row)
      .catch(async (error: unknown) => {
        log.error("sender: delivery failed unexpectedly", { platform, id: row.id, error });
        // Back to pending (it is resent: within the bound), rather than stuck "sending".
        await store.outbox.release(row.id, clock()).catch(() => undefined);
      })
      .finally(() => {
        state.inFlight.delete(row.chatRef);
        state.inFlightIds.delete(row.id);
        state.slots.give();
        state.tasks.delete(task);
        state.wakeUp?.();
      });
    state.tasks.add(task);
  }

  /** One pass: what is due, dispatched as far as the pace and the slots allow; how long to wait after. */
  async function pass(state: PlatformState): Promise<number> {
    if (!state.holding && !(await takeLease(state))) return Math.min(leaseMs / 3, 5 * pollMs);
    if (wallClock().getTime() - state.sweptAt > leaseMs / 3) await sweep(state);
    const due = await store.outbox.due(state.port.platform, dueClock(), BATCH);
    let dispatched = 0;
    let soonest = pollMs;
    for (const row of due) {
      if (stopping || !state.holding) break;
      if (state.inFlight.has(row.chatRef)) continue;
      const group = isGroupType(row.chatType);
      const wait = Math.max(state.pacer.chatWait(row.chatRef, group), state.pacer.pausedFor());
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      await state.slots.take();
      if (stopping || !state.holding) {
        state.slots.give();
        break;
      }
      dispatch(state, row);
      dispatched++;
    }
    if (dispatched > 0) return 0;
    await flushSettled();
    return soonest;
  }

  async function loop(state: PlatformState): Promise<void> {
    while (!stopping) {
      let wait: number;
      try {
        wait = await pass(state);
      } catch (error) {
        log.warn("sender: cannot read the outbox (database)", { platform: state.port.platform, error });
        wait = 5 * pollMs;
      }
      if (wait > 0 && !stopping) await idle(state, wait);
    }
  }

  async function drainPlatform(state: PlatformState, budget: DrainBudget): Promise<DrainReport> {
    const platform = state.port.platform;
    const affordable = () =>
      Math.floor((budget.subrequests - budget.spent() - DRAIN_RESERVE) / DELIVERY_COST);
    let dispatched = 0;
    let stoppedBy: DrainReport["stoppedBy"] = null;
    try {
      for (;;) {
        if (affordable() < 1) {
          stoppedBy = "subrequests";
          break;
        }
        if (wallClock() >= budget.until) {
          stoppedBy = "time";
          break;
        }
        // Renewed every round: there is no timer between invocations, and a round may outlast a lease.
        if (!(await takeLease(state))) {
          stoppedBy = "lease";
          break;
        }
        const due = await store.outbox.due(platform, dueClock(), Math.min(BATCH, affordable()));
        if (due.length === 0) break;
        for (const row of due) {
          await state.slots.take();
          dispatch(state, row);
          dispatched++;
        }
        await Promise.all([...state.tasks]);
      }
    } finally {
      await Promise.all([...state.tasks]);
      if (state.holding) {
        state.holding = false;
        await store.outbox
          .releaseLease(platform, holder)
          .catch((error: unknown) => log.warn("sender: lease not released", { platform, error }));
      }
    }
    return { dispatched, stoppedBy };
  }

  return {
    async drain(budget) {
      // One query tells which platforms have anything open: an idle tick costs one subrequest.
      const open = new Set(
        (await store.outbox.depth()).filter((d) => OPEN_STATES.has(d.state)).map((d) => d.platform),
      );
      const report: DrainReport = { dispatched: 0, stoppedBy: null };
      for (const state of states.values()) {
        if (!open.has(state.port.platform)) continue;
        const one = await drainPlatform(state, budget);
        report.dispatched += one.dispatched;
        report.stoppedBy ??= one.stoppedBy;
        if (one.stoppedBy === "subrequests" || one.stoppedBy === "time") break;
      }
      await flushSettled();
      return report;
    },

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
      for (const state of states.values()) state.wakeUp?.();
      await Promise.all([...states.values()].map((state) => state.loop));
      // The lease is renewed until the deliveries in flight are settled (or released), then given back.
      await Promise.all([...states.values()].flatMap((state) => [...state.tasks]));
      await flushSettled();
      for (const state of states.values()) {
        if (state.leaseTimer) clearInterval(state.leaseTimer);
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
