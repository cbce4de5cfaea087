/**
 * TEST DOUBLE: a loopback Zalo Bot Platform API server for tests, speaking the protocol documented
 * in shared/docs/zalo.md (`POST /bot<token>/<method>`, JSON, `{ ok, result | error_code,
 * description }`). Unknown token → 401; unknown method → 400; text outside 1–2000 characters → 400;
 * getUpdates hands out queued updates one at a time and answers 408 when none arrives; failures can
 * be scripted (429 "Quota exceeded", 500…). It is not Zalo: whether real Zalo answers errors with a
 * matching HTTP status or with 200 is unconfirmed, so both are available (`errorsWithHttp200`).
 *
 * Also builds webhook bodies (`zaloTextEvent`, `zaloUnsupportedEvent`) in the documented wrapped
 * envelope or the unwrapped one seen on real webhooks.
 */
import {
  type LoopbackRequest,
  type LoopbackResponse,
  readParams,
  startLoopbackServer,
  Wakeup,
} from "./fake-http.ts";

export interface RecordedZaloCall {
  /** When the call arrived (epoch milliseconds). */
  at: number;
  method: string;
  params: Record<string, unknown>;
  authorized: boolean;
  /** The error_code answered, or 200. */
  status: number;
}

export type ZaloFailure =
  | { status: 429 }
  | { status: 500 }
  | { status: 403 }
  | { status: number; description: string };

export interface FakeZaloApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly calls: readonly RecordedZaloCall[];
  callsTo(method: string): RecordedZaloCall[];
  /** Texts of the messages accepted by sendMessage, in order. */
  sentTexts(): string[];
  fail(method: string, failure: ZaloFailure, times?: number): void;
  /** Queues one update (unwrapped `{ event_name, message }`) for getUpdates. */
  pushUpdate(update: object): void;
  readonly webhook: { url: string; secretToken: string };
  reset(): void;
  close(): Promise<void>;
}

export interface FakeZaloApiOptions {
  token?: string;
  /** Longest a getUpdates call waits before answering 408. Default 200 ms. */
  maxPollMs?: number;
  /** Answer errors as HTTP 200 with `ok: false` instead of an HTTP error status. */
  errorsWithHttp200?: boolean;
}

const TEXT_LIMIT = 2000;
const DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Internal server error",
  404: "Not found",
  408: "Request timeout",
  429: "Quota exceeded",
  500: "Internal server error",
};

