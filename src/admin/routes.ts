/**
 * The admin API's routes as OpenAPI operations (@hono/zod-openapi): each route's zod schemas are what it
 * validates with and what `/admin/openapi.json` documents, descriptions in Vietnamese.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { IMPORT_KINDS } from "../imports/index.ts";
import {
  auditAnswer,
  chatsAnswer,
  errorBody,
  fieldErrorBody,
  importAnswer,
  importRefusedBody,
  importScopeErrorBody,
  invitesAnswer,
  jsonFieldErrorBody,
  meAnswer,
  noticeAnswer,
  publishAnswer,
  publishingErrorBody,
  scheduleAnswer,
  scoreAnswer,
  scoreRefusedBody,
  tthcAnswer,
  unitsAnswer,
  unpublishAnswer,
} from "./responses.ts";
import {
  auditQuery,
  importQuery,
  invitesBody,
  publishBody,
  scheduleQuery,
  scoreQuery,
  tthcQuery,
  unitsQuery,
  unpublishBody,
} from "./schemas.ts";

/** A JSON answer: its description and body schema (./responses.ts). */
export const json = (description: string, schema: z.ZodType = errorBody) => ({
  description,
  content: { "application/json": { schema } },
});

/** What any route behind the bearer token may answer: who are you, not yours, too many refusals. */
export const REFUSALS = {
  401: json("Thiếu mã truy cập, mã sai, hết hạn hoặc đã thu hồi"),
  403: json("Đơn vị ngoài phạm vi của mã truy cập"),
  429: json("Quá nhiều yêu cầu bị từ chối từ địa chỉ này"),
};

/** An error answer: a description (body `{ error }`), or a description and its own body schema. */
type Answer = string | { description: string; schema: z.ZodType };

/**
 * The 200 answer (`ok`: its body schema, `description`), what every route may answer besides, and `extra`
 * (status → description, or description and body schema).
 *
 * Typed as RouteConfig's plain responses on purpose: with every answer's schema in the route's type,
 * @hono/zod-openapi would require each handler to return `c.json(…, status)` typed by these schemas;
 * the handlers stay as they are, and test/admin/openapi.test.ts parses their real answers with these
 * schemas instead.
 */
function answers(
  ok: z.ZodType,
  description: string,
  extra: Record<number, Answer> = {},
): RouteConfig["responses"] {
  return {
    200: json(description, ok),
    ...REFUSALS,
    ...Object.fromEntries(
      Object.entries(extra).map(([code, answer]) => [
        code,
        typeof answer === "string" ? json(answer) : json(answer.description, answer.schema),
      ]),
    ),
  };
}

const badFields: Answer = { description: "Tham số không hợp lệ (nêu tên trường)", schema: fieldErrorBody };

export const security = [{ bearer: [] }];
const codeParam = z.object({
  code: z.string().min(1).max(64).describe("Mã đơn vị (mã GSO)"),
});

export const meRoute = createRoute({
  method: "get",
  path: "/me",
  summary: "Mã truy cập đang dùng: số, vai trò và phạm vi",
  security,
  responses: answers(meAnswer, "Số mã, vai trò và phạm vi"),
});

export const chatsRoute = createRoute({
  method: "get",
  path: "/units/{code}/chats",
  summary: "Các cuộc trò chuyện đã liên kết với đơn vị và các đơn vị trực thuộc (ai đã tham gia)",
  security,
  request: { params: codeParam },
  responses: answers(
    chatsAnswer,
    "Đơn vị và các cuộc trò chuyện (không có mã cuộc trò chuyện của nền tảng)",
    {
      404: "Không có đơn vị mã này",
    },
  ),
});

export const scoreRoute = (middleware: MiddlewareHandler) =>
  createRoute({
    method: "post",
    path: "/score",
    summary: "Tính thử một bảng điểm CSV (như `npm run cli -- score`), không ghi gì",
    description: "Thân yêu cầu: CSV (Content-Type: text/csv) với các cột unit,criterion_code,score.",
    security,
    middleware: [middleware],
    request: {
      query: scoreQuery,
      body: {
        required: true,
        content: { "text/csv": { schema: { type: "string", description: "Bảng điểm CSV" } } },
      },
    },
    responses: answers(
      scoreAnswer,
      "Tổng, %, hạng, nhóm, xếp loại người đứng đầu, tiêu chí thấp nhất của từng đơn vị",
      {
        400: badFields,
        413: "Tệp quá lớn",
        422: {
          description:
            "Bảng điểm bị từ chối: danh sách lỗi theo số dòng (hoặc mã lỗi: phương pháp không có…)",
          schema: scoreRefusedBody,
        },
      },
    ),
  });

