/** The Worker's small runtime-neutral parts, on Node: the metered fetch and the Vietnam-time cron matcher. */
import { describe, expect, it } from "vitest";
import { vietnamCron } from "../../src/edge/cron-match.ts";
import { createMeter } from "../../src/edge/meter.ts";
import { AppError } from "../../src/errors.ts";

describe("createMeter", () => {
  it("counts every call and gives each a deadline, keeping the caller's own signal too", async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const meter = createMeter(20, async (_input, init) => {
      seen.push(init?.signal ?? undefined);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 200);
        init?.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(init.signal?.reason);
        });
      });
      return new Response("late");
    });
    await expect(meter.fetch("http://127.0.0.1/slow")).rejects.toThrow();
    const mine = new AbortController();
    const call = meter.fetch("http://127.0.0.1/slow", { signal: mine.signal });
    mine.abort(new Error("caller gave up"));
    await expect(call).rejects.toThrow("caller gave up");
    expect(meter.count).toBe(2);
    expect(seen.every((signal) => signal instanceof AbortSignal)).toBe(true);
  });

  it("ends each deadline once the answer is read, so thousands of calls leave no timer behind", async () => {
    const meter = createMeter(10_000, async () => new Response("ok"));
    for (let i = 0; i < 2_000; i++) expect(await (await meter.fetch("http://127.0.0.1/")).text()).toBe("ok");
    expect(meter.pending).toBe(0);
    const unread = await meter.fetch("http://127.0.0.1/");
    expect(meter.pending).toBe(1);
    await unread.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(meter.pending).toBe(0);
  });

  it("aborts a body that stops arriving at the deadline", async () => {
    const meter = createMeter(30, async (_input, init) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("part"));
          init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body);
    });
    const response = await meter.fetch("http://127.0.0.1/");
    await expect(response.text()).rejects.toThrow();
    expect(meter.pending).toBe(0);
  });
});

describe("vietnamCron", () => {
  it("reads the instant in Vietnam time (UTC+7)", () => {
    const monday0700 = vietnamCron("0 7 * * 1");
    expect(monday0700.matches(new Date("2024-03-18T00:00:00Z"))).toBe(true);
    expect(monday0700.matches(new Date("2024-03-18T07:00:00Z"))).toBe(false);
    expect(vietnamCron("*/15 8-17 * * 1-5").matches(new Date("2024-03-22T03:45:00Z"))).toBe(true);
    expect(vietnamCron("0 0 1 * 0").matches(new Date("2024-03-16T17:00:00Z"))).toBe(true); // Sunday 17/03 00:00
  });

  it("refuses what it cannot read, in Vietnamese", () => {
    for (const bad of ["0 7 * *", "61 7 * * 1", "0 7 * * 8", "a b c d e"]) {
      expect(() => vietnamCron(bad)).toThrow(AppError);
      expect(() => vietnamCron(bad)).toThrow("Lịch cron không hợp lệ");
    }
  });
});
