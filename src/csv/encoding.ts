/**
 * Files that are not UTF-8, found after decoding: everything here reads text decoded as UTF-8 (a Node
 * `"utf8"` stream, a Worker's `req.text()`), which never fails but turns the bytes of another encoding
 * into U+FFFD (Excel's "CSV" on Vietnamese Windows is Windows-1258: "lãnh đạo" becomes "la�nh �a�o")
 * and a UTF-16 file ("Unicode Text") into letters with U+0000 between them. Either refuses the file.
 */

export type EncodingFault = "utf16" | "not-utf8";

/** The first sign that the text was not UTF-8, as its index: U+0000 (UTF-16) before U+FFFD. */
export function findEncodingFault(text: string): { fault: EncodingFault; index: number } | null {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return { fault: "utf16", index: nul };
  const replaced = text.indexOf("\uFFFD");
  return replaced >= 0 ? { fault: "not-utf8", index: replaced } : null;
}

/** The 1-based line of `text` that `index` falls on ("\r\n", "\r" and "\n" each end a line). */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let at = 0; at < index; at += 1) {
    const ch = text.charCodeAt(at);
    if (ch === 10 || (ch === 13 && text.charCodeAt(at + 1) !== 10)) line += 1;
  }
  return line;
}

const SAVE_AS_CSV_UTF8 = 'Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.';
const SAVE_AS_UTF8 = "Hãy lưu lại tệp với bảng mã UTF-8 rồi gửi lại.";

/** "Dòng 3: tệp không phải UTF-8 …", telling the clerk how to save the file again. */
export function encodingMessage(fault: EncodingFault, line: number, format: "csv" | "json" = "csv"): string {
  const what =
    fault === "utf16"
      ? 'tệp được lưu dạng UTF-16 ("Unicode Text"), không phải UTF-8 (có ký tự rỗng giữa các chữ)'
      : "tệp không phải UTF-8 (có ký tự không đọc được)";
  return `Dòng ${line}: ${what}. ${format === "csv" ? SAVE_AS_CSV_UTF8 : SAVE_AS_UTF8}`;
}
