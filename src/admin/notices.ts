/**
 * The notices an officer can follow: those of their subtree's units (a district's weekly schedule, its
 * results announcement) and wider ones that reached their chats, each with its deliveries by state. A
 * wider notice counts only the deliveries to the subtree's chats; single chat replies are not notices
 * an officer follows and are left out. `GET /admin/notices/{key}` (api.ts) lists one notice's deliveries.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AdminEnv } from "./auth.ts";
import { fieldErrorBody } from "./responses.ts";
import { type AdminDeps, instantOf, inVietnamese } from "./route-support.ts";
import { json, REFUSALS, security } from "./routes.ts";
import { instant } from "./schemas.ts";

export const noticesQuery = z.object({
  from: instant.optional().describe("Tạo từ (ngày hoặc thời điểm, giờ Việt Nam cho ngày)"),
  to: instant.optional().describe("Tạo đến (ngày hoặc thời điểm; một ngày tính trọn ngày)"),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "phải là số từ 1 đến 500")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, "phải là số từ 1 đến 500")
    .optional()
    .describe("Số thông báo tối đa (mặc định 100)"),
});

export const noticeSummary = z
  .object({
    key: z.string().describe("Khóa thông báo: GET /admin/notices/{key} cho từng lần gửi"),
    job: z.string().describe("Việc định kỳ đã tạo: result-announcement, work-schedule, late-cases…"),
    title: z.string().describe("Tiêu đề, tiếng Việt"),
    scopeUnitCode: z.string().nullable().describe("Mã đơn vị của thông báo; null: toàn quốc"),
    runAt: z.string().describe("Thời điểm việc định kỳ chạy (ISO 8601)"),
    createdAt: z.string().describe("Lúc tạo (ISO 8601)"),
    counts: z
      .record(z.string(), z.number().int())
      .describe("Số tin theo trạng thái (chỉ các cuộc trò chuyện trong phạm vi): pending, sent, failed…"),
  })
  .describe("Một thông báo và các tin gửi của nó theo trạng thái");

export const noticesRoute = createRoute({
  method: "get",
  path: "/notices",
  summary: "Các thông báo trong phạm vi (công bố kết quả, lịch tuần, nhắc hồ sơ trễ), mới nhất trước",
  security,
  request: { query: noticesQuery },
  responses: {
    200: {
      description: "Các thông báo với số tin theo trạng thái",
      content: {
        "application/json": {
          schema: z.object({ notices: z.array(noticeSummary).describe("Các thông báo, mới nhất trước") }),
        },
      },
    },
    400: json("Tham số không hợp lệ (nêu tên trường)", fieldErrorBody),
    // No unit in the path: the list is the caller's own subtree, never a 403.
    401: REFUSALS[401],
    429: REFUSALS[429],
  },
});

export function registerNoticeRoutes(admin: OpenAPIHono<AdminEnv>, deps: AdminDeps): void {
  admin.openapi(
    noticesRoute,
    async (c) => {
      const query = c.req.valid("query");
      const notices = await deps.store.admin.notices({
        subtreeOf: c.get("officer").unitId,
        from: query.from === undefined ? null : instantOf(query.from, false),
        to: query.to === undefined ? null : instantOf(query.to, true),
        limit: query.limit ?? 100,
      });
      return c.json({ notices }, 200);
    },
    inVietnamese(noticesRoute),
  );
}
