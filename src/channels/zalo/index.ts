export {
  createZaloClient,
  ZALO_API_ROOT,
  ZALO_TEXT_LIMIT,
  type ZaloClient,
  type ZaloClientOptions,
} from "./client.ts";
export { ZaloApiError } from "./errors.ts";
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