export const unitsRoute = createRoute({
  method: "get",
  path: "/units/{code}/units",
  summary: "Các đơn vị cấp dưới của một tỉnh/huyện trong một năm, với mã để điền tệp nhập",
  security,
  request: { params: codeParam, query: unitsQuery },
  responses: answers(unitsAnswer, "Các đơn vị cấp dưới, theo mã", {
    400: badFields,
    404: "Không có đơn vị mã này trong năm đó",
  }),
});

export const tthcRoute = createRoute({
  method: "get",
  path: "/units/{code}/tthc",
  summary: "Số liệu thủ tục hành chính (TTHC) của đơn vị và các đơn vị trực thuộc, kỳ gần nhất trước",
  security,
  request: { params: codeParam, query: tthcQuery },
  responses: answers(
    tthcAnswer,
    "Các kỳ TTHC theo đơn vị: tiếp nhận, đúng hạn, trễ hạn…; null = không được công bố",
    {
      400: badFields,
      404: "Không có đơn vị mã này",
    },
  ),
});

export const scheduleRoute = createRoute({
  method: "get",
  path: "/units/{code}/schedule",
  summary: "Lịch công tác một tuần của huyện/tỉnh (hoặc xã)",
  security,
  request: { params: codeParam, query: scheduleQuery },
  responses: answers(scheduleAnswer, "Các mục lịch của tuần, theo ngày và giờ", {
    400: badFields,
    404: "Không có đơn vị mã này",
  }),
});

export const importRoute = (middleware: MiddlewareHandler) =>
  createRoute({
    method: "post",
    path: "/imports/{kind}",
    summary: "Nhập một tệp CSV hoặc JSON (cùng bộ nhập như dòng lệnh; có lỗi thì không ghi gì)",
    description:
      "Thân yêu cầu: tệp CSV (Content-Type: text/csv), JSON (application/json: mảng các bản ghi; phương pháp: " +
      "một đối tượng) hoặc biểu mẫu tải tệp (multipart/form-data, trường file). Mẫu CSV: /admin/templates/<kind>.csv.",
    security,
    middleware: [middleware],
    request: {
      params: z.object({ kind: z.enum(IMPORT_KINDS).describe("Loại dữ liệu") }),
      query: importQuery,
      // Plain OpenAPI schemas, not zod: @hono/zod-openapi installs a json or form validator (and a gate
      // refusing other content types with 415) only for a zod schema, and the handler reads the body itself
      // (importBody of ./api.ts: text/plain too; the importer reports a bad file row by row).
      body: {
        required: true,
        content: {
          "text/csv": { schema: { type: "string", description: "Tệp CSV, dòng đầu là tên cột" } },
          "application/json": {
            schema: {
              oneOf: [
                {
                  type: "array",
                  description:
                    "Các bản ghi (units, assessments, tthc, schedule), khóa là tên cột như trong mẫu CSV",
                  items: {
                    type: "object",
                    additionalProperties: {
                      oneOf: [
                        { type: "string" },
                        { type: "number" },
                        { type: "boolean" },
                        { type: "null", description: "Ô trống" },
                        {
                          type: "array",
                          items: { oneOf: [{ type: "string" }, { type: "number" }] },
                          description: 'Danh sách (ví dụ predecessor_codes), như "10675;10681" trong CSV',
                        },
                      ],
                    },
                  },
                },
                {
                  type: "object",
                  description: "Một phương pháp chấm điểm (kind=methodology): một đối tượng JSON",
                  additionalProperties: true,
                },
              ],
            },
          },
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["file"],
              properties: {
                file: {
                  type: "string",
                  format: "binary",
                  description: "Tệp CSV hoặc JSON; tên tệp đuôi .json là JSON, còn lại là CSV",
                },
              },
            },
          },
        },
      },
    },
    responses: answers(importAnswer, "Số dòng đã đọc và số thay đổi (hoặc sẽ thay đổi, khi dry_run=1)", {
      400: {
        description: "Tham số không hợp lệ hoặc thiếu trường file (nêu tên trường)",
        schema: fieldErrorBody,
      },
      403: {
        description: "Đơn vị ngoài phạm vi của mã truy cập (problems: các dòng nêu đơn vị ngoài phạm vi)",
        schema: importScopeErrorBody,
      },
      413: "Tệp quá lớn",
      415: "Không phải CSV, JSON hay biểu mẫu tải tệp",
      422: {
        description: "Tệp bị từ chối: danh sách lỗi theo số dòng; cơ sở dữ liệu không thay đổi",
        schema: importRefusedBody,
      },
    }),
  });

