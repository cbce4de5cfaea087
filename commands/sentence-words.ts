/**
 * The words of sentences (commands/sentence.ts): which phrases name a command, which mean "my unit",
 * which only make a question polite. Written with their diacritics; a chair may type them so or
 * without any diacritics, never with other ones ("điềm" is not "điểm").
 */
import { foldVietnamese } from "../src/resolve/index.ts";

/** A phrase as written with its diacritics (typed either so or without any), and folded. */
export interface Phrase {
  words: readonly string[];
  bare: readonly string[];
  /** The folded words joined by spaces: "bao nhieu". */
  key: string;
}

const phrase = (text: string): Phrase => ({
  words: text.split(" "),
  bare: foldVietnamese(text).split(" "),
  key: foldVietnamese(text),
});

/** Most specific first: "điểm xếp hạng" asks for the ranking, "hồ sơ" is TTHC before "điểm". */
export const INTENTS: readonly { command: string; phrases: readonly Phrase[] }[] = [
  { command: "tieuchi", phrases: ["tiêu chí", "lĩnh vực", "điểm từng lĩnh vực"].map(phrase) },
  {
    command: "hang",
    phrases: [
      "bảng xếp hạng",
      "xếp hạng",
      "xếp thứ mấy",
      "xếp thứ",
      "thứ hạng",
      "đứng thứ mấy",
      "đứng thứ",
      "hạng mấy",
      "thứ mấy",
    ].map(phrase),
  },
  {
    command: "tthc",
    phrases: [
      "thủ tục hành chính",
      "hồ sơ trễ hạn",
      "hồ sơ quá hạn",
      "tthc",
      "hồ sơ",
      "thủ tục",
      "một cửa",
      "trễ hạn",
      "quá hạn",
    ].map(phrase),
  },
  {
    command: "lich",
    phrases: ["lịch làm việc", "lịch công tác", "lịch tuần", "lịch họp", "lịch"].map(phrase),
  },
  {
    command: "diem",
    phrases: ["bao nhiêu điểm", "mấy điểm", "chỉ số cchc", "kết quả", "điểm số", "điểm"].map(phrase),
  },
];

/** The chat's own unit: dropped, so the command uses the linked one. */
export const MINE: readonly Phrase[] = [
  "của xã tôi",
  "của xã mình",
  "của đơn vị tôi",
  "của đơn vị mình",
  "của phường tôi",
  "của chúng tôi",
  "của tôi",
  "của mình",
  "xã tôi",
  "xã mình",
  "xã nhà",
  "phường tôi",
  "phường mình",
  "thị trấn tôi",
  "đơn vị tôi",
  "đơn vị mình",
  "bên tôi",
  "bên mình",
  "chúng tôi",
].map(phrase);

/** Words that are never part of a unit's name, written so or without diacritics. */
export const FILLERS: readonly Phrase[] = [
  "chỉ số cải cách hành chính",
  "chỉ số cchc",
  "chỉ số",
  "cchc",
  "hành chính",
  "kết quả",
  "như thế nào",
  "thấp nhất",
  "cao nhất",
  "nào",
  "trễ hạn",
  "quá hạn",
  "mấy",
  "thế nào",
  "ra sao",
  "bao nhiêu",
  "được",
  "của",
  "cho tôi",
  "cho mình",
  "giúp tôi",
  "xem",
  "muốn",
  "biết",
  "vậy",
  "nhé",
  "nhỉ",
  "ơi",
  "ạ",
  "gì",
  "bot",
  "hãy",
  "giúp",
  "giùm",
  "không",
  "với",
  "là",
  "có",
  "đạt",
  "hiện",
  "tôi",
  "mình",
  "em",
  "anh",
  "chị",
  "hỏi",
].map(phrase);

/**
 * Words that are fillers when written with their diacritics, but bare are name words too ("Cửa Lò",
 * "Chí Minh", "Cổ Bì", "Hội An", "Thị trấn Vôi"): their bare form is dropped only at the ends.
 */
export const BARE_AT_ENDS = new Set(["la", "co", "dat", "gi", "khong", "may", "nao"]);
export const BARE_ANYWHERE = new Set([
  "chi so cai cach hanh chinh",
  "chi so cchc",
  "chi so",
  "cchc",
  "hanh chinh",
  "ket qua",
  "nhu the nao",
  "thap nhat",
  "cao nhat",
  "tre han",
  "qua han",
  "the nao",
  "ra sao",
  "bao nhieu",
  "duoc",
  "cho toi",
  "giup toi",
  "xem",
  "muon",
  "biet",
  "vay",
  "nhe",
  "nhi",
  "oi",
  "bot",
  "hay",
  "giup",
  "gium",
]);
