import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient, ZaloApiError } from "../../src/channels/zalo/index.ts";
import { type FakeZaloApi, startFakeZaloApi, zaloTextEvent } from "../support/fake-zalo-api.ts";

let zalo: FakeZaloApi;
let lenient: FakeZaloApi;

beforeAll(async () => {
  zalo = await startFakeZaloApi();
  lenient = await startFakeZaloApi({ errorsWithHttp200: true });
});

beforeEach(() => {
  zalo.reset();
  lenient.reset();
});

afterAll(async () => {
  await zalo.close();
  await lenient.close();
});

const clientFor = (api: FakeZaloApi, token = api.token) =>
  createZaloClient({ token, apiRoot: `${api.apiRoot}/`, timeoutMs: 5_000 });

async function caught(promise: Promise<unknown>): Promise<ZaloApiError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ZaloApiError);
  return error as ZaloApiError;
}

describe("Zalo client against the loopback Zalo Bot API", () => {
  it("reads the bot's identity", async () => {
    await expect(clientFor(zalo).getMe()).resolves.toMatchObject({
      account_name: "Bot CCHC",
      account_type: "BASIC",
    });
  });

  it("sends NFC text and returns the message id", async () => {
    const sent = await clientFor(zalo).sendMessage("chat-1", "Tân Hồng".normalize("NFD"));
    expect(sent.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(sent.date).toBeGreaterThan(1_700_000_000_000);
    expect(zalo.sentTexts()).toEqual(["Tân Hồng"]);
    expect(zalo.callsTo("sendMessage")[0]?.params).toEqual({ chat_id: "chat-1", text: "Tân Hồng" });
  });

  it("refuses text outside 1–2000 characters before calling", async () => {
    const error = await caught(clientFor(zalo).sendMessage("chat-1", "a".repeat(2001)));
    expect(error).toMatchObject({ errorCode: 400, httpStatus: 0, retryable: false });
    await caught(clientFor(zalo).sendMessage("chat-1", ""));
    expect(zalo.calls).toEqual([]);
  });

  it("shows typing", async () => {
    await clientFor(zalo).sendChatAction("chat-1");
    expect(zalo.callsTo("sendChatAction")[0]?.params).toEqual({ chat_id: "chat-1", action: "typing" });
  });

  it("sets, reads and deletes the webhook", async () => {
    const client = clientFor(zalo);
    const set = await client.setWebhook("https://cchc.example.vn/webhook/zalo", "a-long-secret-1");
    expect(set.url).toBe("https://cchc.example.vn/webhook/zalo");
    expect(zalo.webhook.secretToken).toBe("a-long-secret-1");
    await expect(client.getWebhookInfo()).resolves.toMatchObject({
      url: "https://cchc.example.vn/webhook/zalo",
    });
    await expect(client.deleteWebhook()).resolves.toMatchObject({ url: "" });
    await caught(client.setWebhook("http://insecure.example.vn", "a-long-secret-1"));
    await caught(client.setWebhook("https://cchc.example.vn", "short"));
  });

  it("long-polls one update at a time and returns null on 408", async () => {
    const client = clientFor(zalo);
    zalo.pushUpdate(zaloTextEvent("/diem", { wrapped: false, messageId: "m1" }) as { event_name: string });
    const update = await client.getUpdates({ timeoutSeconds: 1 });
    expect(update).toMatchObject({
      event_name: "message.text.received",
      message: { message_id: "m1", text: "/diem" },
    });
    await expect(client.getUpdates({ timeoutSeconds: 1 })).resolves.toBeNull();
    expect(zalo.callsTo("getUpdates").map((call) => call.params)).toEqual([
      { timeout: "1" },
      { timeout: "1" },
    ]);
  });

  it("turns a wrong token into a fatal error that never shows the token", async () => {
    const secretToken = "42:wrong-token-that-must-stay-secret";
    const error = await caught(clientFor(zalo, secretToken).getMe());
    expect(error).toMatchObject({
      code: "ZALO_API_ERROR",
      errorCode: 401,
      httpStatus: 401,
      retryable: false,
    });
    expect(`${error.message} ${JSON.stringify(error.details)} ${error.stack}`).not.toContain("wrong-token");
  });

  it("marks quota and server errors retryable", async () => {
    zalo.fail("sendMessage", { status: 429 });
    zalo.fail("getMe", { status: 500 });
    const quota = await caught(clientFor(zalo).sendMessage("chat-1", "x"));
    expect(quota).toMatchObject({ errorCode: 429, description: "Quota exceeded", retryable: true });
    expect((await caught(clientFor(zalo).getMe())).retryable).toBe(true);
  });

  it("reads errors sent as HTTP 200 with ok:false", async () => {
    lenient.fail("sendMessage", { status: 429 });
    const error = await caught(clientFor(lenient).sendMessage("chat-1", "x"));
    expect(error).toMatchObject({ errorCode: 429, httpStatus: 200, retryable: true });
    await expect(clientFor(lenient).getUpdates({ timeoutSeconds: 1 })).resolves.toBeNull();
  });

  it("reports network failures and timeouts without the URL", async () => {
    const token = "7:token-in-the-url";
    const closed = createZaloClient({ token, apiRoot: "http://127.0.0.1:9", timeoutMs: 2_000 });
    const network = await caught(closed.getMe());
    expect(network).toMatchObject({
      errorCode: 0,
      httpStatus: 0,
      retryable: true,
      description: "network error",
    });
    expect(network.message).not.toContain(token);

    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const slow = createZaloClient({ token, timeoutMs: 50, fetch: hanging });
    expect(await caught(slow.getMe())).toMatchObject({ description: "timeout after 50 ms", retryable: true });
  });

  it("rejects a malformed answer", async () => {
    const garbage: typeof fetch = async () => new Response("<html>bad gateway</html>", { status: 502 });
    const client = createZaloClient({ token: "7:x", fetch: garbage });
    expect(await caught(client.getMe())).toMatchObject({ errorCode: 502, retryable: true });
    const wrongShape: typeof fetch = async () => Response.json({ ok: true, result: { nope: 1 } });
    expect(await caught(createZaloClient({ token: "7:x", fetch: wrongShape }).getMe())).toMatchObject({
      description: "unexpected response shape",
    });
  });
});

describe("loopback Zalo Bot API itself", () => {
  const post = (api: FakeZaloApi, path: string, body: object) =>
    fetch(`${api.apiRoot}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("rejects unknown methods with 400 and texts over 2000 characters with 400", async () => {
    const unknown = await post(zalo, `/bot${zalo.token}/sendVideo`, {});
    expect(unknown.status).toBe(400);
    const tooLong = await post(zalo, `/bot${zalo.token}/sendMessage`, {
      chat_id: "c",
      text: "a".repeat(2001),
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ ok: false, error_code: 400 });
    const unauthorized = await post(zalo, "/botnope:nope/getMe", {});
    expect(unauthorized.status).toBe(401);
  });
});
