/**
 * POST /api/chat for the playground: `{ text }` in, `{ html, text, choices }` out, run by the chat
 * service as platform "web". The conversation is one browser's: its chat id rides in a cookie,
 * created on first use.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { type Choice, isReply } from "../../commands/reply.ts";
import { toPlainText, toTelegramHtml } from "../chat/render.ts";
import type { ChatService } from "../chat/service.ts";
import type { Store } from "../store/index.ts";

export const WEB_CHAT_COOKIE = "cchc_chat";
/** A command and its arguments; anything longer is not something a chair types. */
export const MAX_WEB_TEXT = 1000;

const requestSchema = z.object(
  {
    text: z
      .string({ error: "thiếu trường text (chuỗi)" })
      .trim()
      .min(1, "text đang trống")
      .max(MAX_WEB_TEXT, `text dài quá ${MAX_WEB_TEXT} ký tự`),
  },
  { error: 'nội dung phải là một đối tượng JSON: {"text": "/diem Tân Hồng 2022"}' },
);

export interface ChatApiAnswer {
  /** Telegram's HTML subset (b, i, code, a), escaped by the renderer. */
  html: string;
  text: string;
  choices: readonly Choice[];
}

/** A fresh chat id for a browser: 128 random bits, hex. */
export function newWebChatId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${[...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** The browser's chat id from its cookie, set (for a year, this site only, no script access) if absent. */
export function webChatId(c: Context): string {
  const known = getCookie(c, WEB_CHAT_COOKIE);
  if (known !== undefined && /^web-[0-9a-f]{32}$/.test(known)) return known;
  const fresh = newWebChatId();
  setCookie(c, WEB_CHAT_COOKIE, fresh, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 365 * 24 * 3600,
  });
  return fresh;
}

export interface WebNotice {
  id: number;
  html: string;
  text: string;
  choices: readonly Choice[];
  /** ISO instant. */
  sentAt: string | null;
}

/** On opening the page: the chat's latest notices; then up to this many a poll, in order. */
const NOTICES_PER_POLL = 20;

/**
 * GET /api/notices?after=<cursor>: the notices delivered to this browser's playground chat, in the
 * order they were delivered (the sender records a playground delivery as sent; the page asks every
 * few seconds). Without a cursor: the latest ones, as a chat app shows its last messages.
 */
export function noticesApi(store: Pick<Store, "chats" | "outbox">) {
  return async (c: Context) => {
    const after = c.req.query("after");
    if (after !== undefined && !/^\d{1,12}$/.test(after)) {
      throw new HTTPException(400, { message: "after phải là số thứ tự của thông báo đã nhận." });
    }
    const chat = await store.chats.get("web", webChatId(c));
    if (chat === null) return c.json({ cursor: Number(after ?? 0), notices: [] });
    const rows = await store.outbox.deliveredTo(chat.id, {
      ...(after === undefined ? {} : { afterSeq: Number(after) }),
      limit: NOTICES_PER_POLL,
    });
    const notices: WebNotice[] = [];
    for (const row of rows) {
      if (!isReply(row.body)) continue;
      const body = row.body;
      notices.push({
        id: row.id,
        html: toTelegramHtml(body),
        text: toPlainText(body),
        choices: body.choices,
        sentAt: row.sentAt,
      });
    }
    const cursor = Math.max(Number(after ?? 0), ...rows.map((row) => row.seq));
    return c.json({ cursor, notices });
  };
}

export function chatApi(chat: ChatService, now: () => Date) {
  return async (c: Context) => {
    const body = await c.req.json().catch(() => {
      throw new HTTPException(400, { message: 'Nội dung phải là JSON: {"text": "/diem Tân Hồng 2022"}.' });
    });
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) {
      throw new HTTPException(400, { message: parsed.error.issues[0]?.message ?? "yêu cầu không hợp lệ" });
    }
    const chatId = webChatId(c);
    const reply = await chat.handle(
      { platform: "web", chatId, chatType: "private", userId: chatId, text: parsed.data.text },
      now(),
    );
    const answer: ChatApiAnswer = {
      html: toTelegramHtml(reply),
      text: toPlainText(reply),
      choices: reply.choices,
    };
    return c.json(answer);
  };
}
