/**
 * The pacer's bounds on a simulated clock (a sleep moves time on): the platform's spacing, a chat's
 * one message a second, a group's twenty a minute, and a platform's pause.
 */
import { describe, expect, it } from "vitest";
import { PACING_MARGIN_MS, Pacer, type PacerClock } from "../../src/push/pacer.ts";

function simulated(): PacerClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    async sleep(ms: number) {
      clock.t += Math.max(0, ms);
    },
  };
  return clock;
}

/** Most permits in any window of `ms` (half-open). */
function busiest(times: readonly number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("Pacer", () => {
  it("spaces the platform's messages so that no second holds more than the rate", async () => {
    const clock = simulated();
    const pacer = new Pacer({ perSecond: 20, chatIntervalMs: 1000, groupPerMinute: 20 }, clock);
    const times: number[] = [];
    for (let chat = 0; chat < 100; chat++) {
      await pacer.acquire(chat, false);
      times.push(clock.now());
    }
    expect(busiest(times, 1000)).toBe(20);
    expect(times[99]! - times[0]!).toBeCloseTo(99 * ((1000 + PACING_MARGIN_MS) / 20), 6);
  });

  it("hands permits out in the order asked, even when asked all at once", async () => {
    const clock = simulated();
    const pacer = new Pacer({ perSecond: 10, chatIntervalMs: 0, groupPerMinute: 0 }, clock);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, chat) => pacer.acquire(chat, false).then(() => order.push(chat))),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps a second between two messages to one chat", async () => {
    const clock = simulated();
    const pacer = new Pacer({ perSecond: 0, chatIntervalMs: 1000, groupPerMinute: 0 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.acquire(7, false);
      times.push(clock.now());
    }
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(pacer.chatWait(8, false)).toBe(0); // another chat is not held
  });

  it("sends a group at most twenty messages a minute", async () => {
    const clock = simulated();
    const pacer = new Pacer({ perSecond: 0, chatIntervalMs: 0, groupPerMinute: 20 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 45; i++) {
      await pacer.acquire(-100, true);
      times.push(clock.now());
    }
    expect(busiest(times, 60_000)).toBe(20);
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    // A private chat is not a group.
    for (let i = 0; i < 25; i++) await pacer.acquire(5, false);
  });

  it("holds every message while the platform has asked to wait", async () => {
    const clock = simulated();
    const pacer = new Pacer({ perSecond: 0, chatIntervalMs: 0, groupPerMinute: 0 }, clock);
    await pacer.acquire(1, false);
    pacer.pause(3000);
    expect(pacer.pausedFor()).toBe(3000);
    await pacer.acquire(2, false);
    expect(clock.now()).toBe(3000);
  });
});
