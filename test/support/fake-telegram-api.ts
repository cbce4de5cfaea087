/**
 * TEST DOUBLE: a loopback Telegram Bot API server for tests, speaking the real protocol
 * (`POST /bot<token>/<method>` with JSON, form or multipart bodies, `{ ok, result }` answers) so a
 * real grammY bot can be pointed at it with `client: { apiRoot }`. It records every call, checks
 * what Telegram checks for messages (HTML entities, 4096 characters), and can be scripted to fail
 * like Telegram does (429 with retry_after, 500, 403 blocked, 400 with migrate_to_chat_id). It is
 * not Telegram: only the methods the bot uses are answered; anything else is 404 as on the real
 * server.
 *
 * @example
 * const telegram = await startFakeTelegramApi();
 * const bot = new Bot(telegram.token, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } });
 * telegram.fail("sendMessage", { status: 429, retryAfter: 1 });
 */
import type { Update, UserFromGetMe } from "grammy/types";
import {
  type LoopbackRequest,
  type LoopbackResponse,
  readParams,
  startLoopbackServer,
  Wakeup,
} from "./fake-http.ts";

export interface RecordedTelegramCall {
  /** When the call arrived (epoch milliseconds, sub-millisecond precision): for rate checks. */
  at: number;
  method: string;
  params: Record<string, unknown>;
  /** False when the token in the path was wrong (answered 401). */
  authorized: boolean;
  /** The HTTP status answered. */
  status: number;
}

export type TelegramFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 403; description?: string }
  | { status: 400; description: string }
  /** A group upgraded to a supergroup: Telegram refuses the old id and names the new one. */
  | { status: 400; migrateToChatId: number }
  /** No answer for `ms`, then the connection drops: a Bot API that does not answer in time. */
  | { status: "hang"; ms: number }
  /** The connection drops without an answer (a network failure). */
  | { status: "drop" };

export interface FakeTelegramApi {
  readonly apiRoot: string;
  readonly token: string;
  /** Pass as `botInfo` so grammY skips getMe. */
  readonly botInfo: UserFromGetMe;
  /** Every call in arrival order, failed ones included. */
  readonly calls: readonly RecordedTelegramCall[];
  /** Authorized calls of one method. */
  callsTo(method: string): RecordedTelegramCall[];
  /** The texts of the messages sent successfully, in order. */
  sentTexts(): string[];
  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: TelegramFailure, times?: number): void;
  /** The next `times` calls of `method` are answered as usual, before any failure queued after. */
  pass(method: string, times?: number): void;
  /** Every sendMessage to this chat fails this way from now on (a user who blocked the bot…). */
  failChat(chatId: number, failure: TelegramFailure): void;
  /** Each sendMessage fails with probability `rate`, with one of `failures` (a seeded draw). */
  chaos(rate: number, failures: readonly TelegramFailure[], seed?: number): void;
  /** While down, every call drops its connection (the Bot API unreachable). */
  setDown(down: boolean): void;
  /** Queues an update for getUpdates (long polling); update_id is assigned when missing. */
  pushUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): void;
  readonly webhookUrl: string;
  readonly commands: readonly unknown[];
  /** Forgets calls, failures, queued updates, webhook and commands. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTelegramApiOptions {
  token?: string;
  /** Longest a getUpdates call is held open when no update is queued. Default 200 ms. */
  maxPollMs?: number;
}

const MESSAGE_LIMIT = 4096;

