import { updateSchema, type ZaloMessage, type ZaloUpdate } from "./schemas.ts";

export type ParsedZaloUpdate = { ok: true; update: ZaloUpdate } | { ok: false; error: string };

/**
 * Reads a webhook body or a getUpdates result. Zalo documents the wrapped envelope
 * `{ ok: true, result: { event_name, message } }`, but real webhooks have been seen unwrapped
 * (`{ event_name, message }`): both are accepted.
 */
export function parseZaloUpdate(body: unknown): ParsedZaloUpdate {
  const parsed = updateSchema.safeParse(unwrap(body));
  if (parsed.success) return { ok: true, update: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid update",
  };
}

function unwrap(body: unknown): unknown {
  if (
    typeof body === "object" &&
    body !== null &&
    "result" in body &&
    (body as { ok?: unknown }).ok === true
  ) {
    return (body as { result: unknown }).result;
  }
  return body;
}

/** When the message was sent; `date` is documented in milliseconds, but seconds have been seen. */
export function messageDate(message: Pick<ZaloMessage, "date">): Date {
  return new Date(message.date < 1e12 ? message.date * 1000 : message.date);
}
