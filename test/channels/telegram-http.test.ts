/**
 * The Telegram webhook once over real loopback HTTP: the app served by @hono/node-server, as
 * `npm start` serves it, receiving what Telegram would POST.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiDoubles,
  type Harness,
  startApiDoubles,
  startHarness,
  TELEGRAM_SECRET,
  telegramText,
} from "../support/channel-harness.ts";
import { type ServedApp, serveOnLoopback } from "../support/serve.ts";

let apis: ApiDoubles;
let harness: Harness;
let served: ServedApp;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis });
  served = await serveOnLoopback(harness.app);
});
afterAll(async () => {
  await served.close();
  harness.close();
  await apis.close();
});

function post(body: unknown, secret?: string) {
  return fetch(`${served.url}/webhook/telegram`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
    },
    body: JSON.stringify(body),
  });
}

describe("POST /webhook/telegram over HTTP", () => {
  it("answers an update and sends the reply to the Bot API", async () => {
    const response = await post(telegramText("/help"), TELEGRAM_SECRET);
    expect(response.status).toBe(200);
    const [call, ...more] = apis.telegram.callsTo("sendMessage");
    expect(more).toEqual([]);
    expect(call?.params).toMatchObject({ chat_id: 4242, parse_mode: "HTML" });
    expect(call?.params.text).toContain("Các lệnh chính:");
  });

  it("answers 401 to a wrong secret", async () => {
    apis.telegram.reset();
    const response = await post(telegramText("/help"), "guess");
    expect(response.status).toBe(401);
    expect(apis.telegram.calls).toEqual([]);
  });
});
