import { describe, expect, it } from "vitest";
import { bold, reply } from "../../commands/reply.ts";
import { planTelegramMessages } from "../../src/channels/telegram/send.ts";
import { parseTelegramHtml } from "../support/fake-telegram-api.ts";

describe("planTelegramMessages", () => {
  it("puts the buttons under the last of several chunks", () => {
    const builder = reply();
    for (let i = 0; i < 300; i++) builder.line(bold(`Tiêu chí ${i} <a&b>`), " ▰▰▰▱▱ 61,5%");
    const plan = planTelegramMessages(builder.choice("Năm 2021", "/diem 10972 2021").build());
    expect(plan.chunks.length).toBeGreaterThan(1);
    for (const chunk of plan.chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      expect(parseTelegramHtml(chunk)).not.toHaveProperty("error");
    }
    expect(plan.keyboard?.inline_keyboard).toHaveLength(1);
  });

  it("gives a reply made only of choices a line to hang its buttons on", () => {
    const plan = planTelegramMessages(reply().choice("Xã Tân Hồng", "/diem 10972").build());
    expect(plan.chunks).toEqual(["Chọn một mục:"]);
  });

  it("sends nothing for an empty reply", () => {
    expect(planTelegramMessages({ lines: [], choices: [] }).chunks).toEqual([]);
  });
});
