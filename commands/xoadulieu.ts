/**
 * /xoadulieu: a chair erases what the bot keeps about this chat (Decree 13/2023/NĐ-CP), in two steps:
 * the command says what will be erased, and `/xoadulieu xacnhan` erases it.
 */
import { foldVietnamese } from "../src/resolve/index.ts";
import { NOT_RECORDED_CHAT } from "./dangky.ts";
import { bold, reply, textReply } from "./reply.ts";
import type { Command } from "./types.ts";

const CONFIRM = /^(?:xac nhan|xacnhan|dong y|dongy|co)$/u;

export const xoadulieuCommand: Command = {
  name: "xoadulieu",
  aliases: ["xoa du lieu", "xoadulieucuatoi", "xoa du lieu cua toi", "erase", "forget me"],
  description: "Xóa dữ liệu của cuộc trò chuyện này (liên kết, cài đặt, lịch sử thông báo)",
  usage: "/xoadulieu [xacnhan]",
  example: "/xoadulieu",

  async run(input, deps) {
    if (input.chat.ref === null) return textReply(NOT_RECORDED_CHAT);
    if (!CONFIRM.test(foldVietnamese(input.args))) {
      return reply()
        .line(bold("Xóa dữ liệu của cuộc trò chuyện này?"))
        .line(
          "Sẽ xóa: liên kết với đơn vị, giờ yên lặng và các thông báo đã tắt, tên nhóm, mã cuộc trò chuyện,",
        )
        .line("nội dung các thông báo đã gửi tới đây; thông báo chưa gửi sẽ không gửi nữa.")
        .line(
          "Không xóa được: kết quả, lịch và số liệu của đơn vị (đó là dữ liệu công vụ, không phải của bạn).",
        )
        .line("Để xóa, gõ: ", bold("/xoadulieu xacnhan"))
        .build();
    }
    await deps.store.chats.erase(
      input.chat.ref,
      { now: input.now, actor: `${input.platform}:${input.user.id}` },
      input.user.id,
    );
    return reply()
      .line("Đã xóa dữ liệu của cuộc trò chuyện này.")
      .line(
        "Bot không gửi thông báo tới đây nữa. Muốn dùng lại, gõ /start; liên kết lại bằng /dangky <mã mời>.",
      )
      .build();
  },
};
