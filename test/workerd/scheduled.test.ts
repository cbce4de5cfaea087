/**
 * Inside workerd: the Worker's scheduled handler runs the work-schedule job for its trigger's instant
 * (Monday 18/03/2024 07:00 in Vietnam = 00:00 UTC), a second trigger for the same period queues nothing,
 * and the broadcast to 40 chats, larger than one invocation's 50 subrequests allow, is finished by the
 * drain ticks that follow: every chat once, nobody missed, nobody twice.
 */
import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import worker from "../../src/entry/worker.ts";
import { hranaPipelines, resetDoubles, sentTo } from "./control.ts";

const MONDAY_0700_ICT = Date.parse("2024-03-18T00:00:00Z");

async function trigger(cron: string, scheduledTime: number): Promise<void> {
  const controller = createScheduledController({ cron, scheduledTime });
  await worker.scheduled(controller, env);
}

describe("the Worker's Cron Triggers inside workerd", () => {
  it("runs a job once per period and finishes a broadcast over several drain ticks", {
    timeout: 120_000,
  }, async () => {
    await resetDoubles();
    const chats = inject("edge").broadcastChats;
    await trigger("0 0 * * 1", MONDAY_0700_ICT);
    const afterFirst = (await sentTo("telegram")).filter((m) => chats.includes(String(m.chat_id)));
    // One invocation's budget does not reach 40 chats.
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.length).toBeLessThan(chats.length);

    // The same trigger again (a retry, a second deploy's cron): the period is claimed, nothing new queued.
    await trigger("0 0 * * 1", MONDAY_0700_ICT + 20_000);

    let ticks = 0;
    let sent = afterFirst;
    while (ticks < 30) {
      sent = (await sentTo("telegram")).filter((m) => chats.includes(String(m.chat_id)));
      if (sent.length >= chats.length) break;
      ticks++;
      // Counted where the calls arrive: database round trips at the Hrana fixture, messages at the Bot API.
      const [pipelines, messages] = [await hranaPipelines(), (await sentTo("telegram")).length];
      await trigger("* * * * *", MONDAY_0700_ICT + ticks * 60_000);
      const subrequests = (await hranaPipelines()) - pipelines + (await sentTo("telegram")).length - messages;
      expect(subrequests).toBeLessThanOrEqual(50);
    }
    expect(ticks).toBeGreaterThan(1);
    const perChat = new Map<string, number>();
    for (const message of sent)
      perChat.set(String(message.chat_id), (perChat.get(String(message.chat_id)) ?? 0) + 1);
    expect([...perChat.keys()].sort()).toEqual([...chats].sort());
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(String(sent[0]?.text)).toContain("Lịch làm việc tuần 12 (18/03–24/03/2024)");

    // A later tick finds nothing left to send.
    await trigger("* * * * *", MONDAY_0700_ICT + (ticks + 1) * 60_000);
    expect((await sentTo("telegram")).filter((m) => chats.includes(String(m.chat_id)))).toHaveLength(
      chats.length,
    );
  });
});
