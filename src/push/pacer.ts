/**
 * The pace of one platform's pushes: at most `perSecond` messages a second over the whole platform
 * (sent evenly: one slot every 1/perSecond; a permit taken late moves the slots after it, so a late
 * timer never lets two go together and no one-second window holds more), at least
 * `chatIntervalMs` between two messages to one chat, at most `groupPerMinute` a minute to one group,
 * and nothing at all while the platform has asked us to wait (a 429's retry_after). Each bound keeps
 * a small margin over the platform's figure, so that network jitter between our send and the
 * platform's clock does not push two messages into one window.
 */

export interface PacingLimits {
  /** Messages a second over the platform; 0: no limit. */
  perSecond: number;
  /** Least milliseconds between two messages to one chat; 0: no limit. */
  chatIntervalMs: number;
  /** Messages a minute to one group; 0: no limit. */
  groupPerMinute: number;
}

/** Added to every window, in milliseconds. */
export const PACING_MARGIN_MS = 30;
/**
 * A permit taken this late after its slot still counts as taken on time, so that timers firing a
 * millisecond late do not slow every message down; it is well inside the margin.
 */
const LATE_SLOT_MS = 5;
const GROUP_WINDOW_MS = 60_000;
/** Chats not heard from for this long are forgotten (the maps stay bounded). */
const FORGET_AFTER_MS = 2 * GROUP_WINDOW_MS;

export interface PacerClock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export class Pacer {
  readonly #limits: PacingLimits;
  readonly #clock: PacerClock;
  readonly #spacing: number;
  /** The slot of the last permit: when it was due, or when it was taken if that was later still. */
  #lastPermit = Number.NEGATIVE_INFINITY;
  /** Permits are handed out one after the other, in the order asked. */
  #chain: Promise<void> = Promise.resolve();
  #pausedUntil = 0;
  /** Per chat: when its last message was reserved. */
  readonly #lastToChat = new Map<number, number>();
  /** Per group: when its messages of the last minute were reserved. */
  readonly #groupTimes = new Map<number, number[]>();
  #reservations = 0;

  constructor(limits: PacingLimits, clock: PacerClock = realPacerClock) {
    this.#limits = limits;
    this.#clock = clock;
    this.#spacing = limits.perSecond > 0 ? (1000 + PACING_MARGIN_MS) / limits.perSecond : 0;
  }

  /** Milliseconds until a message may go to this chat (0: now), not counting the platform's slot. */
  chatWait(chatRef: number, group: boolean): number {
    const now = this.#clock.now();
    let ready = now;
    const last = this.#lastToChat.get(chatRef);
    if (last !== undefined && this.#limits.chatIntervalMs > 0) {
      ready = Math.max(ready, last + this.#limits.chatIntervalMs + PACING_MARGIN_MS);
    }
    if (group && this.#limits.groupPerMinute > 0) {
      const times = this.#groupTimes.get(chatRef) ?? [];
      if (times.length >= this.#limits.groupPerMinute) {
        const oldest = times[times.length - this.#limits.groupPerMinute] as number;
        ready = Math.max(ready, oldest + GROUP_WINDOW_MS + PACING_MARGIN_MS);
      }
    }
    return Math.max(0, ready - now);
  }

  /** Milliseconds the platform asked us to wait, from now. */
  pausedFor(): number {
    return Math.max(0, this.#pausedUntil - this.#clock.now());
  }

  /** Nothing goes to the platform for `ms` (a 429's retry_after, or a backoff after one). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  /**
   * Waits until one message may go to this chat now and takes the permit: the chat's own bounds
   * first (so one chat's wait holds no other chat), then, in the order callers asked, the platform's
   * pause and its spacing since the last permit.
   */
  async acquire(chatRef: number, group: boolean): Promise<void> {
    for (let wait = this.chatWait(chatRef, group); wait > 0; wait = this.chatWait(chatRef, group)) {
      await this.#clock.sleep(wait);
    }
    const permit = this.#chain.then(() => this.#take(chatRef, group));
    this.#chain = permit.catch(() => undefined);
    await permit;
  }

  async #take(chatRef: number, group: boolean): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      const slot = this.#lastPermit + this.#spacing;
      const wait = Math.max(slot - now, this.pausedFor(), this.chatWait(chatRef, group));
      if (wait <= 0) {
        this.#lastPermit = now - slot <= LATE_SLOT_MS ? slot : now;
        this.#reserveChat(chatRef, group, now);
        return;
      }
      await this.#clock.sleep(wait);
    }
  }

  #reserveChat(chatRef: number, group: boolean, at: number): void {
    this.#lastToChat.set(chatRef, at);
    if (group && this.#limits.groupPerMinute > 0) {
      const times = (this.#groupTimes.get(chatRef) ?? []).filter((t) => t > at - GROUP_WINDOW_MS);
      times.push(at);
      this.#groupTimes.set(chatRef, times);
    }
    if (++this.#reservations % 1024 === 0) this.#forget(at);
  }

  #forget(now: number): void {
    for (const [chat, last] of this.#lastToChat) {
      if (last < now - FORGET_AFTER_MS) {
        this.#lastToChat.delete(chat);
        this.#groupTimes.delete(chat);
      }
    }
  }
}