export async function startFakeZaloApi(options: FakeZaloApiOptions = {}): Promise<FakeZaloApi> {
  const token = options.token ?? "1234567890123456789:fake-zalo-bot-secret";
  const calls: RecordedZaloCall[] = [];
  const failures = new Map<string, ZaloFailure[]>();
  let updates: object[] = [];
  const webhook = { url: "", secretToken: "", updatedAt: 0 };
  let sequence = 0;
  const arrivals = new Wakeup();

  const ok = (result?: unknown): LoopbackResponse => ({
    status: 200,
    json: result === undefined ? { ok: true } : { ok: true, result },
  });
  const error = (code: number, description = DESCRIPTIONS[code] ?? "Error"): LoopbackResponse => ({
    status: options.errorsWithHttp200 ? 200 : code,
    json: { ok: false, error_code: code, description },
  });
  const sent = () => ok({ message_id: (++sequence).toString(16).padStart(20, "a"), date: Date.now() });
  const webhookInfo = () => ({ url: webhook.url, updated_at: webhook.updatedAt });

  async function answer(method: string, params: Record<string, unknown>): Promise<LoopbackResponse> {
    switch (method) {
      case "getMe":
        return ok({
          id: token.split(":")[0],
          account_name: "Bot CCHC",
          account_type: "BASIC",
          can_join_groups: false,
        });
      case "sendMessage": {
        const text = typeof params.text === "string" ? params.text : "";
        if (!params.chat_id) return error(400, "chat_id is required");
        if (text.length < 1 || text.length > TEXT_LIMIT) return error(400, "text must be 1-2000 characters");
        return sent();
      }
      case "sendPhoto":
      case "sendSticker":
        return params.chat_id ? sent() : error(400, "chat_id is required");
      case "sendChatAction":
        return params.action === "typing" ? ok() : error(400, "action is not supported");
      case "setWebhook": {
        const url = String(params.url ?? "");
        const secret = String(params.secret_token ?? "");
        if (!url.startsWith("https://")) return error(400, "url must be https");
        if (secret.length < 8 || secret.length > 256)
          return error(400, "secret_token must be 8-256 characters");
        Object.assign(webhook, { url, secretToken: secret, updatedAt: Date.now() });
        return ok(webhookInfo());
      }
      case "deleteWebhook":
        Object.assign(webhook, { url: "", secretToken: "", updatedAt: Date.now() });
        return ok(webhookInfo());
      case "getWebhookInfo":
        return ok(webhookInfo());
      case "getUpdates": {
        if (updates.length === 0) {
          const seconds = Number(params.timeout ?? 30);
          await arrivals.wait(Math.min(seconds * 1000, options.maxPollMs ?? 200));
        }
        const update = updates.shift();
        return update ? ok(update) : error(408);
      }
      default:
        return error(400, "Bad Request: unknown method");
    }
  }

  async function handle(request: LoopbackRequest): Promise<LoopbackResponse> {
    const route = /^\/bot([^/]+)\/([A-Za-z]+)(?:\?.*)?$/.exec(request.url);
    if (!route) return error(404);
    const [, pathToken, method] = route as unknown as [string, string, string];
    const params = await readParams(request);
    const call: RecordedZaloCall = {
      at: request.receivedAt,
      method,
      params,
      authorized: pathToken === token,
      status: 0,
    };
    calls.push(call);
    const scripted = failures.get(method)?.shift();
    let response: LoopbackResponse;
    if (!call.authorized) response = error(401);
    else if (scripted)
      response = error(scripted.status, "description" in scripted ? scripted.description : undefined);
    else response = await answer(method, params);
    const body = response.json as { ok: boolean; error_code?: number };
    call.status = body.ok ? 200 : (body.error_code ?? response.status);
    return response;
  }

  const server = await startLoopbackServer(handle);
  return {
    apiRoot: server.url,
    token,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method && call.authorized),
    sentTexts: () =>
      calls
        .filter((call) => call.method === "sendMessage" && call.status === 200)
        .map((call) => String(call.params.text)),
    fail(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    pushUpdate(update) {
      updates.push(update);
      arrivals.wakeAll();
    },
    get webhook() {
      return { url: webhook.url, secretToken: webhook.secretToken };
    },
    reset() {
      calls.length = 0;
      failures.clear();
      updates = [];
      Object.assign(webhook, { url: "", secretToken: "", updatedAt: 0 });
    },
    async close() {
      arrivals.wakeAll();
      await server.close();
    },
  };
}

export interface ZaloEventOptions {
  chatId?: string;
  fromId?: string;
  messageId?: string;
  chatType?: "PRIVATE" | "GROUP";
  displayName?: string;
  date?: number;
  /** `{ ok: true, result: … }` as documented (default), or the bare event seen on real webhooks. */
  wrapped?: boolean;
}

let eventSequence = 0;

function event(eventName: string, extra: object, options: ZaloEventOptions): object {
  const fromId = options.fromId ?? "6ede9afa66b88fe6d6a9";
  const body = {
    event_name: eventName,
    message: {
      message_id: options.messageId ?? `msg${(++eventSequence).toString().padStart(8, "0")}`,
      date: options.date ?? Date.now(),
      from: { id: fromId, display_name: options.displayName ?? "Chủ tịch xã", is_bot: false },
      chat: { id: options.chatId ?? fromId, chat_type: options.chatType ?? "PRIVATE" },
      ...extra,
    },
  };
  return options.wrapped === false ? body : { ok: true, result: body };
}

/** A `message.text.received` webhook body. */
export function zaloTextEvent(text: string, options: ZaloEventOptions = {}): object {
  return event("message.text.received", { text }, options);
}

/** A `message.unsupported.received` body: what a protected sender's message looks like (no content). */
export function zaloUnsupportedEvent(options: ZaloEventOptions = {}): object {
  return event("message.unsupported.received", {}, options);
}
