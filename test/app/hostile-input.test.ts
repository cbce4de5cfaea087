/**
 * Hostile and oversized input, over real HTTP (@hono/node-server on loopback): bodies are capped
 * before they are read, whether their length is declared or streamed; a refused body does not break
 * the client's next request on the same connection; every reason is Vietnamese; one address's flood
 * is answered 429 for that address only, and /health stays fast.
 */
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { silentLog } from "../../src/log.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  startApiDoubles,
  startHarness,
  TELEGRAM_SECRET,
} from "../support/channel-harness.ts";
import { type ServedApp, serveOnLoopback } from "../support/serve.ts";

let apis: ApiDoubles;
let harness: Harness;
let served: ServedApp;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
  served = await serveOnLoopback(harness.app);
}, 60_000);
afterAll(async () => {
  await served.close();
  harness.close();
  await apis.close();
});

interface Sent {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One request; `chunks` are written one after another (chunked unless a length is declared), and the
 * writing stops as soon as the server answers, as a well-behaved client does.
 */
function send(
  path: string,
  options: { headers?: Record<string, string>; chunks: number; chunkBytes: number; agent?: Agent },
): Promise<Sent & { written: number }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let written = 0;
    const req = request(
      `${served.url}${path}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        agent: options.agent,
      },
      (res) => {
        answered = true;
        let body = "";
        res.on("data", (part: Buffer) => {
          body += part.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, written }));
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(options.chunkBytes, 0x61);
    const write = (left: number) => {
      if (answered || left === 0) {
        req.end();
        return;
      }
      written += chunk.length;
      if (req.write(chunk)) setImmediate(() => write(left - 1));
      else req.once("drain", () => write(left - 1));
    };
    write(options.chunks);
  });
}

describe("bodies are capped before they are read", () => {
  it("refuses a declared 600 MB body to the public chat API at once, having read almost none of it", async () => {
    const before = process.memoryUsage().rss;
    const answer = await send("/api/chat", {
      headers: { "content-length": String(600 * 2 ** 20) },
      chunks: 600,
      chunkBytes: 2 ** 20,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: "Nội dung quá lớn: chỉ gửi một lệnh, tối đa 1.000 ký tự.",
    });
    expect(answer.written).toBeLessThan(100 * 2 ** 20);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
  });

  it("refuses a streamed (chunked) body over the cap, to the chat API and to a webhook", async () => {
    const chat = await send("/api/chat", { chunks: 64, chunkBytes: 1024 });
    expect(chat.status).toBe(413);
    const webhook = await send("/webhook/telegram", {
      headers: { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
      chunks: 2000,
      chunkBytes: 1024,
    });
    expect(webhook.status).toBe(413);
    expect(JSON.parse(webhook.body)).toEqual({ error: "Nội dung webhook quá lớn." });
  });

  it("closes the connection of a refused chunked body, so the client's next request succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await send("/webhook/telegram", {
        headers: { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
        chunks: 1200,
        chunkBytes: 1024,
        agent,
      });
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe("close");
      const next = await send("/api/chat", { chunks: 0, chunkBytes: 0, agent });
      expect(next.status).toBe(400); // reached the route: the empty body's own answer
    } finally {
      agent.destroy();
    }
  });
});

describe("every reason is Vietnamese", () => {
  it.each([
    ["null", 'nội dung phải là một đối tượng JSON: {"text": "/diem Tân Hồng 2022"}'],
    ["[]", 'nội dung phải là một đối tượng JSON: {"text": "/diem Tân Hồng 2022"}'],
    ['{"text": 5}', "thiếu trường text (chuỗi)"],
    ["not json", 'Nội dung phải là JSON: {"text": "/diem Tân Hồng 2022"}.'],
  ])("answers the body %s with a Vietnamese reason", async (body, reason) => {
    const response = await harness.app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: reason });
  });
});

describe("a flood from one address", () => {
  it("is answered 429 for that address only, and /health stays fast", async () => {
    const app = createApp({
      chat: { handle: async () => ({ lines: [], choices: [] }) },
      store: harness.store,
      pingDatabase: () => harness.store.units.count(),
      telegram: null,
      zalo: null,
      log: silentLog,
      now: () => new Date(),
      publicRateLimit: 5,
    });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await app.request("/api/notices", {}, from("10.0.0.1"))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const refused = await app.request("/api/notices", {}, from("10.0.0.1"));
    expect(await refused.json()).toEqual({
      error: "Bạn gửi quá nhiều yêu cầu. Vui lòng chờ một phút rồi thử lại.",
    });
    expect(refused.headers.get("ratelimit-policy")).toContain("5");
    expect(refused.headers.get("connection")).toBe("close");
    expect((await app.request("/api/notices", {}, from("10.0.0.2"))).status).toBe(200);
    const started = performance.now();
    expect((await app.request("/health", {}, from("10.0.0.1"))).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("behind a trusted proxy, counts by the address the proxy appended, not a spoofed one", async () => {
    const app = createApp({
      chat: { handle: async () => ({ lines: [], choices: [] }) },
      store: harness.store,
      pingDatabase: () => harness.store.units.count(),
      telegram: null,
      zalo: null,
      log: silentLog,
      now: () => new Date(),
      publicRateLimit: 2,
      trustProxy: true,
    });
    const proxy = { incoming: { socket: { remoteAddress: "127.0.0.1" } } };
    const via = (chain: string) =>
      app.request("/api/notices", { headers: { "x-forwarded-for": chain } }, proxy);
    expect((await via("1.1.1.1, 203.0.113.7")).status).toBe(200);
    expect((await via("9.9.9.9, 203.0.113.7")).status).toBe(200);
    expect((await via("8.8.8.8, 203.0.113.7")).status).toBe(429);
    expect((await via("203.0.113.8")).status).toBe(200);
  });
});
