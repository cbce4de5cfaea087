/**
 * The playground's send port. A playground chat is a browser; nothing is pushed to it: the page asks
 * for the chat's delivered notices (GET /api/notices), so a delivery is done once it is recorded as
 * sent, which is what the sender does with this outcome.
 */
import type { SendPort } from "../../push/port.ts";

export function webPort(): SendPort {
  return {
    platform: "web",
    numbersChoices: true,
    partsOf: () => 1,
    async send() {
      return { status: "sent", partsSent: 1, messageIds: [] };
    },
  };
}
