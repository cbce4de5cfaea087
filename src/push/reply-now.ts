/**
 * A webhook's reply: sent at once through the port, retried while the webhook's deadline allows (a
 * 429's retry_after, a short backoff after a 5xx or a network failure), and otherwise handed to the
 * outbox with the parts already delivered, so that it is not lost and goes out, once, when the
 * platform is back. The platform sees its webhook answered in time whatever the Bot API does.
 */

import type { Reply } from "../../commands/reply.ts";
import { chatTag } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { Platform, Store } from "../store/index.ts";
import { type DeliverDeps, type Delivered, deliverTo } from "./deliver.ts";
import { type ChatAddress, isGroupType, type SendOutcome, type SendPort } from "./port.ts";

/** How long a webhook reply may take before it goes to the outbox: well inside the 10 s promised. */
export const REPLY_BUDGET_MS = 7000;
const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 300;

export interface ReplyNowDeps extends DeliverDeps {
  store: Pick<Store, "chats" | "subscriptions" | "outbox">;
  /** Tells the sender something was queued. */
  wakeSender?: () => void;
}

export interface ReplyNowOptions {
  /** Epoch milliseconds after which nothing more is tried in line. */
  deadline: number;
  replyTo?: number;
  /** The platform's update, for the outbox key (a redelivered update is not queued twice). */
  updateKey: string;
  /** When the update arrived (epoch milliseconds), for the reply-latency histogram. */
  receivedAt?: number;
}

export type ReplyResult = { status: "delivered" | "queued" | "refused"; outcome: SendOutcome };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replyNow(
  port: SendPort,
  deps: ReplyNowDeps,
  to: ChatAddress,
  reply: Reply,
  options: ReplyNowOptions,
): Promise<ReplyResult> {
  const started = options.receivedAt ?? Date.now();
  const result = await replyWithinBudget(port, deps, to, reply, options);
  metrics.replySeconds.observe(
    { platform: port.platform, result: result.status },
    (Date.now() - started) / 1000,
  );
  return result;
}

async function replyWithinBudget(
  port: SendPort,
  deps: ReplyNowDeps,
  to: ChatAddress,
  reply: Reply,
  options: ReplyNowOptions,
): Promise<ReplyResult> {
  let target = to;
  let fromPart = 0;
  const messageIds: string[] = [];
  let last: Delivered | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) break;
    last = await deliverTo(port, deps, target, reply, {
      fromPart,
      signal: AbortSignal.timeout(remaining),
      ...(fromPart === 0 && options.replyTo !== undefined ? { replyTo: options.replyTo } : {}),
    });
    target = last.to;
    fromPart = last.outcome.partsSent;
    messageIds.push(...last.outcome.messageIds);
    const outcome = last.outcome;
    if (outcome.status === "sent") return { status: "delivered", outcome: { ...outcome, messageIds } };
    if (outcome.status !== "retry") {
      deps.log.warn(`${port.platform} send refused`, {
        chat: chatTag(port.platform, target.chatId),
        status: outcome.status,
        reason: "reason" in outcome ? outcome.reason : "chuyển nhóm",
      });
      return { status: "refused", outcome: { ...outcome, messageIds } };
    }
    const wait = outcome.retryAfterMs ?? BACKOFF_MS * attempt;
    if (attempt === MAX_ATTEMPTS || Date.now() + wait >= options.deadline) break;
    await sleep(wait);
  }
  const outcome: SendOutcome =
    last === null
      ? {
          status: "retry",
          retryAfterMs: null,
          rateLimited: false,
          reason: "hết thời gian",
          partsSent: 0,
          messageIds,
        }
      : { ...last.outcome, messageIds };
  await queueReply(deps, port.platform as Platform, target, reply, outcome, options.updateKey);
  return { status: "queued", outcome };
}

async function queueReply(
  deps: ReplyNowDeps,
  platform: Platform,
  to: ChatAddress,
  reply: Reply,
  outcome: SendOutcome,
  updateKey: string,
): Promise<void> {
  const now = deps.now();
  const reason = outcome.status === "retry" ? outcome.reason : outcome.status;
  const retryAfter = outcome.status === "retry" ? (outcome.retryAfterMs ?? 0) : 0;
  try {
    // A hint answering a picture was sent before its chat was ever recorded: record it now.
    const chat =
      (await deps.store.chats.get(platform, to.chatId)) ??
      (await deps.store.chats.touch(
        { platform, chatId: to.chatId, type: isGroupType(to.type) ? "group" : "private", title: null },
        { now, actor: `${platform}:webhook` },
      ));
    await deps.store.outbox.enqueue(
      {
        key: `reply:${platform}:${updateKey}`,
        job: "reply",
        title: "Trả lời tin nhắn (gửi lại khi nền tảng hoạt động trở lại)",
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: now,
        trigger: "webhook",
      },
      [
        {
          chatRef: chat.id,
          platform,
          subjectUnitId: null,
          optOutKey: null,
          body: reply,
          state: "pending",
          notBefore: new Date(now.getTime() + retryAfter),
          partsSent: outcome.partsSent,
          lastError: reason,
        },
      ],
      { now, actor: `${platform}:webhook` },
    );
    deps.log.warn(`${platform} reply queued: the Bot API did not take it in time`, {
      chat: chatTag(platform, to.chatId),
      reason,
      partsSent: outcome.partsSent,
    });
    deps.wakeSender?.();
  } catch (error) {
    deps.log.error(`${platform} reply lost: could not be sent nor queued`, {
      chat: chatTag(platform, to.chatId),
      reason,
      error,
    });
  }
}
