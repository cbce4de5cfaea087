/**
 * Shapes of the Zalo Bot Platform API (https://bot-api.zaloplatforms.com), per the research notes in
 * shared/docs/zalo.md §1. Objects are loose: Zalo adds fields without notice, and ids are opaque
 * strings even when a number arrives.
 */
import { z } from "zod";

const opaqueId = z.union([z.string().min(1), z.number()]).transform(String);
const epoch = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

export const ZALO_EVENTS = [
  "message.text.received",
  "message.image.received",
  "message.sticker.received",
  "message.unsupported.received",
] as const;

export type ZaloEventName = (typeof ZALO_EVENTS)[number];

export const envelopeSchema = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
});

export const meSchema = z.looseObject({
  id: opaqueId,
  account_name: z.string().optional(),
  account_type: z.string().optional(),
  can_join_groups: z.boolean().optional(),
});

export const sentSchema = z.looseObject({ message_id: opaqueId, date: epoch });

export const webhookInfoSchema = z.looseObject({ url: z.string(), updated_at: epoch.optional() });

export const messageSchema = z.looseObject({
  message_id: opaqueId,
  /** Milliseconds since the epoch as documented; some senders use seconds (see `messageDate`). */
  date: epoch,
  from: z.looseObject({
    id: opaqueId,
    display_name: z.string().optional(),
    name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
  /** Replies and pushes go to `chat.id`; in a private chat it equals `from.id`. */
  chat: z.looseObject({ id: opaqueId, chat_type: z.string().optional() }),
  text: z.string().optional(),
  photo: z.string().optional(),
  photo_url: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.string().optional(),
  url: z.string().optional(),
});

export const updateSchema = z.looseObject({
  event_name: z.string().min(1),
  message: messageSchema.optional(),
});

export type ZaloMe = z.infer<typeof meSchema>;
export type ZaloSentMessage = z.infer<typeof sentSchema>;
export type ZaloWebhookInfo = z.infer<typeof webhookInfoSchema>;
export type ZaloMessage = z.infer<typeof messageSchema>;
export type ZaloUpdate = z.infer<typeof updateSchema>;
