/**
 * Bytes of a text as Excel on Vietnamese Windows saves "CSV" (Windows-1258) or "Unicode Text" (UTF-16LE),
 * for the tests of files that are not UTF-8. Windows-1258 writes ă â ê ô ơ ư đ as one byte each and the
 * five tones as combining bytes after the letter ("ạ" is "a" then 0xF2); only what the tests use is mapped.
 */

/** A letter with its circumflex, breve or horn: one Windows-1258 byte. */
const LETTERS: Record<string, number> = {
  "a\u0302": 0xe2,
  "e\u0302": 0xea,
  "o\u0302": 0xf4,
  "a\u0306": 0xe3,
  "o\u031b": 0xf5,
  "u\u031b": 0xfd,
  "A\u0302": 0xc2,
  "E\u0302": 0xca,
  "O\u0302": 0xd4,
  "A\u0306": 0xc3,
  "O\u031b": 0xd5,
  "U\u031b": 0xdd,
  đ: 0xf0,
  Đ: 0xd0,
};
/** The tones, written after their letter. */
const TONES: Record<string, number> = {
  "\u0300": 0xcc,
  "\u0301": 0xec,
  "\u0303": 0xde,
  "\u0309": 0xd2,
  "\u0323": 0xf2,
};

export function windows1258(text: string): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (const letter of text.normalize("NFC")) {
    const [base = "", ...marks] = letter.normalize("NFD");
    const shape = marks.filter((m) => TONES[m] === undefined).join("");
    const tones = marks.filter((m) => TONES[m] !== undefined);
    const single = LETTERS[base + shape];
    if (single !== undefined) bytes.push(single);
    else if (shape === "" && base.charCodeAt(0) < 0x80) bytes.push(base.charCodeAt(0));
    else throw new Error(`windows1258: no byte for ${JSON.stringify(letter)}`);
    for (const tone of tones) bytes.push(TONES[tone] as number);
  }
  return Uint8Array.from(bytes);
}

/** UTF-16LE with its byte order mark, as Excel's "Unicode Text" and Notepad's "Unicode" save. */
export function utf16le(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
}

/** The text a Worker's `req.text()` (or any UTF-8 decoder) makes of the bytes. */
export const asUtf8 = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes);
