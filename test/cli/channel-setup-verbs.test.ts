/**
 * `telegram setup` and `zalo setup` against the loopback Bot API test doubles.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commandMenu } from "../../commands/index.ts";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { type ApiDoubles, startApiDoubles } from "../support/channel-harness.ts";

let apis: ApiDoubles;

beforeAll(async () => {
  apis = await startApiDoubles();
});
afterAll(async () => {
  await apis.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  apis.telegram.reset();
  apis.zalo.reset();
});

function telegramEnv(extra: Record<string, string> = {}) {
  vi.stubEnv("TELEGRAM_BOT_TOKEN", apis.telegram.token);
  vi.stubEnv("TELEGRAM_API_ROOT", apis.telegram.apiRoot);
  for (const [key, value] of Object.entries(extra)) vi.stubEnv(key, value);
}

describe("telegram setup", () => {
  it("sets the webhook with its secret and the Vietnamese command menu", async () => {
    telegramEnv({ TELEGRAM_WEBHOOK_SECRET: "s3cret_value", PUBLIC_BASE_URL: "https://cchc.example.vn/" });
    const io = memoryIo();
    expect(await runCli(["telegram", "setup"], io)).toBe(0);
    expect(apis.telegram.callsTo("setWebhook")[0]?.params).toMatchObject({
      url: "https://cchc.example.vn/webhook/telegram",
      secret_token: "s3cret_value",
      allowed_updates: ["message", "callback_query", "my_chat_member"],
    });
    expect(apis.telegram.commands).toEqual(commandMenu());
    expect(apis.telegram.commands).toContainEqual(expect.objectContaining({ command: "diem" }));
    expect(io.stdout.join("\n")).toContain("Đã đặt webhook: https://cchc.example.vn/webhook/telegram");
    expect(io.stdout.join("\n")).not.toContain(apis.telegram.token);
  });

  it("takes the URL from --webhook-url", async () => {
    telegramEnv({ TELEGRAM_WEBHOOK_SECRET: "s3cret_value" });
    const io = memoryIo();
    expect(
      await runCli(["telegram", "setup", "--webhook-url", "https://x.example/webhook/telegram"], io),
    ).toBe(0);
    expect(apis.telegram.webhookUrl).toBe("https://x.example/webhook/telegram");
  });

  it("in polling mode only removes a webhook and sets the menu", async () => {
    telegramEnv({ TELEGRAM_MODE: "polling" });
    expect(await runCli(["telegram", "setup"], memoryIo())).toBe(0);
    expect(apis.telegram.callsTo("setWebhook")).toEqual([]);
    expect(apis.telegram.callsTo("deleteWebhook")).toHaveLength(1);
    expect(apis.telegram.callsTo("setMyCommands")).toHaveLength(1);
  });

  it("refuses without a token, and a webhook without a secret", async () => {
    vi.stubEnv("TELEGRAM_BOT_TOKEN", "");
    const noToken = memoryIo();
    expect(await runCli(["telegram", "setup"], noToken)).toBe(2);
    expect(noToken.stderr.join("\n")).toContain("TELEGRAM_BOT_TOKEN");
    telegramEnv();
    const noSecret = memoryIo();
    expect(await runCli(["telegram", "setup", "--webhook-url", "https://x.example/w"], noSecret)).toBe(2);
    expect(noSecret.stderr.join("\n")).toContain("TELEGRAM_WEBHOOK_SECRET");
    expect(apis.telegram.calls).toEqual([]);
  });
});

describe("zalo setup", () => {
  it("registers the webhook with its secret", async () => {
    vi.stubEnv("ZALO_BOT_TOKEN", apis.zalo.token);
    vi.stubEnv("ZALO_API_ROOT", apis.zalo.apiRoot);
    vi.stubEnv("ZALO_WEBHOOK_SECRET", "zalo-secret-123");
    vi.stubEnv("PUBLIC_BASE_URL", "https://cchc.example.vn");
    const io = memoryIo();
    expect(await runCli(["zalo", "setup"], io)).toBe(0);
    expect(apis.zalo.webhook).toEqual({
      url: "https://cchc.example.vn/webhook/zalo",
      secretToken: "zalo-secret-123",
    });
    expect(io.stdout.join("\n")).not.toContain(apis.zalo.token);
  });
});
