/**
 * `npm run chat -- "/diem Tan Hong 2022"`: one message to the bot over the embedded database, the
 * reply printed as Zalo would show it. No token needed. A numbered list can be answered with the next
 * run (`npm run chat -- 2`), as in Zalo: the choices are kept in the database for 30 minutes.
 * `--now 2024-03-20` sets the message's time (e.g. to see the demo's 2024 work schedules with /lich).
 */
import { parseArgs } from "node:util";
import { bootstrapEmbedded } from "../bootstrap.ts";
import { toPlainText } from "../chat/render.ts";
import { createChatService, isStoreUnavailable } from "../chat/service.ts";
import { databaseOptionsFromEnv, openDatabase } from "../db/open.ts";
import { isAppError } from "../errors.ts";
import type { Log } from "../log.ts";
import { createResolver } from "../resolve/index.ts";
import { createStore } from "../store/index.ts";

const USAGE = [
  'Cách dùng: npm run chat -- [--now <YYYY-MM-DD>] "<tin nhắn>"',
  'Ví dụ:     npm run chat -- "/diem Tan Hong 2022"',
  '           npm run chat -- "/hang Gia Loc"',
  '           npm run chat -- --now 2024-03-20 "/lich Kinh Mon"',
].join("\n");

/** A date typed as "2024-03-20" is that day at 09:00 in Vietnam. */
function parseNow(text: string | boolean | undefined): Date | null {
  if (text === undefined) return new Date();
  if (typeof text !== "string") return null;
  const date = /^\d{4}-\d{2}-\d{2}$/u.test(text) ? new Date(`${text}T09:00:00+07:00`) : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

async function main(argv: readonly string[]): Promise<number> {
  // Not strict: a message may well start with "-" ("-2" or "--").
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { now: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: false,
  });
  const text = positionals.join(" ");
  if (values.help === true || text.trim() === "") {
    console.log(USAGE);
    return values.help === true ? 0 : 2;
  }
  const now = parseNow(values.now);
  if (now === null) {
    console.error(`--now không hợp lệ: ${values.now}\n${USAGE}`);
    return 2;
  }
  // First start loads the register and the demo (a few seconds): say so on stderr, keep stdout the reply.
  const log: Log = {
    info: (text) => process.stderr.write(`· ${text}\n`),
    warn: (text) => process.stderr.write(`! ${text}\n`),
    error: (text, fields) =>
      process.stderr.write(`! ${text}: ${fields?.error instanceof Error ? fields.error.message : ""}\n`),
  };
  const client = await openDatabase(databaseOptionsFromEnv(process.env));
  try {
    await bootstrapEmbedded(client, { now: new Date(), log });
    const store = createStore(client);
    const chat = createChatService({
      store,
      resolver: async () => createResolver(await store.units.listResolvable()),
      log,
    });
    const reply = await chat.handle(
      { platform: "cli", chatId: "cli", chatType: "private", userId: "cli", text },
      now,
    );
    console.log(toPlainText(reply));
    return 0;
  } catch (error) {
    if (isStoreUnavailable(error) || isAppError(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    client.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
