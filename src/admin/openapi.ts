/**
 * `/admin/openapi.json`: the admin API described in OpenAPI 3.1, its bodies and queries generated from
 * the very zod schemas the routes validate with (zod's JSON Schema output), descriptions in Vietnamese.
 */
import { z } from "zod";
import { IMPORT_KINDS } from "../imports/index.ts";
import { auditQuery, importQuery, invitesBody, publishBody, unpublishBody } from "./schemas.ts";

const schema = (s: z.ZodType, io: "input" | "output" = "input") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
};

/** An object schema's properties as OpenAPI query parameters. */
function queryParameters(s: z.ZodObject) {
  const json = schema(s) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    description: property.description,
    schema: property,
  }));
}

const error = { $ref: "#/components/schemas/Error" };
const answers = (ok: string, extra: Record<string, string> = {}) => ({
  "200": { description: ok },
  "401": {
    description: "Thiếu mã truy cập, mã sai, hết hạn hoặc đã thu hồi",
    content: { "application/json": { schema: error } },
  },
  "403": {
    description: "Đơn vị ngoài phạm vi của mã truy cập",
    content: { "application/json": { schema: error } },
  },
  "429": { description: "Quá nhiều yêu cầu bị từ chối từ địa chỉ này" },
  ...Object.fromEntries(Object.entries(extra).map(([code, description]) => [code, { description }])),
});

let built: object | null = null;

export function openApiDocument(): object {
  built ??= {
    openapi: "3.1.0",
    info: {
      title: "cchc-bot — API quản trị",
      version: "1",
      description:
        "API cho cán bộ CCHC tỉnh và huyện: nhập dữ liệu, công bố, rút công bố, xem cuộc trò chuyện đã liên kết " +
        "và nhật ký thay đổi. Mỗi mã truy cập chỉ tác động tới đơn vị của nó và các đơn vị trực thuộc.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Mã do `token create` cấp" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: { error: { type: "string", description: "Lý do, bằng tiếng Việt" } },
          required: ["error"],
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/admin/me": {
        get: {
          summary: "Mã truy cập đang dùng: vai trò và phạm vi",
          responses: answers("Vai trò và phạm vi"),
        },
      },
      "/admin/units/{code}/chats": {
        get: {
          summary: "Các cuộc trò chuyện đã liên kết với đơn vị và các đơn vị trực thuộc",
          parameters: [
            {
              name: "code",
              in: "path",
              required: true,
              description: "Mã đơn vị",
              schema: { type: "string" },
            },
          ],
          responses: answers("Đơn vị và các cuộc trò chuyện", { "404": "Không có đơn vị mã này" }),
        },
      },
      "/admin/imports/{kind}": {
        post: {
          summary: "Nhập một tệp CSV hoặc JSON (cùng bộ nhập như dòng lệnh; lỗi nào cũng không ghi gì)",
          parameters: [
            {
              name: "kind",
              in: "path",
              required: true,
              description: "Loại dữ liệu",
              schema: { type: "string", enum: [...IMPORT_KINDS] },
            },
            ...queryParameters(importQuery),
          ],
          requestBody: {
            required: true,
            content: {
              "text/csv": {
                schema: {
                  type: "string",
                  description: "Tệp CSV, dòng đầu là tên cột (xem /admin/templates)",
                },
              },
              "application/json": {
                schema: { type: "array", items: { type: "object" }, description: "Các bản ghi" },
              },
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: {
                    file: { type: "string", format: "binary", description: "Tệp .csv hoặc .json" },
                  },
                  required: ["file"],
                },
              },
            },
          },
          responses: answers("Số dòng đã đọc và số thay đổi", {
            "400": "Tham số không hợp lệ",
            "413": "Tệp quá lớn",
            "415": "Không phải CSV hay JSON",
            "422": "Tệp bị từ chối: danh sách lỗi theo số dòng",
          }),
        },
      },
      "/admin/publish": {
        post: {
          summary: "Công bố kết quả một huyện/tỉnh (dry_run: xem trước bảng xếp hạng)",
          requestBody: { required: true, content: { "application/json": { schema: schema(publishBody) } } },
          responses: answers("Bảng xếp hạng đã (hoặc sẽ) công bố", {
            "400": "Thân yêu cầu không hợp lệ (nêu tên trường)",
            "409": "Không công bố được (đơn vị thiếu điểm, đã công bố…)",
          }),
        },
      },
      "/admin/unpublish": {
        post: {
          summary: "Rút công bố khi chưa thông báo tới người theo dõi",
          requestBody: { required: true, content: { "application/json": { schema: schema(unpublishBody) } } },
          responses: answers("Số kết quả trở lại bản nháp", {
            "400": "Thân yêu cầu không hợp lệ hoặc sai xác nhận",
            "409": "Không rút được (đã thông báo, chưa công bố)",
          }),
        },
      },
      "/admin/invites": {
        post: {
          summary: "Tạo mã mời /dangky hàng loạt cho các đơn vị trực thuộc một huyện/tỉnh",
          requestBody: { required: true, content: { "application/json": { schema: schema(invitesBody) } } },
          responses: answers("Các mã mời, mỗi đơn vị một hay nhiều mã", {
            "400": "Thân yêu cầu không hợp lệ (nêu tên trường)",
            "404": "Không có huyện hoặc tỉnh mã này",
            "409": "Không có đơn vị trực thuộc, hoặc quá nhiều mã",
          }),
        },
      },
      "/admin/notices/{key}": {
        get: {
          summary: "Báo cáo gửi một thông báo: từng cuộc trò chuyện trong phạm vi, đã gửi, chờ, lỗi và lý do",
          parameters: [
            {
              name: "key",
              in: "path",
              required: true,
              description: "Khóa thông báo, ví dụ result-announcement:2021:2",
              schema: { type: "string" },
            },
          ],
          responses: answers("Số tin theo trạng thái và từng lần gửi", { "404": "Không có thông báo này" }),
        },
      },
      "/admin/audit": {
        get: {
          summary: "Nhật ký thay đổi trong phạm vi, mới nhất trước",
          parameters: queryParameters(auditQuery),
          responses: answers("Các dòng nhật ký", { "400": "Tham số không hợp lệ" }),
        },
      },
      "/admin/templates/{kind}.csv": {
        get: {
          summary: "Tệp CSV mẫu (dòng tên cột) của một loại dữ liệu",
          security: [],
          parameters: [
            {
              name: "kind",
              in: "path",
              required: true,
              schema: { type: "string", enum: ["units", "assessments", "tthc", "schedule"] },
            },
          ],
          responses: { "200": { description: "Tệp CSV" }, "404": { description: "Không có mẫu này" } },
        },
      },
    },
  };
  return built;
}
