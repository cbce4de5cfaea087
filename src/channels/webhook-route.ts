/**
 * The Hono handlers of one platform's webhook: the shared secret is checked in constant time before
 * the body is touched (401, nothing read, nothing processed), then the body is capped, parsed and
 * handed to the channel. A body that is not JSON is the sender's problem: logged and answered 200,
 * since a redelivery would be just as broken.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { verifySecret } from "../chat/secret.ts";
import type { Log } from "../log.ts";
import { metrics } from "../metrics.ts";
import { limitBody } from "../web/body-limit.ts";

/** Telegram and Zalo updates are a few kilobytes; this is generous. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookRouteOptions {
  platform: string;
  header: string;
  /** Null: the channel is off or polls, and the route answers 404. */
  secret: string | null;
  log: Log;
  /** Throws ChannelUnavailableError on our own outage (answered 503 by the app). */
  handle(body: unknown, c: Context): Promise<unknown>;
}

export function mountWebhook(app: Hono, path: string, options: WebhookRouteOptions): void {
  const { platform, header, secret, log } = options;
  const label = platform.toLowerCase();
  const count = (outcome: string) => metrics.updates.inc({ platform: label, outcome });
  const checkSecret: MiddlewareHandler = async (c, next) => {
    if (secret === null) throw new HTTPException(404, { message: `Kênh ${platform} không nhận webhook.` });
    if (!verifySecret(c.req.header(header), secret)) {
      log.warn(`${platform} webhook: wrong or missing secret`);
      count("unauthorized");
      throw new HTTPException(401, { message: "Sai hoặc thiếu mã bí mật của webhook." });
    }
    await next();
  };
  const capped = limitBody(MAX_BODY_BYTES, "Nội dung webhook quá lớn.");
  const limit: MiddlewareHandler = async (c, next) => {
    const answer = await capped(c, next);
    if (answer instanceof Response && answer.status === 413) count("too_large");
    return answer;
  };
  const handle = async (c: Context) => {
    const body = await readJson(c);
    if (body === undefined) {
      log.warn(`${platform} webhook: body is not JSON`);
      count("rejected");
      return c.json({ ok: true });
    }
    try {
      count(String(await options.handle(body, c)));
    } catch (error) {
      count("unavailable");
      throw error;
    }
    return c.json({ ok: true });
  };
  app.post(path, checkSecret, limit, handle);
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
}
