/**
 * Greetings, thanks and "ok" get a short polite answer pointing to /help, not "Tôi chưa hiểu “cảm”":
 * a chair who says thank you has been answered well, and should be told so.
 */
import { type Reply, textReply } from "./reply.ts";
import { tokenize } from "./support/tokens.ts";

export type SmallTalk = "greeting" | "thanks" | "ack";

/** Folded words, two-word phrases joined with a space. */
const WORDS: Readonly<Record<string, SmallTalk | "particle">> = {
  alo: "greeting",
  "a lo": "greeting",
  allo: "greeting",
  hi: "greeting",
  hello: "greeting",
  helo: "greeting",
  hey: "greeting",
  chao: "greeting",
  "xin chao": "greeting",
  "cam on": "thanks",
  "xin cam on": "thanks",
  camon: "thanks",
  thanks: "thanks",
  thank: "thanks",
  "thank you": "thanks",
  tks: "thanks",
  thx: "thanks",
  ok: "ack",
  oke: "ack",
  okay: "ack",
  okie: "ack",
  oki: "ack",
  vang: "ack",
  da: "ack",
  "duoc roi": "ack",
  "ro roi": "ack",
  bot: "particle",
  ban: "particle",
  ad: "particle",
  a: "particle",
  nhe: "particle",
  nha: "particle",
  nhieu: "particle",
  oi: "particle",
  you: "particle",
  em: "particle",
};

/** What kind of small talk the whole message is, or null when it says anything else. */
export function smallTalkOf(text: string): SmallTalk | null {
  if (text.length > 60) return null;
  const words = tokenize(text)
    .map((t) => t.bare.replace(/[^a-z]/gu, ""))
    .filter((w) => w !== "");
  const found = new Set<SmallTalk>();
  for (let i = 0; i < words.length; ) {
    const pair = WORDS[`${words[i]} ${words[i + 1]}`];
    const triple = WORDS[`${words[i]} ${words[i + 1]} ${words[i + 2]}`];
    const kind = triple ?? pair ?? WORDS[words[i]!];
    if (kind === undefined) return null;
    if (kind !== "particle") found.add(kind);
    i += triple ? 3 : pair ? 2 : 1;
  }
  if (found.has("thanks")) return "thanks";
  if (found.has("greeting")) return "greeting";
  return found.has("ack") ? "ack" : null;
}

const ANSWERS: Readonly<Record<SmallTalk, string[]>> = {
  greeting: [
    "Xin chào! Tôi trả lời về Chỉ số CCHC: điểm, xếp hạng, thủ tục hành chính và lịch làm việc.",
    "Ví dụ: /diem Tân Hồng 2022. Gõ /help để xem các lệnh.",
  ],
  thanks: ["Không có gì ạ! Cần xem gì thêm, gõ /help để xem các lệnh."],
  ack: ["Vâng ạ. Cần xem gì thêm, gõ /help để xem các lệnh."],
};

export function smallTalkReply(talk: SmallTalk): Reply {
  return textReply(...ANSWERS[talk]);
}
