/**
 * Runs in Node before the workerd tests: builds a demo-seeded file database (the register, the demo
 * dataset, 40 Telegram chats linked to Kinh Môn for the broadcast), answers the sample commands on Node
 * over a copy of it (the reference replies), then serves the database through the loopback Hrana test
 * server and starts the Bot API doubles. Their addresses reach the Worker as bindings (vitest.config.ts)
 * and the tests through `inject`; a small control server lets the tests read what the doubles received.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { TestProject } from "vitest/node";
import { createApp } from "../../src/app.ts";
import { bootstrapEmbedded } from "../../src/bootstrap.ts";
import { parseConfig } from "../../src/config.ts";
import { createDeps } from "../../src/deps.ts";
import { silentLog } from "../../src/log.ts";
import { startFakeTelegramApi } from "../support/fake-telegram-api.ts";
import { startFakeZaloApi } from "../support/fake-zalo-api.ts";
import { startHranaServer } from "../support/hrana-server.ts";
import { CARD_COMMAND, SAMPLE_CHAT_BASE, sampleCommands, type UnitYear } from "./commands.ts";
import { sentPayload } from "./control.ts";

const TELEGRAM_SECRET = "workerd-telegram-secret_0123";
const ZALO_SECRET = "workerd-zalo-secret-0123";
/** The officers' root token of the Worker's /admin (test/workerd/admin.test.ts). */
const ADMIN_TOKEN = "workerd-admin-token-0123456789";
const BROADCAST_CHATS = 40;
const BROADCAST_CHAT_BASE = 800_000;

const NOW = new Date("2024-03-20T03:00:00Z");
const update = (id: number, chatId: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: Math.floor(NOW.getTime() / 1000),
    chat: { id: chatId, type: "private", first_name: "Chủ tịch" },
    from: { id: chatId, is_bot: false, first_name: "Chủ tịch" },
    text,
  },
});

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "cchc-workerd-"));
  const path = join(dir, "demo.db");
  const seeding = createClient({ url: `file:${path}` });
  await bootstrapEmbedded(seeding, { now: NOW });
  const kinhMon = await seeding.execute(
    "SELECT id FROM units WHERE name = 'Thị xã Kinh Môn' AND level = 'district' ORDER BY id DESC LIMIT 1",
  );
  const kinhMonId = Number(kinhMon.rows[0]?.id);
  const broadcastChats: string[] = [];
  for (let i = 0; i < BROADCAST_CHATS; i++) {
    const chatId = String(BROADCAST_CHAT_BASE + i);
    broadcastChats.push(chatId);
    const at = NOW.toISOString();
    await seeding.batch(
      [
        {
          sql: "INSERT INTO chats (platform, chat_id, type, created_at, updated_at) VALUES ('telegram', ?, 'private', ?, ?)",
          args: [chatId, at, at],
        },
        {
          sql: "INSERT INTO subscriptions (chat_ref, unit_id, role, created_at) SELECT id, ?, 'chair', ? FROM chats WHERE chat_id = ?",
          args: [kinhMonId, at, chatId],
        },
      ],
      "write",
    );
  }
  const published = await seeding.execute(
    "SELECT DISTINCT u.name AS name, d.name AS district, p.year AS year FROM published_results p " +
      "JOIN units u ON u.id = p.unit_id JOIN units d ON d.id = u.parent_id " +
      "WHERE u.level = 'commune' ORDER BY p.year, u.name, d.name",
  );
  const rows: UnitYear[] = published.rows.map((r) => ({
    name: String(r.name).replace(/^(Xã|Phường|Thị trấn) /u, ""),
    district: String(r.district).replace(/^(Huyện|Thị xã|Thành phố) /u, ""),
    year: Number(r.year),
  }));
  seeding.close();
  const commands = [CARD_COMMAND, ...sampleCommands(rows)];

  const nodeCopy = join(dir, "node.db");
  await copyFile(path, nodeCopy);
  const nodeReplies = await answerOnNode(`file:${nodeCopy}`, commands);

  const hrana = await startHranaServer({ path });
  const telegram = await startFakeTelegramApi();
  const zalo = await startFakeZaloApi();
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const answer = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/reset") {
      telegram.reset();
      zalo.reset();
      answer({ ok: true });
    } else if (url.pathname === "/telegram") {
      answer(
        telegram
          .callsTo("sendMessage")
          .filter((c) => c.status === 200)
          .map((c) => c.params),
      );
    } else if (url.pathname === "/zalo") {
      answer(
        zalo
          .callsTo("sendMessage")
          .filter((c) => c.status === 200)
          .map((c) => c.params),
      );
    } else if (url.pathname === "/hrana") {
      answer({ pipelines: hrana.pipelines });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

  project.provide("edge", {
    bindings: {
      LIBSQL_URL: hrana.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_BOT_INFO: JSON.stringify(telegram.botInfo),
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
      ZALO_API_ROOT: zalo.apiRoot,
      ADMIN_TOKEN,
    },
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    commands,
    nodeReplies,
    broadcastChats,
  });

  return async () => {
    control.close();
    await Promise.all([hrana.close(), telegram.close(), zalo.close()]);
    await rm(dir, { recursive: true, force: true });
  };
}

/** The same app on Node (embedded database, real clock) answering each command in a chat of its own. */
async function answerOnNode(url: string, commands: readonly string[]): Promise<string[]> {
  const telegram = await startFakeTelegramApi();
  const client = createClient({ url });
  try {
    const config = parseConfig({
      LIBSQL_URL: url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_BOT_INFO: JSON.stringify(telegram.botInfo),
    });
    const app = createApp(createDeps(config, client, { log: silentLog }));
    const replies: string[] = [];
    for (const [i, text] of commands.entries()) {
      telegram.reset();
      const response = await app.request("/webhook/telegram", {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET },
        body: JSON.stringify(update(SAMPLE_CHAT_BASE + i, SAMPLE_CHAT_BASE + i, text)),
      });
      if (response.status !== 200) throw new Error(`Node answered ${response.status} to ${text}`);
      replies.push(
        telegram
          .callsTo("sendMessage")
          .map((c) => sentPayload(c.params))
          .join("\n"),
      );
    }
    return replies;
  } finally {
    client.close();
    await telegram.close();
  }
}
