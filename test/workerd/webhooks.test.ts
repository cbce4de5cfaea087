/**
 * Inside workerd: a webhook update goes through the Worker's app, the chat service and the store over
 * HTTP (the loopback Hrana server with the demo data), and the reply reaches the loopback Bot API.
 */
import { SELF } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { resetDoubles, sentPayload, sentTo } from "./control.ts";

const TELEGRAM_SECRET = "workerd-telegram-secret_0123";
const ZALO_SECRET = "workerd-zalo-secret-0123";
let nextId = 900_000;

function telegramUpdate(text: string) {
  const id = nextId++;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 1_710_900_000,
      chat: { id, type: "private", first_name: "Chủ tịch" },
      from: { id, is_bot: false, first_name: "Chủ tịch" },
      text,
    },
  };
}

const post = (path: string, header: string, secret: string, body: unknown) =>
  SELF.fetch(`https://cchc.example${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", [header]: secret },
    body: JSON.stringify(body),
  });

/** The Zalo reply is sent in waitUntil, after the webhook is answered: wait for it to arrive. */
async function eventually<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
  for (let i = 0; i < 100; i++) {
    const found = await read();
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

beforeEach(resetDoubles);

describe("the Worker's webhooks inside workerd", () => {
  it("Telegram: /diem Tân Hồng 2022 is answered with the score card through the Bot API", async () => {
    const response = await post(
      "/webhook/telegram",
      "X-Telegram-Bot-Api-Secret-Token",
      TELEGRAM_SECRET,
      telegramUpdate("/diem Tân Hồng 2022"),
    );
    expect(response.status).toBe(200);
    const sent = await sentTo("telegram");
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.text)).toContain("Tân Hồng");
    expect(String(sent[0]?.text)).toContain("2022");
  });

  it("Zalo: a text event is answered as plain text to the chat", async () => {
    const id = String(nextId++);
    const event = {
      ok: true,
      result: {
        event_name: "message.text.received",
        message: {
          message_id: `workerd${id}`,
          date: 1_710_900_000_000,
          from: { id: `u${id}`, display_name: "Chủ tịch xã", is_bot: false },
          chat: { id: `u${id}`, chat_type: "PRIVATE" },
          text: "/diem Tân Hồng 2022",
        },
      },
    };
    const response = await post("/webhook/zalo", "X-Bot-Api-Secret-Token", ZALO_SECRET, event);
    expect(response.status).toBe(200);
    const sent = await eventually(() => sentTo("zalo"), 1);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent[0]?.chat_id).toBe(`u${id}`);
    expect(String(sent[0]?.text)).toContain("Tân Hồng");
  });

  it.each([
    ["/webhook/telegram", "X-Telegram-Bot-Api-Secret-Token"],
    ["/webhook/zalo", "X-Bot-Api-Secret-Token"],
  ])("%s: a wrong secret is answered 401 and nothing is sent", async (path, header) => {
    const response = await post(path, header, "not-the-secret-at-all", telegramUpdate("/diem Tân Hồng 2022"));
    expect(response.status).toBe(401);
    expect(await sentTo(path.includes("zalo") ? "zalo" : "telegram")).toEqual([]);
  });

  it("answers /health from the database over HTTP", async () => {
    const response = await SELF.fetch("https://cchc.example/health");
    expect(response.status).toBe(200);
  });
});

describe("replies inside workerd are those of Node", () => {
  it("every sample command's reply, byte for byte", { timeout: 120_000 }, async () => {
    const { commands, nodeReplies } = inject("edge");
    expect(commands).toHaveLength(201);
    // A comparison of empty replies would prove nothing: Node answered every one, mostly with cards.
    expect(nodeReplies.every((reply) => reply.length > 0)).toBe(true);
    expect(nodeReplies.filter((reply) => reply.includes("Chỉ số CCHC")).length).toBeGreaterThan(100);
    expect(nodeReplies[0]).toContain("Tân Hồng");
    const base = 700_000;
    const differing: string[] = [];
    for (const [i, text] of commands.entries()) {
      await resetDoubles();
      const id = base + i;
      const update = {
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(new Date("2024-03-20T03:00:00Z").getTime() / 1000),
          chat: { id, type: "private", first_name: "Chủ tịch" },
          from: { id, is_bot: false, first_name: "Chủ tịch" },
          text,
        },
      };
      const response = await post(
        "/webhook/telegram",
        "X-Telegram-Bot-Api-Secret-Token",
        TELEGRAM_SECRET,
        update,
      );
      expect(response.status).toBe(200);
      const reply = (await sentTo("telegram")).map(sentPayload).join("\n");
      if (reply !== nodeReplies[i])
        differing.push(`${text}\n  node:    ${nodeReplies[i]}\n  workerd: ${reply}`);
      if (i === 0) expect(reply).toBe(nodeReplies[0]);
    }
    expect(differing).toEqual([]);
  });
});
