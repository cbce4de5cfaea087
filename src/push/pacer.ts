/**
 * The pace of one platform's pushes: at most `perSecond` messages a second over the whole platform
 * (sent evenly, one slot every 1/perSecond, so no one-second window holds more), at least
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
export const PACING_MARGIN_MS = 20;
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
  #nextSlot = 0;
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
   * Waits until one message may go to this chat now and reserves it: the chat's own bounds, the
   * platform's pause, then the next free platform slot, in the order callers asked.
   */
  async acquire(chatRef: number, group: boolean): Promise<void> {
    for (;;) {
      const wait = Math.max(this.chatWait(chatRef, group), this.pausedFor());
      if (wait > 0) {
        await this.#clock.sleep(wait);
        continue;
      }
      const now = this.#clock.now();
      const slot = Math.max(now, this.#nextSlot);
      this.#nextSlot = slot + this.#spacing;
      this.#reserveChat(chatRef, group, slot);
      if (slot > now) await this.#clock.sleep(slot - now);
      // A pause that began while this slot waited (another message's 429) holds this one too.
      if (this.pausedFor() > 0) {
        this.#lastToChat.delete(chatRef);
        continue;
      }
      return;
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
