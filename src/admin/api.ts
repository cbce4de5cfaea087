/**
 * The officers' admin API, mounted at /admin by both entries (./for-service.ts): the OpenAPI document and
 * CSV templates (no token), then every route behind the bearer token: reads (./read-routes.ts), imports
 * and trial scoring (./import-routes.ts), publishing (./publish-routes.ts), tokens (./tokens.ts) and the
 * notices list (./notices.ts). JSON in and out, every body and query validated with the zod schemas of
 * ./schemas.ts; every change written by the same code as the CLI's and audited with the token's id.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../errors.ts";
import { type ImportKind, ImportRefusedError } from "../imports/index.ts";
import { PublishingError } from "../publishing/index.ts";
import { type AdminEnv, authenticate, slowFailures } from "./auth.ts";
import { registerImportRoutes } from "./import-routes.ts";
import { registerNoticeRoutes } from "./notices.ts";
import { registerPublishRoutes } from "./publish-routes.ts";
import { registerReadRoutes } from "./read-routes.ts";
import { type AdminDeps, inVietnamese } from "./route-support.ts";
import { templateRoute } from "./routes.ts";
import { EXAMPLES, TEMPLATES } from "./templates.ts";
import { registerTokenRoutes } from "./tokens.ts";

export type { AdminDeps } from "./route-support.ts";

/** Hono's and @hono/zod-openapi's own refusals, in Vietnamese. */
const HONO_MESSAGES: Readonly<Record<string, string>> = {
  "Malformed JSON in request body": "Thân yêu cầu phải là JSON hợp lệ.",
  "Unsupported Media Type": "Thân yêu cầu phải là JSON (Content-Type: application/json).",
};

export function adminApi(deps: AdminDeps): OpenAPIHono<AdminEnv> {
  const { store, now, log } = deps;
  const auth = { store, adminToken: deps.adminToken, now, trustProxy: deps.trustProxy === true };
  const admin = new OpenAPIHono<AdminEnv>();
  admin.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "Mã do `npm run cli -- token create` cấp (hoặc ADMIN_TOKEN)",
  });

  // Public parts: what a client needs before it has a token.
  admin.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "cchc-bot — API quản trị",
      version: "1",
      description:
        "API cho cán bộ CCHC tỉnh và huyện: nhập dữ liệu, công bố, rút công bố, mã mời, báo cáo gửi, cuộc trò " +
        "chuyện đã liên kết và nhật ký thay đổi. Mỗi mã truy cập chỉ tác động tới đơn vị của nó và các đơn vị " +
        "trực thuộc; 401: không biết bạn là ai, 403: không thuộc phạm vi của bạn.",
    },
    servers: [{ url: "/admin" }],
  });
  admin.openapi(
    templateRoute,
    (c) => {
      const kind = /^([a-z]+)\.csv$/u.exec(c.req.valid("param").file)?.[1];
      const template = kind === undefined ? undefined : TEMPLATES[kind as ImportKind];
      if (template === undefined) throw new HTTPException(404, { message: "Không có mẫu này." });
      const example = c.req.valid("query").example === "1" ? EXAMPLES[kind as ImportKind] : undefined;
      return c.body(`\uFEFF${template}\n${example === undefined ? "" : `${example}\n`}`, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${kind}.csv"`,
      });
    },
    inVietnamese(templateRoute),
  );

  admin.use(
    "*",
    slowFailures({ ...auth, ...(deps.failureLimit ? { failureLimit: deps.failureLimit } : {}) }),
  );
  admin.use("*", authenticate(auth));

  registerReadRoutes(admin, deps);
  registerImportRoutes(admin, deps);
  registerPublishRoutes(admin, deps);
  registerTokenRoutes(admin, deps);
  registerNoticeRoutes(admin, deps);

  admin.notFound((c) => c.json({ error: "Không có trang này." }, 404));
  admin.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.res) return error.res;
      return c.json({ error: HONO_MESSAGES[error.message] ?? error.message }, error.status);
    }
    if (error instanceof ImportRefusedError) {
      return c.json({ error: error.message, problems: error.problems }, 422);
    }
    if (error instanceof PublishingError) {
      const status = /NOT_FOUND$/u.test(error.code) ? 404 : 409;
      return c.json({ error: error.message, code: error.code, lines: error.lines }, status);
    }
    if (error instanceof AppError) return c.json({ error: error.message, code: error.code }, 422);
    log.error("admin request failed", { request: c.get("requestId" as never), path: c.req.path, error });
    return c.json({ error: "Lỗi máy chủ." }, 500);
  });
  return admin;
}
