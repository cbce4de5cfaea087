/** The answer to anything that is not a command: a short help and "Bạn có muốn …?" for near misses. */
import { MAX_CHOICE_COMMAND_BYTES, type Reply, reply } from "./reply.ts";
import { quoted } from "./support/format.ts";
import type { Command } from "./types.ts";

export function fallbackReply(typed: string, args: string, suggestions: readonly Command[]): Reply {
  const built = reply().line(`Tôi chưa hiểu ${quoted(typed)}.`);
  if (suggestions.length > 0) {
    built.line(`Bạn có muốn ${suggestions.map((c) => `/${c.name}`).join(" hoặc ")}?`);
    for (const command of suggestions) {
      const withArgs = args === "" ? `/${command.name}` : `/${command.name} ${args}`;
      const fits = new TextEncoder().encode(withArgs).length <= MAX_CHOICE_COMMAND_BYTES;
      built.choice(`/${command.name} — ${command.description}`, fits ? withArgs : `/${command.name}`);
    }
  } else {
    built.line("Ví dụ: /diem Tân Hồng Bình Giang 2022, /hang Gia Lộc, /tthc Bắc An, /lich tuần sau.");
  }
  return built.line("Gõ /help để xem mọi lệnh.").build();
}
