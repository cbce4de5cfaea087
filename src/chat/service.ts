/**
 * The chat service: one incoming message in, one platform-neutral reply out. The channels (Telegram,
 * Zalo, the web playground, the CLI) only translate their updates to `IncomingMessage` and render the
 * `Reply`; everything a chair experiences is decided here and in `commands/`.
 */

import { fallbackReply } from "../../commands/fallback.ts";
import { commands as registry } from "../../commands/index.ts";
import { nameOnlyReply } from "../../commands/name-only.ts";
import { parseCommand } from "../../commands/parse.ts";
import { type Reply, textReply } from "../../commands/reply.ts";
import { smallTalkReply } from "../../commands/smalltalk.ts";
import type { Command, CommandDeps, CommandInput } from "../../commands/types.ts";
import { isAppError } from "../errors.ts";
import { createLog, type Log } from "../log.ts";
import type { Resolver } from "../resolve/index.ts";
import { nameHint } from "../resolve/narrow.ts";
import type { PendingChoicesChange, PendingChoicesKey, Platform, Store } from "../store/index.ts";
import { loadSubscription, recordChat } from "./chat-context.ts";
import type { NarrowResolvers } from "./narrow.ts";
import { guarded, guardStore, isStoreUnavailable } from "./store-guard.ts";

export { isStoreUnavailable, StoreUnavailableError } from "./store-guard.ts";

export interface IncomingMessage {
  platform: "telegram" | "zalo" | "web" | "cli";
  chatId: string;
  chatType: "private" | "group";
  userId: string;
  userName?: string;
  chatTitle?: string;
  /** The text typed, or a choice's command sent back (Telegram callback data). */
  text: string;
}

/** A platform update to claim, so that it is answered once however often it is delivered. */
export interface UpdateClaim {
  platform: Platform;
  /** Telegram's update_id, Zalo's message_id. */
  updateKey: string;
}

export interface ChatService {
  /**
   * Answers one message. Resolves to the reply to send; a reply with no lines and no choices
   * (`isSilent`) means send nothing (a command for another bot, chatter in a group). Rejects only
   * with a StoreUnavailableError (code "STORE_UNAVAILABLE"): answer 5xx so the platform redelivers.
   */
  handle(message: IncomingMessage, now: Date): Promise<Reply>;
  /**
   * Answers an update the platform may deliver more than once, as `handle` does, then claims it and
   * saves the conversation's state (the numbered choices) in one write. Resolves to null when the
   * update was already claimed (a redelivery: send nothing); rejects as `handle` does, and on an
   * outage nothing is claimed. Optional for stand-ins: see `answerOnce` in src/channels/claim.ts.
   */
  handleOnce?(message: IncomingMessage, now: Date, claim: UpdateClaim): Promise<Reply | null>;
}

export interface ChatServiceDeps {
  store: Store;
  /** Builds the unit-name index; called once, on the first message that needs it. */
  resolver: () => Promise<Resolver>;
  /** The bot's username: "/diem@OtherBot" in a group is then left alone. */
  botName?: string;
  /** Where unexpected errors (bugs) are reported; the chair only sees an apology. */
  log?: Log;
  commands?: readonly Command[];
  /**
   * For a process that would otherwise build the whole register's index for its first message (a
   * Worker isolate): a read-only command is first answered from the units its message can name, and
   * answered again with the whole register when that could differ (src/chat/narrow.ts).
   */
  narrowResolver?: NarrowResolvers;
  /** PUBLIC_BASE_URL: score cards and rankings link to the report pages when set. */
  pagesBaseUrl?: string | null;
}

/** How long a numbered list can be answered with a number. */
export const CHOICE_TTL_MS = 30 * 60 * 1000;
const CHOICE_ANSWER = /^\s*(\d{1,2})\s*[.)]?\s*$/u;
const MAX_ERROR_CHARS = 300;

const SILENT: Reply = { lines: [], choices: [] };

const SORRY = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.";
const NO_PENDING =
  "Không có danh sách lựa chọn nào đang chờ (lựa chọn chỉ dùng được trong 30 phút). Hãy gõ lại lệnh.";
const EMPTY = "Hãy gõ một lệnh, ví dụ /diem Tân Hồng Bình Giang 2022. Gõ /help để xem mọi lệnh.";

/** A reply, and what it does to the chat's numbered choices (null: leaves them as they are). */
interface Answer {
  reply: Reply;
  choices: PendingChoicesChange | null;
}

const only = (reply: Reply): Answer => ({ reply, choices: null });

/**
 * Whether the platform shows choices as a numbered list answered with a number (Zalo, the playground,
 * the CLI), so the list is kept for 30 minutes. Telegram shows buttons that send their own command
 * back: nothing to keep, and a typed number is just text there.
 */
function keepsChoices(platform: IncomingMessage["platform"]): boolean {
  return platform !== "telegram";
}

/** Whether a reply means "send nothing". */
export function isSilent(reply: Reply): boolean {
  return reply.lines.length === 0 && reply.choices.length === 0 && reply.link === undefined;
}

