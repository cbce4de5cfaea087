/** /dangky <mã mời>: links the chat to a unit with the role of the invite an officer issued. */
import { normalizeInviteCode } from "../src/domain/invite-code.ts";
import { formatDateTime } from "../src/format/vi.ts";
import { bold, reply, textReply } from "./reply.ts";
import { ROLE_LABELS } from "./roles.ts";
import type { Command } from "./types.ts";

export const NOT_RECORDED_CHAT =
  "Lệnh này dùng được trong Telegram, Zalo hoặc trang thử (http://localhost:8787/), không dùng trong npm run chat.";

export const dangkyCommand: Command = {
  name: "dangky",
  aliases: ["dang ky", "lienket", "lien ket", "ketnoi", "ket noi", "register"],
  description: "Liên kết cuộc trò chuyện với đơn vị của bạn bằng mã mời",
  usage: "/dangky <mã mời>",
  example: "/dangky ABCD-EFGH",

  async run(input, deps) {
    if (input.chat.ref === null) return textReply(NOT_RECORDED_CHAT);
    const typed = input.args.trim();
    if (typed === "") {
      return textReply(
        "Gõ /dangky kèm mã mời do cán bộ phụ trách cải cách hành chính cấp, ví dụ: /dangky ABCD-EFGH.",
      );
    }
    const code = normalizeInviteCode(typed);
    if (code === null) {
      return textReply("Mã mời không đúng: mã gồm 8 chữ và số, ví dụ ABCD-EFGH. Hãy kiểm tra lại.");
    }
    const ctx = { now: input.now, actor: `${input.platform}:${input.user.id}` };
    const result = await deps.store.invites.redeem(code, input.chat.ref, ctx);
    switch (result.status) {
      case "unknown":
        return textReply(`Không có mã mời ${code}. Hãy kiểm tra lại hoặc xin mã mới.`);
      case "used":
        return textReply(`Mã mời ${code} đã được dùng. Hãy xin mã mới.`);
      case "expired":
        return textReply(
          `Mã mời ${code} đã hết hạn lúc ${formatDateTime(new Date(result.expiresAt))}. Hãy xin mã mới.`,
        );
      case "linked": {
        const match = (await deps.resolver()).byId(result.unitId);
        const path = match?.path ?? (await deps.store.units.get(result.unitId))?.name ?? `#${result.unitId}`;
        return reply()
          .line(
            "Đã liên kết cuộc trò chuyện này với ",
            bold(path),
            ` (vai trò: ${ROLE_LABELS[result.role]}).`,
          )
          .line("Từ nay /diem, /hang, /tieuchi, /tthc và /lich không cần gõ tên đơn vị.")
          .build();
      }
    }
  },
};
