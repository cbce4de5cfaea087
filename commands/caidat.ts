/** /caidat: quiet hours ("22:00-06:00") and opting out of optional notices. */
import { foldVietnamese } from "../src/resolve/index.ts";
import type { QuietHours } from "../src/store/index.ts";
import { NOT_RECORDED_CHAT } from "./dangky.ts";
import { OPTIONAL_NOTICES } from "./notices.ts";
import { bold, type Reply, reply, textReply } from "./reply.ts";
import { quoted } from "./support/format.ts";
import type { Command, CommandChat, CommandInput } from "./types.ts";

const USAGE_LINES = [
  "• /caidat 22:00-06:00 — không gửi thông báo trong giờ này (giờ Việt Nam)",
  "• /caidat bỏ giờ yên lặng",
  ...OPTIONAL_NOTICES.map(
    (n) => `• /caidat tắt ${n.words[0]} — tắt ${n.label} (bật lại: /caidat bật ${n.words[0]})`,
  ),
];

export const caidatCommand: Command = {
  name: "caidat",
  aliases: ["cai dat", "thietlap", "thiet lap", "settings"],
  description: "Giờ yên lặng và các thông báo tùy chọn của cuộc trò chuyện",
  usage: "/caidat [22:00-06:00 | bỏ giờ yên lặng | tắt/bật lich, tthc]",
  example: "/caidat 22:00-06:00",

  async run(input, deps) {
    if (input.chat.ref === null) return textReply(NOT_RECORDED_CHAT);
    const ref = input.chat.ref;
    const ctx = { now: input.now, actor: `${input.platform}:${input.user.id}` };
    const folded = foldVietnamese(input.args);
    if (folded === "") return settings(input.chat, "Cài đặt hiện tại");

    const hours = quietHoursIn(folded);
    if (hours === "invalid") {
      return textReply("Giờ không hợp lệ. Gõ theo dạng 22:00-06:00 (giờ bắt đầu khác giờ kết thúc).");
    }
    if (hours !== null) {
      await deps.store.chats.setQuietHours(ref, hours, ctx);
      return settings({ ...input.chat, quietHours: hours }, "Đã đặt giờ yên lặng");
    }
    if (/\b(?:bo|xoa|tat|huy|khong)\b.*\byen lang\b|\byen lang\b.*\b(?:tat|bo|xoa|khong)\b/u.test(folded)) {
      await deps.store.chats.setQuietHours(ref, null, ctx);
      return settings({ ...input.chat, quietHours: null }, "Đã bỏ giờ yên lặng");
    }

    const toggle = /^(tat|bat|mo)\s+(.+)$/u.exec(folded);
    if (toggle) {
      const off = toggle[1] === "tat";
      const named = toggle[2] === "tat ca" ? OPTIONAL_NOTICES : noticesNamed(toggle[2]!);
      if (named.length > 0) {
        const optOuts = new Set(input.chat.optOuts);
        for (const notice of named) {
          if (off) optOuts.add(notice.key);
          else optOuts.delete(notice.key);
        }
        await deps.store.chats.setOptOuts(ref, [...optOuts], ctx);
        return settings({ ...input.chat, optOuts: [...optOuts] }, off ? "Đã tắt" : "Đã bật");
      }
    }
    return usage(input);
  },
};

function noticesNamed(words: string) {
  return OPTIONAL_NOTICES.filter((notice) => notice.words.includes(words));
}

/** "22:00-06:00", "22h-6h", "22 - 6", "22:30 đến 6:15"; null when the text names no range. */
function quietHoursIn(folded: string): QuietHours | "invalid" | null {
  const match =
    /(\d{1,2})(?:\s*[:h.]\s*(\d{2}))?\s*h?\s*(?:-|–|den|toi)\s*(\d{1,2})(?:\s*[:h.]\s*(\d{2}))?\s*h?/u.exec(
      folded,
    );
  if (!match) return null;
  const start = clock(match[1]!, match[2]);
  const end = clock(match[3]!, match[4]);
  if (start === null || end === null || start === end) return "invalid";
  return { start, end };
}

function clock(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = Number(minutes ?? "0");
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

function settings(chat: CommandChat, title: string): Reply {
  const built = reply().line(bold(`${title}:`));
  built.line(
    "Giờ yên lặng: ",
    chat.quietHours
      ? bold(`${chat.quietHours.start}–${chat.quietHours.end}`)
      : "chưa đặt (lịch tuần và nhắc hồ sơ vẫn chỉ gửi trong giờ hành chính, thứ Hai–thứ Sáu)",
  );
  for (const notice of OPTIONAL_NOTICES) {
    const on = !chat.optOuts.includes(notice.key);
    built.line(`Thông báo ${notice.label}: `, bold(on ? "bật" : "tắt"));
  }
  built.blank().line("Cách thay đổi:");
  for (const line of USAGE_LINES) built.line(line);
  return built.build();
}

function usage(input: CommandInput): Reply {
  return reply()
    .line(`Chưa hiểu cài đặt ${quoted(input.args)}. Cách dùng:`)
    .line(USAGE_LINES.join("\n"))
    .build();
}
