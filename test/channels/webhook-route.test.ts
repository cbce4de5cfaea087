/**
 * The webhook route's own checks, over real HTTP (@hono/node-server): the body limit, whether the
 * sender declares the length or streams the body in chunks.
 */
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountWebhook } from "../../src/channels/webhook-route.ts";
import { silentLog } from "../../src/log.ts";
import { type ServedApp, serveOnLoopback } from "../support/serve.ts";

const SECRET = "route-secret";
const handled: unknown[] = [];
let served: ServedApp;

beforeAll(async () => {
  const app = new Hono();
  mountWebhook(app, "/hook", {
    platform: "Thử",
    header: "X-Secret",
    secret: SECRET,
    log: silentLog,
    handle: async (body) => handled.push(body),
  });
  served = await serveOnLoopback(app);
});
afterAll(() => served.close());

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${served.url}/hook`, {
    method: "POST",
    headers: { "X-Secret": SECRET, "content-type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);

function streamOf(text: string, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

const big = JSON.stringify({ update_id: 1, padding: "x".repeat(1024 * 1024) });

describe("the webhook body limit", () => {
  it("hands a body of declared length to the channel", async () => {
    handled.length = 0;
    const response = await post(JSON.stringify({ update_id: 7 }));
    expect(response.status).toBe(200);
    expect(handled).toEqual([{ update_id: 7 }]);
  });

  it("refuses a declared length over 1 MiB with 413, before reading it", async () => {
    handled.length = 0;
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Nội dung webhook quá lớn." });
    expect(response.headers.get("connection")).toBe("close");
    expect(handled).toEqual([]);
  });

  it("reads a streamed body up to the limit, and refuses one past it with 413", async () => {
    handled.length = 0;
    expect((await post(streamOf(JSON.stringify({ update_id: 8 })))).status).toBe(200);
    expect(handled).toEqual([{ update_id: 8 }]);
    const response = await post(streamOf(big));
    expect(response.status).toBe(413);
    expect(handled).toHaveLength(1);
  });

  it("checks the secret before the size", async () => {
    handled.length = 0;
    const response = await post(big, { "X-Secret": "wrong" });
    expect(response.status).toBe(401);
    expect(handled).toEqual([]);
  });
});
