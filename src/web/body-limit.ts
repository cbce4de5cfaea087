/**
 * A cap on a request body, checked before it is read: a declared length over the cap is refused at
 * once (413); a streamed (chunked) body goes through hono's `bodyLimit`, which stops reading at the
 * cap. A refused body may be left half read on its connection, so the answer closes the connection:
 * the client's next request opens a fresh one instead of failing on the leftovers.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

function refuse(c: Context, message: string): Response {
  return c.json({ error: message }, 413, { connection: "close" });
}

export function limitBody(maxBytes: number, message: string): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: (c) => refuse(c, message) });
  // A declared length is checked as declared. Hono's bodyLimit would first read `c.req.raw.body`,
  // which turns @hono/node-server's lightweight request into a full Request with a body stream and
  // costs more than the rest of a webhook; only a streamed (chunked) body goes through it.
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamed(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) return refuse(c, message);
    await next();
  };
}