export async function startFakeTelegramApi(options: FakeTelegramApiOptions = {}): Promise<FakeTelegramApi> {
  const token = options.token ?? "123456789:TEST-token_for-the-fake-bot-api-0000";
  const botId = Number(token.split(":")[0]);
  const botInfo: UserFromGetMe = {
    id: botId,
    is_bot: true,
    first_name: "CCHC Bot",
    username: "cchc_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const calls: RecordedTelegramCall[] = [];
  /** Per method, what its next calls meet: a failure, or null for the usual answer. */
  const failures = new Map<string, (TelegramFailure | null)[]>();
  const chatFailures = new Map<string, TelegramFailure>();
  let chaos: { rate: number; failures: readonly TelegramFailure[]; next: () => number } | null = null;
  let down = false;
  let updates: Update[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhookUrl = "";
  let commands: unknown[] = [];
  const arrivals = new Wakeup();

  const ok = (result: unknown): LoopbackResponse => ({ status: 200, json: { ok: true, result } });
  const error = (status: number, description: string, parameters?: object): LoopbackResponse => ({
    status,
    json: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
  });

  function message(params: Record<string, unknown>, text: string) {
    const chatId = Number(params.chat_id);
    const type = chatId > 0 ? "private" : chatId <= -1_000_000_000_000 ? "supergroup" : "group";
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat:
        type === "private" ? { id: chatId, type, first_name: "Test" } : { id: chatId, type, title: "Test" },
      from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username },
      text,
    };
  }

  function checkedText(params: Record<string, unknown>): { text: string } | { problem: LoopbackResponse } {
    if (params.chat_id === undefined || params.chat_id === "") {
      return { problem: error(400, "Bad Request: chat_id is empty") };
    }
    const source = typeof params.text === "string" ? params.text : "";
    const parsed = params.parse_mode === "HTML" ? parseTelegramHtml(source) : { text: source };
    if ("error" in parsed)
      return { problem: error(400, `Bad Request: can't parse entities: ${parsed.error}`) };
    if (parsed.text.trim() === "") return { problem: error(400, "Bad Request: message text is empty") };
    if (parsed.text.length > MESSAGE_LIMIT)
      return { problem: error(400, "Bad Request: message is too long") };
    return { text: parsed.text };
  }

  async function answer(method: string, params: Record<string, unknown>): Promise<LoopbackResponse> {
    switch (method) {
      case "getMe":
        return ok(botInfo);
      case "sendMessage":
      case "editMessageText": {
        const checked = checkedText(params);
        return "problem" in checked ? checked.problem : ok(message(params, checked.text));
      }
      case "sendChatAction":
      case "answerCallbackQuery":
      case "deleteMessage":
      case "setChatMenuButton":
        return ok(true);
      case "setWebhook":
        webhookUrl = String(params.url ?? "");
        return ok(true);
      case "deleteWebhook":
        webhookUrl = "";
        return ok(true);
      case "getWebhookInfo":
        return ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: updates.length });
      case "setMyCommands":
        commands = Array.isArray(params.commands) ? params.commands : [];
        return ok(true);
      case "getMyCommands":
        return ok(commands);
      case "deleteMyCommands":
        commands = [];
        return ok(true);
      case "getUpdates":
        return ok(await poll(params));
      default:
        return error(404, "Not Found");
    }
  }

  async function poll(params: Record<string, unknown>): Promise<Update[]> {
    if (webhookUrl !== "") return [];
    const offset = Number(params.offset ?? 0);
    updates = updates.filter((update) => update.update_id >= offset);
    if (updates.length === 0) {
      const seconds = Number(params.timeout ?? 0);
      await arrivals.wait(Math.min(seconds * 1000, options.maxPollMs ?? 200));
    }
    const limit = Number(params.limit ?? 100);
    return updates.filter((update) => update.update_id >= offset).slice(0, limit);
  }

  async function handle(request: LoopbackRequest): Promise<LoopbackResponse> {
    const route = /^\/bot([^/]+)\/([A-Za-z]+)(?:\?.*)?$/.exec(request.url);
    if (!route) return error(404, "Not Found");
    const [, pathToken, method] = route as unknown as [string, string, string];
    const params = await readParams(request);
    const call: RecordedTelegramCall = {
      at: request.receivedAt,
      method,
      params,
      authorized: pathToken === token,
      status: 0,
    };
    calls.push(call);
    if (down) {
      call.status = -1;
      return { status: 0, json: null, destroy: true };
    }
    let response: LoopbackResponse;
    const scripted =
      failures.get(method)?.shift() ?? (method === "sendMessage" ? standingFailure(params) : null);
    if (!call.authorized) response = error(401, "Unauthorized");
    else if (scripted) response = await failureResponse(scripted);
    else response = await answer(method, params);
    call.status = response.destroy ? -1 : response.status;
    return response;
  }

  function standingFailure(params: Record<string, unknown>): TelegramFailure | null {
    const forChat = chatFailures.get(String(params.chat_id));
    if (forChat) return forChat;
    if (chaos && chaos.next() < chaos.rate) {
      return chaos.failures[Math.floor(chaos.next() * chaos.failures.length)] ?? null;
    }
    return null;
  }

  async function failureResponse(failure: TelegramFailure): Promise<LoopbackResponse> {
    switch (failure.status) {
      case "hang":
        await new Promise((resolve) => setTimeout(resolve, failure.ms));
        return { status: 0, json: null, destroy: true };
      case "drop":
        return { status: 0, json: null, destroy: true };
      case 429:
        return error(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
          retry_after: failure.retryAfter,
        });
      case 500:
        return error(500, "Internal Server Error");
      case 403:
        return error(403, failure.description ?? "Forbidden: bot was blocked by the user");
      case 400:
        return "migrateToChatId" in failure
          ? error(400, "Bad Request: group chat was upgraded to a supergroup chat", {
              migrate_to_chat_id: failure.migrateToChatId,
            })
          : error(400, failure.description);
    }
  }

  const server = await startLoopbackServer(handle);
  return {
    apiRoot: server.url,
    token,
    botInfo,
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
    failChat(chatId, failure) {
      chatFailures.set(String(chatId), failure);
    },
    chaos(rate, list, seed = 1) {
      let state = seed >>> 0 || 1;
      // xorshift32: the same faults for the same seed, so a failing run can be replayed.
      const next = () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 2 ** 32;
      };
      chaos = { rate, failures: list, next };
    },
    setDown(value) {
      down = value;
    },
    pass(method, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(null);
      failures.set(method, queue);
    },
    pushUpdate(update) {
      updates.push({ ...update, update_id: update.update_id ?? nextUpdateId++ } as Update);
      arrivals.wakeAll();
    },
    get webhookUrl() {
      return webhookUrl;
    },
    get commands() {
      return commands;
    },
    reset() {
      calls.length = 0;
      failures.clear();
      chatFailures.clear();
      chaos = null;
      down = false;
      updates = [];
      webhookUrl = "";
      commands = [];
    },
    async close() {
      arrivals.wakeAll();
      await server.close();
    },
  };
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Telegram's HTML parse mode, as far as a test needs it: the supported tags, properly nested and
 * closed, and only &lt; &gt; &amp; &quot; and numeric entities. Returns the message's plain text.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const open: string[] = [];
  let text = "";
  let at = 0;
  while (at < html.length) {
    const char = html[at]!;
    if (char === "<") {
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"]*"|='[^']*')?)*)\s*>/.exec(
        html.slice(at),
      );
      if (!tag) return { error: `Unsupported start tag at byte offset ${at}` };
      const [raw, closing, rawName] = tag as unknown as [string, string, string];
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return { error: `Unsupported start tag "${name}" at byte offset ${at}` };
      if (closing) {
        if (open.pop() !== name) return { error: `Unexpected end tag at byte offset ${at}` };
      } else open.push(name);
      at += raw.length;
      continue;
    }
    if (char === "&") {
      const entity = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(html.slice(at, at + 16));
      if (!entity) return { error: `Character entity expected at byte offset ${at}` };
      const body = entity[1]!;
      const decoded = body.startsWith("#x")
        ? String.fromCodePoint(Number.parseInt(body.slice(2), 16))
        : body.startsWith("#")
          ? String.fromCodePoint(Number(body.slice(1)))
          : NAMED_ENTITIES[body];
      if (decoded === undefined) return { error: `Unsupported HTML entity at byte offset ${at}` };
      text += decoded;
      at += entity[0].length;
      continue;
    }
    if (char === ">") return { error: `Unexpected end of name token at byte offset ${at}` };
    text += char;
    at++;
  }
  if (open.length > 0) return { error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { text };
}
