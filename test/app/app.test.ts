/**
 * The app's own routes: /health, /api/chat, the playground page, and how errors become responses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textReply } from "../../commands/reply.ts";
import { createApp } from "../../src/app.ts";
import { silentLog } from "../../src/log.ts";
import {
  type ApiDoubles,
  cuttable,
  type Harness,
  NOW,
  openDemoDatabase,
  postTelegram,
  postZalo,
  startApiDoubles,
  startHarness,
  TELEGRAM_SECRET,
} from "../support/channel-harness.ts";

let apis: ApiDoubles;
let database: ReturnType<typeof cuttable>;
let harness: Harness;

beforeAll(async () => {
  apis = await startApiDoubles();
  database = cuttable(await openDemoDatabase());
  harness = await startHarness({ apis, client: database.client });
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});
beforeEach(() => {
  database.restore();
});

describe("GET /health", () => {
  it("reports the database reachable and each channel's mode", async () => {
    const response = await harness.app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: { ok: true, latencyMs: expect.any(Number) },
      channels: {
        telegram: { configured: true, mode: "webhook" },
        zalo: { configured: true, mode: "webhook" },
        web: { configured: true },
      },
    });
  });

  it("answers 503 when the database does not answer", async () => {
    database.cut();
    const response = await harness.app.request("/health");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
  });

  it("answers 503 with the reason when reads work but no write can commit (a full disk)", async () => {
    const full = Object.assign(new Error("SQLITE_FULL: database or disk is full"), {
      name: "LibsqlError",
      code: "SQLITE_FULL",
    });
    const app = createApp({
      chat: { handle: async () => textReply("x") },
      pingDatabase: async () => 1,
      checkDatabaseWrite: async () => {
        throw full;
      },
      store: {} as never,
      telegram: null,
      zalo: null,
      log: silentLog,
      now: () => NOW,
    });
    const response = await app.request("/health");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "unavailable",
      database: { ok: false, reads: true, writes: false, code: "SQLITE_FULL", reason: "ổ đĩa đầy" },
    });
  });

  it("shows channels without a token as not configured", async () => {
    const app = createApp({
      chat: { handle: async () => textReply("x") },
      pingDatabase: async () => 1,
      checkDatabaseWrite: async () => 1,
      // Never reached by these requests (no /api/notices).
      store: {} as never,
      telegram: null,
      zalo: null,
      log: silentLog,
      now: () => NOW,
    });
    expect(await (await app.request("/health")).json()).toMatchObject({
      channels: { telegram: { configured: false }, zalo: { configured: false } },
    });
    expect((await postTelegram(app, { update_id: 1 })).status).toBe(404);
    expect((await postZalo(app, {})).status).toBe(404);
  });

  it("has no webhook route for a channel that polls", async () => {
    const app = createApp({
      chat: { handle: async () => textReply("x") },
      pingDatabase: async () => 1,
      checkDatabaseWrite: async () => 1,
      // Never reached by these requests (no /api/notices).
      store: {} as never,
      telegram: { bot: {} as never, mode: "polling", webhookSecret: TELEGRAM_SECRET },
      zalo: null,
      log: silentLog,
      now: () => NOW,
    });
    expect((await postTelegram(app, { update_id: 1 })).status).toBe(404);
  });
});

describe("POST /api/chat", () => {
  const ask = (body: string, cookie?: string) =>
    harness.app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body,
    });

  it("runs the chat service as the web platform and answers html, text and choices", async () => {
    const response = await ask(JSON.stringify({ text: "/diem Tan Hong 2022" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { html: string; text: string; choices: unknown[] };
    expect(body.html).toContain("Điểm: <b>87,032/100 điểm</b> (87,03%)");
    expect(body.text).toContain("Điểm: 87,032/100 điểm (87,03%)");
    expect(body.text).toContain("1. Chi tiết từng lĩnh vực");
    expect(body.choices).toEqual([
      { label: "Chi tiết từng lĩnh vực", command: expect.stringMatching(/^\/tieuchi #\d+ 2022$/) },
      { label: "Bảng xếp hạng huyện Bình Giang", command: expect.stringMatching(/^\/hang #\d+ 2022$/) },
    ]);
  });

  it("keeps one conversation per browser in a cookie: a number picks from the last list", async () => {
    const first = await ask(JSON.stringify({ text: "/diem Tan Hong 2022" }));
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^cchc_chat=web-[0-9a-f]{32}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const chatId = /web-[0-9a-f]{32}/.exec(cookie)![0];
    const second = await ask(JSON.stringify({ text: "2" }), `cchc_chat=${chatId}`);
    expect(second.headers.get("set-cookie")).toBeNull();
    expect(((await second.json()) as { text: string }).text).toContain("Xếp hạng Chỉ số CCHC năm 2022");
  });

  it.each([
    ["not JSON", "{text:", /JSON/],
    ["without text", "{}", /text/],
    ["with empty text", JSON.stringify({ text: "   " }), /trống/],
    ["with too long a text", JSON.stringify({ text: "x".repeat(1001) }), /1000/],
  ])("answers 400 with a reason to a body %s", async (_case, body, reason) => {
    const response = await ask(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  });

  it("answers 503 without details when the database is down", async () => {
    database.cut();
    const response = await ask(JSON.stringify({ text: "/diem Tan Hong 2022" }));
    expect(response.status).toBe(503);
    const body = JSON.stringify(await response.json());
    expect(body).not.toMatch(/fetch failed|TypeError|\.ts:/);
  });
});

describe("errors", () => {
  it("answers an unknown path with JSON 404", async () => {
    const response = await harness.app.request("/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Không có trang này." });
  });

  it("answers a bug with a generic 500, never a stack trace", async () => {
    const app = createApp({
      chat: {
        handle: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        },
      },
      pingDatabase: async () => 1,
      checkDatabaseWrite: async () => 1,
      // Never reached by these requests (no /api/notices).
      store: {} as never,
      telegram: null,
      zalo: null,
      log: silentLog,
      now: () => NOW,
    });
    const response = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "/diem" }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "Lỗi máy chủ." });
  });
});

describe("GET /", () => {
  it("serves the playground in Vietnamese under a strict content security policy", async () => {
    const response = await harness.app.request("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain("/diem Tan Hong 2022");
    expect(response.headers.get("set-cookie")).toMatch(/^cchc_chat=web-/);
  });
});

describe("GET /api/notices", () => {
  it("gives the playground its delivered notices in the order delivered, none skipped, across polls", async () => {
    const { queueNotice, settled, startSender, webPort } = await import("../support/push.ts");
    const chatId = `web-${"ab".repeat(16)}`;
    const cookie = `cchc_chat=${chatId}`;
    const chat = await harness.store.chats.touch(
      { platform: "web", chatId, type: "private", title: null },
      { now: NOW, actor: "test" },
    );
    const to = [{ ref: chat.id, chatId }];
    // The sender's clock runs three hours behind: it never sends before real time says a notice is due.
    let now = new Date(Date.now() - 3 * 3_600_000);
    await queueNotice(harness.store, "web-held", to, {
      platform: "web",
      state: "held",
      notBefore: new Date(now.getTime() + 3_600_000),
    });
    const keys = Array.from({ length: 25 }, (_, i) => `web-${String(i).padStart(2, "0")}`);
    for (const key of keys) await queueNotice(harness.store, key, to, { platform: "web", notBefore: NOW });
    const sender = startSender(
      { client: harness.client, store: harness.store, logs: [], log: silentLog },
      [webPort()],
      { clock: () => now },
    );
    try {
      await settled(harness.store, keys);
      const poll = async (after?: number) => {
        const response = await harness.app.request(
          `/api/notices${after === undefined ? "" : `?after=${after}`}`,
          {
            headers: { cookie },
          },
        );
        expect(response.status).toBe(200);
        return (await response.json()) as { cursor: number; notices: { text: string }[] };
      };
      // Opening the page: the latest twenty.
      const opened = await poll();
      expect(opened.notices.map((n) => n.text)).toEqual(keys.slice(5).map((key) => `${key} → ${chatId}`));
      // A page polling from the start gets them all, twenty at a time, in order.
      const first = await poll(0);
      const second = await poll(first.cursor);
      expect([...first.notices, ...second.notices].map((n) => n.text)).toEqual(
        keys.map((k) => `${k} → ${chatId}`),
      );
      expect((await poll(second.cursor)).notices).toEqual([]);
      // The notice held for its window, queued before the others, comes after them.
      now = new Date(now.getTime() + 2 * 3_600_000);
      sender.wake();
      await settled(harness.store, ["web-held"]);
      await expect
        .poll(async () => (await poll(second.cursor)).notices.map((n) => n.text))
        .toEqual([`web-held → ${chatId}`]);
      expect((await harness.app.request("/api/notices?after=x", { headers: { cookie } })).status).toBe(400);
    } finally {
      await sender.stop();
    }
  });
});
