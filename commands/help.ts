/** /help (/trogiup): the main commands in one screen; "Xem thêm" gives every command with an example. */
import { bold, reply } from "./reply.ts";
import type { Command } from "./types.ts";

/** What the short help says of each main command; the others are in the full list. */
const SHORT: Readonly<Record<string, string>> = {
  diem: "điểm, thứ hạng, xếp loại",
  hang: "bảng xếp hạng của huyện",
  tieuchi: "điểm từng lĩnh vực",
  tthc: "hồ sơ thủ tục hành chính",
  lich: "lịch làm việc trong tuần",
  dangky: "liên kết với đơn vị của bạn",
};

const FULL_WORDS = new Set(["them", "xem them", "day du", "tat ca", "all"]);

export const helpCommand: Command = {
  name: "help",
  aliases: ["trogiup", "tro giup", "huongdan", "huong dan", "menu", "lenh"],
  description: "Danh sách lệnh và ví dụ",
  usage: "/help",
  example: "/trogiup",
  readsOnly: true,

  async run(input, deps) {
    const asked = input.args
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/\s+/gu, " ")
      .trim();
    return FULL_WORDS.has(asked) ? full(deps.commands) : short(deps.commands);
  },
};

function short(commands: readonly Command[]) {
  const built = reply().line(bold("Các lệnh chính:"));
  for (const command of commands) {
    const what = SHORT[command.name];
    if (what !== undefined) built.line(`/${command.name} — ${what}`);
  }
  return built
    .line("Ví dụ: /diem Tân Hồng 2022, /hang Gia Lộc, /lich tuần sau.")
    .line("Gõ có dấu hay không đều được; không gõ tên đơn vị thì dùng đơn vị đã liên kết.")
    .choice("Xem thêm: mọi lệnh và ví dụ", "/help them")
    .build();
}

function full(commands: readonly Command[]) {
  const built = reply().line(bold("Các lệnh:"));
  for (const command of commands) {
    built.line(bold(command.usage), ` — ${command.description}`);
    if (command.example !== command.usage) built.line(`   Ví dụ: ${command.example}`);
  }
  return built
    .blank()
    .line(
      "Gõ có dấu hay không dấu đều được (diem tan hong 2022), cả câu hỏi thường (xã Tân Hồng được bao nhiêu điểm). " +
        "Năm: 2022, '22, năm nay, năm ngoái. Không gõ tên đơn vị thì dùng đơn vị đã liên kết.",
    )
    .build();
}
