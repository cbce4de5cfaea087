/**
 * A message that is only a unit's name ("Tân Hồng", "tan hong binh giang"): the chair did not say
 * what to show, so the bot asks, with one choice per command, instead of "Tôi chưa hiểu “Tân”".
 */
import { MAX_CHOICE_COMMAND_BYTES, type Reply, reply } from "./reply.ts";
import { quoted } from "./support/format.ts";
import type { CommandDeps } from "./types.ts";

const ASKS: readonly { label: string; command: string }[] = [
  { label: "Điểm Chỉ số CCHC", command: "/diem" },
  { label: "Bảng xếp hạng", command: "/hang" },
  { label: "Hồ sơ thủ tục hành chính", command: "/tthc" },
  { label: "Lịch làm việc tuần này", command: "/lich" },
];
const MAX_NAME_CHARS = 60;

/** The question to ask when `text` is exactly some unit's name, else null. */
export async function nameOnlyReply(text: string, deps: CommandDeps): Promise<Reply | null> {
  const name = text.trim();
  if (name.length > MAX_NAME_CHARS || /^\d+$/u.test(name)) return null;
  const result = (await deps.resolver()).resolve(name, { limit: 1 });
  const best =
    result.kind === "unit" ? result.match : result.kind === "choice" ? result.options[0] : undefined;
  if (best === undefined || best.distance > 0) return null;
  const choices = ASKS.map((ask) => ({ label: ask.label, command: `${ask.command} ${name}` })).filter(
    (choice) => new TextEncoder().encode(choice.command).length <= MAX_CHOICE_COMMAND_BYTES,
  );
  if (choices.length === 0) return null;
  return reply()
    .line(`Bạn muốn xem gì của ${quoted(name)}?`)
    .choices(choices)
    .line("Hoặc gõ cả câu, ví dụ: điểm Tân Hồng năm 2022. Gõ /help để xem các lệnh.")
    .build();
}
