/**
 * A real libSQL database in memory for the chat service and command tests: every migration and the
 * national unit register (what a first start loads), optionally with `seed` applied on top.
 */
import type { Client } from "@libsql/client";
import { replyText } from "../../commands/reply.ts";
import { createChatService, type IncomingMessage } from "../../src/chat/service.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { generateInviteCode } from "../../src/domain/invite-code.ts";
import type { Log } from "../../src/log.ts";
import { loadNationalRegister } from "../../src/register/load-package.ts";
import { createResolver } from "../../src/resolve/index.ts";
import { createStore, type Store, type WriteContext } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";

export const setupContext: WriteContext = { now: new Date("2026-01-05T01:00:00Z"), actor: "test:setup" };

export interface ChatDatabase {
  client: Client;
  store: Store;
  close(): void;
}

export async function openChatDatabase(
  seed?: (store: Store, ctx: WriteContext) => Promise<unknown>,
): Promise<ChatDatabase> {
  const client = openEmbedded(":memory:");
  await migrate(client, await readMigrations(), setupContext.now);
  const store = createStore(client);
  await store.register.load(loadNationalRegister(), setupContext);
  if (seed) await seed(store, setupContext);
  return { client, store, close: () => client.close() };
}

/** The database a newcomer starts with: the register and the demo dataset. */
export function openDemoDatabase(): Promise<ChatDatabase> {
  return openChatDatabase(seedDemo);
}

/** The chat service over a store, counting how often it builds the resolver. */
export function chatOver(store: Store, log?: Log) {
  let resolverBuilds = 0;
  const chat = createChatService({
    store,
    resolver: async () => {
      resolverBuilds++;
      return createResolver(await store.units.listResolvable());
    },
    botName: "CchcBot",
    ...(log ? { log } : {}),
  });
  return { chat, resolverBuilds: () => resolverBuilds };
}

/**
 * Links a chat to a unit the way a chair does: an invite created for the unit, redeemed with /dangky.
 */
export async function linkChat(
  store: Store,
  chat: ReturnType<typeof chatOver>["chat"],
  chatId: string,
  unitId: number,
  now: Date,
): Promise<string> {
  const code = generateInviteCode();
  await store.invites.create(
    { code, unitId, role: "chair", expiresAt: new Date(now.getTime() + 86_400_000) },
    setupContext,
  );
  return replyText(await chat.handle(message(`/dangky ${code}`, { chatId }), now));
}

/** A private Telegram message from one chair, unless told otherwise. */
export function message(text: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    platform: "telegram",
    chatId: "1001",
    chatType: "private",
    userId: "501",
    userName: "Chủ tịch",
    text,
    ...overrides,
  };
}
