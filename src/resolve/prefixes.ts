import type { UnitKind } from "../domain/unit.ts";

/**
 * A unit-type word or abbreviation as typed, in folded tokens ("thi tran", "tt", "p"), with the kinds
 * it names. Folded "xa", "phuong", "quan", "huyen", "tinh" are also ordinary name words (Xã Phương
 * Đình, Huyện Quan Sơn), so the resolver tries each text both with and without the prefix removed.
 */
export interface PrefixWord {
  tokens: readonly string[];
  kinds: readonly UnitKind[];
}

const CITY: readonly UnitKind[] = ["thành phố", "thành phố trung ương"];

/** Longest first, so "thi xa" wins over a lone "thi". */
export const PREFIX_WORDS: readonly PrefixWord[] = [
  { tokens: ["thi", "tran"], kinds: ["thị trấn"] },
  { tokens: ["thi", "xa"], kinds: ["thị xã"] },
  { tokens: ["thanh", "pho"], kinds: CITY },
  { tokens: ["dac", "khu"], kinds: ["đặc khu"] },
  { tokens: ["xa"], kinds: ["xã"] },
  { tokens: ["x"], kinds: ["xã"] },
  { tokens: ["phuong"], kinds: ["phường"] },
  { tokens: ["p"], kinds: ["phường"] },
  { tokens: ["tt"], kinds: ["thị trấn"] },
  { tokens: ["tx"], kinds: ["thị xã"] },
  { tokens: ["tp"], kinds: CITY },
  { tokens: ["huyen"], kinds: ["huyện"] },
  { tokens: ["h"], kinds: ["huyện"] },
  { tokens: ["quan"], kinds: ["quận"] },
  { tokens: ["q"], kinds: ["quận"] },
  { tokens: ["tinh"], kinds: ["tỉnh"] },
  { tokens: ["t"], kinds: ["tỉnh"] },
  { tokens: ["dk"], kinds: ["đặc khu"] },
];

/** The prefix word starting at `tokens[at]`, if any. */
export function prefixAt(tokens: readonly string[], at: number): PrefixWord | undefined {
  for (const prefix of PREFIX_WORDS) {
    if (prefix.tokens.every((token, i) => tokens[at + i] === token)) return prefix;
  }
  return undefined;
}

/**
 * Official names carry their type in front ("Xã Tân Hồng", "Thành phố Từ Sơn"). Matched with
 * diacritics, so "Xã Xá Lượng" loses "Xã " and keeps "Xá".
 */
const OFFICIAL_PREFIX = /^(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường)\s+/u;

/** "Xã Tân Hồng" → "Tân Hồng"; a name without a type word is returned unchanged. */
export function stripOfficialPrefix(name: string): string {
  const nfc = name.normalize("NFC").trim();
  const match = OFFICIAL_PREFIX.exec(nfc.toLowerCase());
  return match ? nfc.slice(match[0].length) : nfc;
}
