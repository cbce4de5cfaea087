import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textReply } from "../../commands/reply.ts";
import { answerOnce } from "../../src/channels/claim.ts";
import type { ChatService, IncomingMessage, UpdateClaim } from "../../src/chat/service.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createStore, type Store } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";

const NOW = new Date("2026-01-05T03:00:00Z");
const message: IncomingMessage = {
  platform: "zalo",
  chatId: "c-1",
  chatType: "private",
  userId: "u-1",
  text: "xin chào",
};
const client = openEmbedded(":memory:");
let store: Store;

beforeAll(async () => {
  await migrate(client, await readMigrations(), NOW);
  store = createStore(client);
});
afterAll(() => client.close());

describe("answerOnce", () => {
  it("claims the update itself for a service that only answers", async () => {
    let asked = 0;
    const standIn: ChatService = {
      handle: async (incoming) => {
        asked++;
        return textReply(`Bạn gõ: ${incoming.text}`);
      },
    };
    const claim: UpdateClaim = { platform: "zalo", updateKey: "stand-in-1" };
    expect(await answerOnce(standIn, store, message, NOW, claim)).toEqual(textReply("Bạn gõ: xin chào"));
    expect(await answerOnce(standIn, store, message, NOW, claim)).toBeNull();
    expect(asked).toBe(2);
    expect(await store.updates.markProcessed("zalo", "stand-in-1", NOW)).toBe(false);
  });

  it("leaves the claim to a service that claims with its own write", async () => {
    const seen: UpdateClaim[] = [];
    const claiming: ChatService = {
      handle: async () => {
        throw new Error("not used");
      },
      handleOnce: async (_incoming, _now, claim) => {
        seen.push(claim);
        return seen.length === 1 ? textReply("một lần") : null;
      },
    };
    const claim: UpdateClaim = { platform: "zalo", updateKey: "own-1" };
    expect(await answerOnce(claiming, store, message, NOW, claim)).toEqual(textReply("một lần"));
    expect(await answerOnce(claiming, store, message, NOW, claim)).toBeNull();
    expect(seen).toEqual([claim, claim]);
    expect(await store.updates.markProcessed("zalo", "own-1", NOW)).toBe(true);
  });
});
