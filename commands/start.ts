/** /start: what the bot does and how to link the chat to a unit. */
import { bold, reply } from "./reply.ts";
import { ROLE_LABELS } from "./roles.ts";
import type { Command } from "./types.ts";

export const startCommand: Command = {
  name: "start",
  aliases: ["batdau", "bat dau", "xin chao", "chao", "hello", "hi"],
  description: "Giới thiệu và cách liên kết với đơn vị",
  usage: "/start",
  example: "/start",
  readsOnly: true,

  async run(input) {
    const greeting = input.user.name ? `Xin chào ${input.user.name}!` : "Xin chào!";
    const built = reply()
      .line(bold(greeting))
      .line(
        "Tôi là trợ lý Chỉ số cải cách hành chính (Chỉ số CCHC): điểm, thứ hạng, xếp loại, các lĩnh vực " +
          "bị mất điểm, tình hình giải quyết thủ tục hành chính và lịch làm việc trong tuần.",
      )
      .blank();
    const linked = input.subscription;
    if (linked) {
      built.line(
        "Cuộc trò chuyện đã liên kết với ",
        bold(linked.unit.path),
        ` (vai trò: ${ROLE_LABELS[linked.role]}).`,
      );
    } else {
      built.line("Để xem nhanh đơn vị của mình, gõ /dangky kèm mã mời do cán bộ phụ trách CCHC cấp.");
    }
    return built
      .line("Thử ngay:")
      .line("• /diem Tân Hồng Bình Giang 2022")
      .line("• /hang Gia Lộc")
      .line("• /tthc Bắc An")
      .line("Gõ có dấu hay không dấu đều được. Xem mọi lệnh: /help")
      .build();
  },
};
