/**
 * One way to send: a channel's send port takes a rendered-anywhere `Reply` to a stored chat and says
 * what happened, as data, never as an exception. Webhook replies and the outbox's sender both use
 * it; what to do about each outcome (wait, retry, mark blocked, move the chat) is theirs to decide.
 */
import type { Reply } from "../../commands/reply.ts";
import type { ChatPlatform } from "../store/index.ts";

export interface ChatAddress {
  chatId: string;
  /** "private" or a group type as the platform says it ("group", "supergroup", "GROUP"). */
  type: string;
}

export interface SendOptions {
  /** Parts before this one reached the chat already (a resumed delivery): default 0. */
  fromPart?: number;
  /** Aborts the call in flight (a webhook's deadline); the outcome is then `retry`. */
  signal?: AbortSignal;
  /** In a group, the first part answers this message, so the thread stays readable. */
  replyTo?: number;
  /** Awaited before each part is sent: the sender's pacing. */
  beforePart?(index: number): Promise<void>;
  /** Awaited after each part the platform took: the sender records progress of a long reply. */
  afterPart?(index: number, messageIds: readonly string[]): Promise<void>;
}

interface Progress {
  /** The index of the next part to send (parts before it were delivered, this call or before). */
  partsSent: number;
  /** Platform message ids of the parts this call delivered. */
  messageIds: string[];
}

export type SendOutcome =
  | ({ status: "sent" } & Progress)
  /** The user blocked the bot or removed it from the group: do not try again. */
  | ({ status: "blocked"; reason: string } & Progress)
  /** A Telegram group became a supergroup: the rest goes to `chatId`. */
  | ({ status: "moved"; chatId: string } & Progress)
  /** Worth trying again later: after `retryAfterMs` when the platform said so (429), else a backoff. */
  | ({ status: "retry"; retryAfterMs: number | null; rateLimited: boolean; reason: string } & Progress)
  /** Refused for good (a bad request, an unknown chat): the reason says why. */
  | ({ status: "failed"; reason: string } & Progress);

export interface SendPort {
  readonly platform: ChatPlatform;
  /** Choices shown as a numbered list answered with a number (Zalo, the playground): remembered on send. */
  readonly numbersChoices: boolean;
  /** How many platform messages the reply becomes. */
  partsOf(reply: Reply): number;
  send(to: ChatAddress, reply: Reply, options?: SendOptions): Promise<SendOutcome>;
}

/** Whether a chat of this platform type is a group (for the per-group limits). */
export function isGroupType(type: string): boolean {
  return type.toLowerCase() !== "private";
}

/**
 * Sends `parts` one after the other through `sendPart`, stopping at the first refusal; the refusal,
 * classified by the port, carries how far it got.
 */
export async function sendParts<P>(
  parts: readonly P[],
  options: SendOptions,
  sendPart: (part: P, index: number) => Promise<string | null>,
  classify: (error: unknown) => FailedPart,
): Promise<SendOutcome> {
  const messageIds: string[] = [];
  let index = options.fromPart ?? 0;
  for (; index < parts.length; index++) {
    // A pacing wait that gives up (the sender stopping) is the caller's, not a platform refusal.
    await options.beforePart?.(index);
    try {
      const id = await sendPart(parts[index] as P, index);
      if (id !== null) messageIds.push(id);
    } catch (error) {
      return { ...classify(error), partsSent: index, messageIds };
    }
    await options.afterPart?.(index, messageIds);
  }
  return { status: "sent", partsSent: index, messageIds };
}

/** A part's refusal, before the progress is added. */
export type FailedPart =
  | { status: "blocked"; reason: string }
  | { status: "moved"; chatId: string }
  | { status: "retry"; retryAfterMs: number | null; rateLimited: boolean; reason: string }
  | { status: "failed"; reason: string };