export const publishRoute = (middleware: MiddlewareHandler) =>
  createRoute({
    method: "post",
    path: "/publish",
    summary: "Công bố kết quả một huyện/tỉnh; dry_run: xem trước bảng xếp hạng sẽ được đóng băng",
    security,
    middleware: [middleware],
    request: { body: { required: true, content: { "application/json": { schema: publishBody } } } },
    responses: answers(publishAnswer, "Bảng xếp hạng đã (hoặc sẽ) công bố", {
      400: { description: "Thân yêu cầu không hợp lệ (nêu tên trường)", schema: jsonFieldErrorBody },
      404: { description: "Không có huyện hoặc tỉnh mã này trong năm đó", schema: publishingErrorBody },
      409: {
        description: "Không công bố được (đơn vị thiếu điểm, đã công bố…)",
        schema: publishingErrorBody,
      },
    }),
  });

export const unpublishRoute = (middleware: MiddlewareHandler) =>
  createRoute({
    method: "post",
    path: "/unpublish",
    summary: "Rút công bố khi kết quả chưa được thông báo tới người theo dõi",
    security,
    middleware: [middleware],
    request: { body: { required: true, content: { "application/json": { schema: unpublishBody } } } },
    responses: answers(unpublishAnswer, "Số kết quả trở lại bản nháp", {
      400: {
        description: "Thân yêu cầu không hợp lệ hoặc sai xác nhận (nêu tên trường)",
        schema: jsonFieldErrorBody,
      },
      404: { description: "Không có huyện hoặc tỉnh mã này trong năm đó", schema: publishingErrorBody },
      409: { description: "Không rút được (đã thông báo, chưa công bố)", schema: publishingErrorBody },
    }),
  });

export const invitesRoute = (middleware: MiddlewareHandler) =>
  createRoute({
    method: "post",
    path: "/invites",
    summary: "Tạo mã mời /dangky hàng loạt cho các đơn vị trực thuộc một huyện/tỉnh",
    security,
    middleware: [middleware],
    request: { body: { required: true, content: { "application/json": { schema: invitesBody } } } },
    responses: answers(invitesAnswer, "Các mã mời, mỗi đơn vị một hay nhiều mã", {
      400: { description: "Thân yêu cầu không hợp lệ (nêu tên trường)", schema: jsonFieldErrorBody },
      404: "Không có huyện hoặc tỉnh mã này",
      409: "Không có đơn vị trực thuộc, hoặc quá nhiều mã",
    }),
  });

export const noticeRoute = createRoute({
  method: "get",
  path: "/notices/{key}",
  summary: "Báo cáo gửi một thông báo: từng cuộc trò chuyện trong phạm vi, đã gửi, chờ, lỗi và lý do",
  security,
  request: {
    params: z.object({
      key: z.string().min(1).max(200).describe("Khóa thông báo, ví dụ result-announcement:2021:2"),
    }),
  },
  responses: answers(noticeAnswer, "Số tin theo trạng thái và từng lần gửi", {
    404: "Không có thông báo này",
  }),
});

export const auditRoute = createRoute({
  method: "get",
  path: "/audit",
  summary: "Nhật ký thay đổi trong phạm vi, mới nhất trước",
  security,
  request: { query: auditQuery },
  responses: answers(auditAnswer, "Các dòng nhật ký: ai (số mã), làm gì, trước → sau, lúc nào", {
    400: badFields,
    404: "Không có đơn vị mã này (tham số unit)",
  }),
});

export const templateRoute = createRoute({
  method: "get",
  path: "/templates/{file}",
  summary:
    "Tệp CSV mẫu (dòng tên cột) của một loại dữ liệu: units.csv, assessments.csv, tthc.csv, schedule.csv",
  request: {
    params: z.object({ file: z.string().describe("<loại>.csv") }),
    query: z.object({
      example: z
        .enum(["0", "1"], { error: "chỉ nhận 1 hoặc 0" })
        .optional()
        .describe("1: thêm một dòng ví dụ đã điền (Phường An Lưu, Kinh Môn) để chép theo"),
    }),
  },
  responses: {
    200: { description: "Tệp CSV (UTF-8 có BOM, mở được bằng Excel)" },
    404: json("Không có mẫu này"),
  },
});
