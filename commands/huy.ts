/** /huy: unlinks the chat from its unit. */

import { NOT_RECORDED_CHAT } from "./dangky.ts";
import { bold, reply, textReply } from "./reply.ts";
import type { Command } from "./types.ts";

export const huyCommand: Command = {
  name: "huy",
  aliases: ["huylienket", "huy lien ket", "huydangky", "huy dang ky", "unlink"],
  description: "Hủy liên kết cuộc trò chuyện với đơn vị",
  usage: "/huy",
  example: "/huy",

  async run(input, deps) {
    if (input.chat.ref === null) return textReply(NOT_RECORDED_CHAT);
    const ctx = { now: input.now, actor: `${input.platform}:${input.user.id}` };
    const removed = await deps.store.subscriptions.remove(input.chat.ref, ctx);
    if (!removed) return textReply("Cuộc trò chuyện này chưa liên kết với đơn vị nào.");
    const path = input.subscription?.unit.path;
    return reply()
      .line("Đã hủy liên kết", path ? " với " : "", path ? bold(path) : "", ".")
      .line("Liên kết lại bất cứ lúc nào bằng /dangky <mã mời>.")
      .build();
  },
};
