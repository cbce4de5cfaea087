/**
 * The admin API's request bodies and queries, in zod: the routes of ./routes.ts validate with these
 * (@hono/zod-openapi), and `/admin/openapi.json` is generated from the same schemas. Messages are
 * Vietnamese (zod's `vi` locale where a field sets none) and name the field.
 */
import { z } from "zod";
import { vi } from "zod/locales";
import { parseDate, parseInstant, parseIsoWeek } from "../imports/dates.ts";
import { IMPORT_KINDS } from "../imports/index.ts";

const viErrors = vi().localeError;

const year = z
  .number({ error: "phải là một năm, ví dụ 2024" })
  .int("phải là số nguyên")
  .min(2000, "phải từ năm 2000")
  .max(2100, "phải trước năm 2100")
  .describe("Năm đánh giá");
const scope = z
  .string({ error: "phải là mã huyện hoặc tỉnh (chuỗi)" })
  .trim()
  .min(1, "không được để trống")
  .max(64, "dài quá 64 ký tự")
  .describe("Mã GSO của huyện hoặc tỉnh được xếp hạng");
const isoDate = z
  .string({ error: "phải là ngày YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "phải là ngày YYYY-MM-DD", abort: true })
  .refine((text) => parseDate(text) !== null, "không phải ngày có thật");

export const publishBody = z
  .strictObject({
    scope,
    year,
    published_on: isoDate.optional().describe("Ngày công bố (mặc định hôm nay, giờ Việt Nam)"),
    dry_run: z
      .boolean({ error: "phải là true hoặc false" })
      .optional()
      .describe("true: chỉ xem trước bảng xếp hạng sẽ được công bố, không ghi gì"),
  })
  .describe("Công bố (đóng băng) kết quả một huyện/tỉnh trong một năm");

export const unpublishBody = z
  .strictObject({
    scope,
    year,
    confirm: z
      .string({ error: 'bắt buộc: gõ lại "<mã phạm vi>-<năm>", ví dụ "292-2021"' })
      .describe('Xác nhận: "<mã phạm vi>-<năm>", ví dụ "292-2021"'),
  })
  .describe("Rút công bố khi kết quả chưa được thông báo tới người theo dõi");

export const invitesBody = z
  .strictObject({
    scope: z
      .string({ error: "phải là mã huyện hoặc tỉnh (chuỗi)" })
      .trim()
      .min(1, "không được để trống")
      .max(64, "dài quá 64 ký tự")
      .describe("Mã huyện hoặc tỉnh: mỗi đơn vị trực thuộc nhận mã mời"),
    role: z
      .enum(["chair", "officer"], { error: "chỉ nhận chair hoặc officer" })
      .describe("chair: chủ tịch UBND, officer: cán bộ"),
    per_unit: z
      .number({ error: "phải là số từ 1 đến 20" })
      .int("phải là số nguyên")
      .min(1, "phải từ 1 đến 20")
      .max(20, "phải từ 1 đến 20")
      .optional()
      .describe("Số mã mỗi đơn vị (mặc định 1)"),
    days: z
      .number({ error: "phải là số ngày từ 1 đến 90" })
      .int("phải là số nguyên")
      .min(1, "phải từ 1 đến 90")
      .max(90, "phải từ 1 đến 90")
      .optional()
      .describe("Hết hạn sau số ngày này (mặc định 7)"),
    year: year.optional().describe("Năm: các đơn vị tồn tại trong năm đó (mặc định: hiện hành)"),
  })
  .describe("Tạo mã mời /dangky hàng loạt cho các đơn vị trực thuộc một huyện/tỉnh");

export const importQuery = z.object({
  dry_run: z
    .enum(["0", "1", "true", "false"], { error: "chỉ nhận 1 hoặc 0" })
    .optional()
    .describe("1: kiểm tra và đếm, không ghi gì"),
  methodology: z
    .string()
    .max(200, "dài quá 200 ký tự")
    .optional()
    .describe("Mã phương pháp (id hoặc id@phiên bản) cho dòng điểm không có cột methodology_id"),
  source: z.string().max(500, "dài quá 500 ký tự").optional().describe("Nguồn ghi cho các dòng được nhập"),
  name: z
    .string()
    // A refinement, not a pattern: JSON Schema has no Unicode classes to document it with.
    .refine(
      (text) => /^[\p{L}\p{N}._ -]{1,100}$/u.test(text),
      "chỉ gồm chữ, số, dấu chấm, gạch và khoảng trắng (tối đa 100)",
    )
    .optional()
    .describe("Tên tệp, để ghi trong thông báo lỗi và nguồn"),
});

/** A day or an ISO 8601 instant, as the audit and notice lists are filtered. */
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/, {
    message: "phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601",
    abort: true,
  })
  .refine((text) => parseDate(text) !== null || parseInstant(text) !== null, "không phải thời điểm có thật");

export const auditQuery = z.object({
  unit: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("Mã đơn vị: chỉ thay đổi của đơn vị đó và các đơn vị trực thuộc"),
  from: instant.optional().describe("Từ (ngày hoặc thời điểm, giờ Việt Nam cho ngày)"),
  to: instant.optional().describe("Đến (ngày hoặc thời điểm; một ngày tính trọn ngày)"),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "phải là số từ 1 đến 1000")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, "phải là số từ 1 đến 1000")
    .optional()
    .describe("Số dòng tối đa (mặc định 200)"),
});

export const importKind = z.enum(IMPORT_KINDS);

export const scoreQuery = z.object({
  methodology: z
    .string({ error: "bắt buộc: mã phương pháp, ví dụ haiduong-commune-2021" })
    .min(1, "không được để trống")
    .max(200, "dài quá 200 ký tự")
    .describe("Mã phương pháp chấm điểm có sẵn (xem `npm run cli -- methodology list`)"),
  year: z
    .string()
    .regex(/^\d{4}$/, "phải là một năm, ví dụ 2023")
    .transform(Number)
    .optional()
    .describe("Năm được đánh giá: quy tắc chỉ áp dụng cho một số năm chỉ được xét khi có năm"),
});

export const unitsQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "phải là một năm, ví dụ 2024")
    .transform(Number)
    .optional()
    .describe("Năm: các đơn vị tồn tại trong năm đó (mặc định: hôm nay)"),
});

export const tthcQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,2}$/, "phải là số từ 1 đến 24")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 24, "phải là số từ 1 đến 24")
    .optional()
    // A province before the reform reads a few hundred units: 24 periods each bounds the answer.
    .describe("Số kỳ gần nhất mỗi đơn vị (mặc định 12, tối đa 24)"),
});

export const scheduleQuery = z.object({
  week: z
    .string({ error: 'bắt buộc: tuần ISO, ví dụ "2024-W09"' })
    .refine((text) => parseIsoWeek(text) !== null, 'phải là tuần ISO có thật, ví dụ "2024-W09"')
    .describe('Tuần ISO, ví dụ "2024-W09"'),
});

/** The 400 of a body or query zod refused: one line per field, the field named. */
export function fieldProblems(error: z.ZodError): {
  error: string;
  fields: { field: string; message: string }[];
} {
  const fields = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : "(thân yêu cầu)",
    message:
      issue.code === "unrecognized_keys" ? `trường không được nhận: ${issue.keys.join(", ")}` : issue.message,
  }));
  const lines = fields.map((f) => `trường "${f.field}": ${f.message}`);
  return { error: `Yêu cầu không hợp lệ: ${lines.join("; ")}.`, fields };
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; problem: ReturnType<typeof fieldProblems> } {
  const parsed = schema.safeParse(value, { error: viErrors });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, problem: fieldProblems(parsed.error) };
}
