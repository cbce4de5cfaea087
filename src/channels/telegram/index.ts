export { createTelegramBot, TELEGRAM_ALLOWED_UPDATES, type TelegramBotOptions } from "./bot.ts";
export { displayName, textForBot, toIncoming } from "./incoming.ts";
export { startTelegramPolling } from "./polling.ts";
export { classifyTelegramError, telegramPort } from "./port.ts";
export { planTelegramMessages } from "./send.ts";
export { handleTelegramUpdate, TELEGRAM_SECRET_HEADER, type WebhookOutcome } from "./webhook.ts";
