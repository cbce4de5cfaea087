/** /help (/trogiup): every command with its use and an example. */
import { bold, reply } from "./reply.ts";
import type { Command } from "./types.ts";

export const helpCommand: Command = {
  name: "help",
  aliases: ["trogiup", "tro giup", "huongdan", "huong dan", "menu", "lenh"],
  description: "Danh sách lệnh và ví dụ",
  usage: "/help",
  example: "/trogiup",

  async run(_input, deps) {
    const built = reply().line(bold("Các lệnh:"));
    for (const command of deps.commands) {
      built.line(bold(command.usage), ` — ${command.description}`);
      if (command.example !== command.usage) built.line(`   Ví dụ: ${command.example}`);
    }
    return built
      .blank()
      .line(
        "Gõ có dấu hay không dấu đều được (diem tan hong 2022). Không gõ tên đơn vị thì dùng đơn vị đã liên kết.",
      )
      .build();
  },
};