/**
 * @example
 * const chat = createChatService({ store, resolver: async () => createResolver(await store.units.listResolvable()) });
 * const reply = await chat.handle({ platform: "zalo", chatId, chatType: "private", userId, text: "diem tan hong" }, new Date());
 */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const store = guardStore(deps.store);
  const log = deps.log ?? createLog({ redact: (line) => line });
  let resolving: Promise<Resolver> | null = null;
  const resolver = () => {
    resolving ??= guarded(deps.resolver).catch((error: unknown) => {
      resolving = null; // a failed build is retried by the next message
      throw error;
    });
    return resolving;
  };
  const commandDeps: CommandDeps = {
    store,
    resolver,
    commands: deps.commands ?? registry,
    pagesBaseUrl: deps.pagesBaseUrl ?? null,
  };

  /** Runs a read-only answer over the units the text names, unless the whole register is at hand. */
  async function narrowly<T>(text: string, ids: number[], run: (d: CommandDeps) => Promise<T>): Promise<T> {
    if (deps.narrowResolver === undefined || resolving !== null) return run(commandDeps);
    const narrow = await deps.narrowResolver(nameHint(text, ids));
    if (narrow === null) return run(commandDeps);
    const answered = await run({ ...commandDeps, resolver: async () => narrow });
    return narrow.unsure() ? run(commandDeps) : answered;
  }

  async function answer(message: IncomingMessage, now: Date): Promise<Answer> {
    const { chat, link } = await recordChat(store, message, now);
    const key: PendingChoicesKey = { platform: message.platform, chatId: message.chatId };
    const text = typeof message.text === "string" ? message.text : "";
    const group = message.chatType === "group";

    let typed = text;
    const number = keepsChoices(message.platform) ? CHOICE_ANSWER.exec(text) : null;
    if (number) {
      const pending = await store.pendingChoices.current(key, now);
      if (pending.length === 0) return only(group ? SILENT : textReply(NO_PENDING));
      const choice = pending[Number(number[1]) - 1];
      if (choice === undefined) return only(textReply(`Hãy gõ một số từ 1 đến ${pending.length}.`));
      typed = choice.command;
    }

    const parsed = parseCommand(typed, commandDeps.commands, deps.botName);
    let reply: Reply;
    switch (parsed.kind) {
      case "other-bot":
        return only(SILENT);
      case "empty":
        return only(group ? SILENT : textReply(EMPTY));
      case "smalltalk":
        return only(group ? SILENT : smallTalkReply(parsed.talk));
      case "unknown":
        // In a group, chatter is not for the bot; a mistyped slash command still gets help.
        if (group && (!parsed.slash || parsed.suggestions.length === 0)) return only(SILENT);
        // A unit's name alone ("Kinh Môn") is a question about it, not a misspelt command word.
        reply =
          (parsed.slash ? null : await narrowly(typed, [], (d) => nameOnlyReply(typed, d))) ??
          fallbackReply(`${parsed.slash ? "/" : ""}${parsed.word}`, parsed.args, parsed.suggestions);
        break;
      case "command": {
        // A group's members talk about schedules and scores among themselves: only a command's
        // leading word, not a word inside a sentence, is for the bot there.
        if (group && parsed.inSentence) return only(SILENT);
        const input: CommandInput = {
          platform: message.platform,
          chat,
          user: { id: message.userId, name: message.userName ?? null },
          args: parsed.args,
          subscription: await loadSubscription(store, link),
          now,
        };
        const command = parsed.command;
        reply =
          command.readsOnly === true
            ? await narrowly(typed, input.subscription ? [input.subscription.unit.id] : [], (d) =>
                command.run(input, d),
              )
            : await command.run(input, commandDeps);
        break;
      }
    }

    if (!keepsChoices(message.platform)) return only(reply);
    if (reply.choices.length > 0) {
      return {
        reply,
        choices: { key, offer: reply.choices, now, expiresAt: new Date(now.getTime() + CHOICE_TTL_MS) },
      };
    }
    // A new question makes an older list stale; after a picked number the list stays, so the chair
    // can look at option 1, then option 2.
    return { reply, choices: number ? null : { key, clear: true } };
  }

  /** What the chair reads when something that is not an outage failed; an outage is thrown. */
  function apology(error: unknown, message: IncomingMessage): Reply {
    if (isStoreUnavailable(error)) throw error;
    if (isAppError(error)) return textReply(shortened(error.message));
    log.error("chat message failed", { platform: message.platform, error });
    return textReply(SORRY);
  }

  async function answered(message: IncomingMessage, now: Date): Promise<Answer> {
    try {
      return await answer(message, now);
    } catch (error) {
      return only(apology(error, message));
    }
  }

  return {
    async handle(message, now) {
      const { reply, choices } = await answered(message, now);
      try {
        if (choices !== null && "clear" in choices) await store.pendingChoices.clear(choices.key);
        else if (choices !== null) {
          await store.pendingChoices.offer(choices.key, choices.offer, choices.now, choices.expiresAt);
        }
        return reply;
      } catch (error) {
        return apology(error, message);
      }
    },

    async handleOnce(message, now, claim) {
      const { reply, choices } = await answered(message, now);
      const claimOnly = () => store.updates.markProcessed(claim.platform, claim.updateKey, now);
      if (choices === null) return (await claimOnly()) ? reply : null;
      let failure: Reply;
      try {
        return (await store.updates.markProcessedWith(claim.platform, claim.updateKey, now, choices))
          ? reply
          : null;
      } catch (error) {
        // As in `handle`: choices that cannot be saved (a bug) leave the chair an apology.
        failure = apology(error, message);
      }
      return (await claimOnly()) ? failure : null;
    },
  };
}

function shortened(message: string): string {
  return message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
}
