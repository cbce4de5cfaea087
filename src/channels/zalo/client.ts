/**
 * A small typed client for the Zalo Bot Platform API (`POST <apiRoot>/bot<token>/<method>`, JSON).
 * Runtime-neutral: only the global fetch, AbortSignal and TextEncoder.
 */
import type { z } from "zod";
import { ZaloApiError } from "./errors.ts";
import {
  envelopeSchema,
  meSchema,
  sentSchema,
  webhookInfoSchema,
  type ZaloMe,
  type ZaloSentMessage,
  type ZaloUpdate,
  type ZaloWebhookInfo,
} from "./schemas.ts";
import { parseZaloUpdate } from "./update.ts";

export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";
export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloClientOptions {
  /** `<bot_id>:<secret>` from Zalo Bot Creator. */
  token: string;
  /** Another server speaking the same API (a test double, a proxy). */
  apiRoot?: string;
  /** Per request; getUpdates adds its long-poll time. Default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ZaloClient {
  getMe(): Promise<ZaloMe>;
  /**
   * Sends text of 1–2000 characters (NFC); split longer replies with `splitPlain` first. `signal`
   * ends the call sooner than the client's timeout (a webhook's deadline).
   */
  sendMessage(chatId: string, text: string, options?: { signal?: AbortSignal }): Promise<ZaloSentMessage>;
  sendChatAction(chatId: string, action?: "typing"): Promise<void>;
  /** `url` must be HTTPS; `secretToken` 8–256 characters, echoed in X-Bot-Api-Secret-Token. */
  setWebhook(url: string, secretToken: string): Promise<ZaloWebhookInfo>;
  deleteWebhook(): Promise<ZaloWebhookInfo>;
  getWebhookInfo(): Promise<ZaloWebhookInfo>;
  /** Long-polls for one update; null when none arrived in time (Zalo answers 408). */
  getUpdates(options?: { timeoutSeconds?: number }): Promise<ZaloUpdate | null>;
}

/**
 * @example
 * const zalo = createZaloClient({ token: config.zalo.token, apiRoot: config.zalo.apiRoot });
 * await zalo.sendMessage(update.message.chat.id, "Xin chào");
 */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const apiRoot = (options.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<T>(
    method: string,
    params: Record<string, unknown>,
    schema: z.ZodType<T>,
    waitMs = timeoutMs,
    signal?: AbortSignal,
  ): Promise<T> {
    const result = await send(method, params, waitMs, signal);
    const parsed = schema.safeParse(result);
    if (!parsed.success) throw failure(method, 0, "unexpected response shape", 200);
    return parsed.data;
  }

  async function send(
    method: string,
    params: Record<string, unknown>,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    let response: Response;
    let body: string;
    const timeout = AbortSignal.timeout(waitMs);
    try {
      response = await doFetch(`${apiRoot}/bot${options.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      body = await response.text();
    } catch (error) {
      // The raw error's message can quote the URL, and with it the token: keep only its kind.
      const kind =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? timeout.aborted
            ? `timeout after ${waitMs} ms`
            : "deadline reached"
          : "network error";
      throw failure(method, 0, kind, 0);
    }
    const envelope = envelopeSchema.safeParse(safeJson(body));
    if (!envelope.success) {
      throw failure(
        method,
        response.ok ? 0 : response.status,
        "response is not a Zalo envelope",
        response.status,
      );
    }
    const { ok, result, error_code, description } = envelope.data;
    if (!response.ok || !ok) {
      throw failure(method, error_code ?? response.status, description ?? "request failed", response.status);
    }
    return result;
  }

  function failure(method: string, errorCode: number, description: string, httpStatus: number): ZaloApiError {
    return new ZaloApiError({ method, errorCode, description: redactToken(description), httpStatus });
  }

  function redactToken(text: string): string {
    return options.token === "" ? text : text.split(options.token).join("***");
  }

  return {
    getMe: () => call("getMe", {}, meSchema),

    async sendMessage(chatId, text, sendOptions = {}) {
      const normalized = text.normalize("NFC");
      if (normalized.length < 1 || normalized.length > ZALO_TEXT_LIMIT) {
        throw failure("sendMessage", 400, `text must be 1–${ZALO_TEXT_LIMIT} characters`, 0);
      }
      return call(
        "sendMessage",
        { chat_id: chatId, text: normalized },
        sentSchema,
        timeoutMs,
        sendOptions.signal,
      );
    },

    async sendChatAction(chatId, action = "typing") {
      await send("sendChatAction", { chat_id: chatId, action }, timeoutMs);
    },

    async setWebhook(url, secretToken) {
      if (!/^https:\/\/\S+$/.test(url)) throw failure("setWebhook", 400, "url must be an HTTPS URL", 0);
      if (secretToken.length < 8 || secretToken.length > 256) {
        throw failure("setWebhook", 400, "secret_token must be 8–256 characters", 0);
      }
      return call("setWebhook", { url, secret_token: secretToken }, webhookInfoSchema);
    },

    deleteWebhook: () => call("deleteWebhook", {}, webhookInfoSchema),

    getWebhookInfo: () => call("getWebhookInfo", {}, webhookInfoSchema),

    async getUpdates({ timeoutSeconds = 30 } = {}) {
      let result: unknown;
      try {
        result = await send(
          "getUpdates",
          { timeout: String(timeoutSeconds) },
          timeoutSeconds * 1000 + timeoutMs,
        );
      } catch (error) {
        if (error instanceof ZaloApiError && error.errorCode === 408) return null;
        throw error;
      }
      if (result === undefined || result === null) return null;
      const parsed = parseZaloUpdate(result);
      if (!parsed.ok) throw failure("getUpdates", 0, `unexpected update: ${parsed.error}`, 200);
      return parsed.update;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
