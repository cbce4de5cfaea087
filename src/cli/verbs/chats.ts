/** `chats erase --chat <platform:id>`: an officer erases a chat's data on its person's request. */
import { AppError } from "../../errors.ts";
import { CHAT_PLATFORMS, type ChatPlatform } from "../../store/index.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- chats erase --chat <nền tảng:mã> [--url <LIBSQL_URL>]",
  "",
  "Xóa dữ liệu của một cuộc trò chuyện theo yêu cầu của người dùng (Nghị định 13/2023/NĐ-CP), như lệnh",
  "/xoadulieu: liên kết, cài đặt, tên nhóm, mã cuộc trò chuyện, nội dung các thông báo đã gửi. Ví dụ:",
  "--chat telegram:123456789, --chat zalo:6ede9afa66b88fe6d6a9.",
].join("\n");

export const chatsVerb: Verb = {
  name: "chats",
  summary: "Xóa dữ liệu một cuộc trò chuyện / erase a chat's personal data (erase)",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== "erase")
      throw usageError(sub ? `Lệnh con "${sub}" không hợp lệ.` : "Thiếu lệnh con (erase).", USAGE);
    const { values, positionals } = parseFlags(
      rest,
      { chat: { type: "string" }, url: { type: "string" } },
      USAGE,
    );
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
    const match = /^([a-z]+):(.+)$/.exec(values.chat ?? "");
    const platform = CHAT_PLATFORMS.find((p) => p === match?.[1]) as ChatPlatform | undefined;
    if (!match || !platform) throw usageError("Cần --chat <telegram|zalo|web>:<mã cuộc trò chuyện>.", USAGE);
    const chatId = match[2]!;
    const now = new Date();
    return withStore(values.url, now, async ({ store }) => {
      const chat = await store.chats.get(platform, chatId);
      if (chat === null)
        throw new AppError("CHAT_NOT_FOUND", `Không có cuộc trò chuyện ${platform}:${chatId}.`);
      await store.chats.erase(chat.id, { now, actor: "cli:chats erase" });
      io.out(`Đã xóa dữ liệu của cuộc trò chuyện số ${chat.id} (${platform}).`);
      return EXIT_OK;
    });
  },
};
