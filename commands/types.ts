/**
 * What a chat command receives and returns. Platform-neutral: a command never sees grammY, Hono or the
 * Zalo client, and imports nothing Node-only, so the same module runs on Node and on Workers.
 */
import type { UnitKind, UnitLevel } from "../src/domain/unit.ts";
import type { Resolver } from "../src/resolve/index.ts";
import type { QuietHours, Role, Store } from "../src/store/index.ts";
import type { Reply } from "./reply.ts";

export type ChatPlatform = "telegram" | "zalo" | "web" | "cli";

export interface CommandChat {
  /** The store's row id; null for the CLI chat (`npm run chat`), whose chats are not recorded. */
  ref: number | null;
  platform: ChatPlatform;
  chatId: string;
  type: "private" | "group";
  title: string | null;
  quietHours: QuietHours | null;
  /** Optional notices this chat turned off (keys of `OPTIONAL_NOTICES`). */
  optOuts: readonly string[];
}

export interface CommandUser {
  id: string;
  name: string | null;
}

/** The unit a chat is linked to, with what the commands need to place it. */
export interface LinkedUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương". */
  path: string;
  /** Its district (itself for a district), for ordering choices and for the default ranking scope. */
  districtId: number | null;
  provinceId: number | null;
}

export interface Subscription {
  unit: LinkedUnit;
  role: Role;
}

export interface CommandInput {
  platform: ChatPlatform;
  chat: CommandChat;
  user: CommandUser;
  /** Everything after the command word, as typed. */
  args: string;
  subscription: Subscription | null;
  /** The time of the message; commands never read the clock. */
  now: Date;
}

export interface CommandDeps {
  store: Store;
  /** Built on first use (the national index costs ~100 ms), then shared. */
  resolver(): Promise<Resolver>;
  /** The registry, for help texts and suggestions. */
  commands: readonly Command[];
  /** Where the public report pages are served (PUBLIC_BASE_URL): replies link to them when set. */
  pagesBaseUrl?: string | null;
}

export interface Command {
  /** Without the slash: "diem". */
  name: string;
  /** Other words that run it, typed without diacritics ("trogiup", "xem diem"). */
  aliases: readonly string[];
  /** One Vietnamese line for the help and the Telegram menu. */
  description: string;
  /** "/diem [đơn vị] [năm]". */
  usage: string;
  /** "/diem Tân Hồng 2022". */
  example: string;
  /**
   * Only reads (writes nothing, not even the chat's settings): it may then be run twice, first over
   * the units its message names and again over the whole register (src/chat/narrow.ts).
   */
  readsOnly?: true;
  run(input: CommandInput, deps: CommandDeps): Promise<Reply>;
}
