/**
 * The loopback Telegram Bot API test double in a process of its own, for the push benchmark: its
 * receive times and its CPU are then not the sender's. Started with `fork`; it sends `{ apiRoot,
 * token }` when listening, then answers "report" with the sendMessage calls it recorded.
 * argv: [chaos rate 0..1]; the faults are 429 (retry_after 1) and 500, half each.
 */
import { startFakeTelegramApi } from "../test/support/fake-telegram-api.ts";

const rate = Number(process.argv[2] ?? "0");
const api = await startFakeTelegramApi();
if (rate > 0) api.chaos(rate, [{ status: 429, retryAfter: 1 }, { status: 500 }], 12345);

process.on("message", (message) => {
  if (message === "report") {
    const calls = api.callsTo("sendMessage").map((call) => ({
      at: call.at,
      chat: String(call.params.chat_id),
      status: call.status,
    }));
    process.send?.({ calls });
  } else if (message === "stop") {
    void api.close().then(() => process.exit(0));
  }
});
process.send?.({ apiRoot: api.apiRoot, token: api.token });
