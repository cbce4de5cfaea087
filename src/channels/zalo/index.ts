export {
  createZaloBot,
  TEXT_ONLY_HINT,
  UNSUPPORTED_ANSWER,
  type ZaloBot,
  type ZaloBotOptions,
} from "./bot.ts";
export {
  createZaloClient,
  ZALO_API_ROOT,
  ZALO_TEXT_LIMIT,
  type ZaloClient,
  type ZaloClientOptions,
} from "./client.ts";
export { ZaloApiError } from "./errors.ts";
export { startZaloPolling, type ZaloPollingOptions } from "./polling.ts";
export {
  ZALO_EVENTS,
  type ZaloEventName,
  type ZaloMe,
  type ZaloMessage,
  type ZaloSentMessage,
  type ZaloUpdate,
  type ZaloWebhookInfo,
} from "./schemas.ts";
export { messageDate, type ParsedZaloUpdate, parseZaloUpdate } from "./update.ts";
export { handleZaloWebhook, ZALO_SECRET_HEADER } from "./webhook.ts";
