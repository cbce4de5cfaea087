/**
 * Delegation through the API: an officer issues, lists and revokes tokens for units of their own
 * subtree (a province for its 20 districts, a district for a second clerk), so ADMIN_TOKEN and the CLI
 * are needed only to start. A token it issues cannot reach outside the issuer's subtree, cannot take a
 * role whose unit is not of that level, and cannot outlive the issuer's own expiry.
 */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { endOfVietnamDay, formatDateTime, vnIsoDate } from "../format/vi.ts";
import { parseDate } from "../imports/dates.ts";
import { levelName } from "../imports/unit-codes.ts";
import type { AdminTokenRecord, WriteContext } from "../store/index.ts";
import { limitBody } from "../web/body-limit.ts";
import { type AdminEnv, requireUnit } from "./auth.ts";
import { fieldErrorBody, jsonFieldErrorBody } from "./responses.ts";
import { type AdminDeps, badField, inVietnamese } from "./route-support.ts";
import { json, REFUSALS, security } from "./routes.ts";
import { hashSecret, newSecret } from "./secret.ts";

/** A token as an officer sees it: never its secret, never its hash. */
export const tokenView = z
  .object({
    id: z.number().int().describe("Số mã"),
    role: z.enum(["province", "district"]).describe("province: cán bộ tỉnh, district: cán bộ huyện"),
    unit: z
      .object({ code: z.string().describe("Mã GSO"), name: z.string().describe("Tên đơn vị") })
      .describe("Gốc phạm vi của mã"),
    label: z.string().nullable().describe("Tên gợi nhớ"),
    createdAt: z.string().describe("Lúc tạo (ISO 8601)"),
    expiresAt: z.string().nullable().describe("Hết hạn lúc (ISO 8601); null: không hết hạn"),
    revokedAt: z.string().nullable().describe("Thu hồi lúc (ISO 8601); null: chưa thu hồi"),
    issuedBy: z
      .number()
      .int()
      .nullable()
      .describe("Số mã đã cấp nó qua API; null: cấp bằng dòng lệnh hoặc ADMIN_TOKEN"),
    state: z.enum(["active", "expired", "revoked"]).describe("Trạng thái lúc hỏi"),
  })
  .describe("Một mã truy cập (không có mã bí mật)");

export const tokenCreateBody = z
  .strictObject({
    unit: z
      .string({ error: "phải là mã tỉnh hoặc huyện (chuỗi)" })
      .trim()
      .min(1, "không được để trống")
      .max(64, "dài quá 64 ký tự")
      .describe("Mã GSO của tỉnh (role province) hoặc huyện (role district) trong phạm vi của bạn"),
    role: z
      .enum(["province", "district"], { error: "chỉ nhận province hoặc district" })
      .describe("province: cán bộ tỉnh, district: cán bộ huyện"),
    label: z
      .string({ error: "phải là chuỗi" })
      .trim()
      .max(100, "dài quá 100 ký tự")
      .optional()
      .describe("Tên gợi nhớ, ví dụ tên cán bộ hoặc phòng"),
    expires: z
      .string({ error: "phải là ngày YYYY-MM-DD" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "phải là ngày YYYY-MM-DD", abort: true })
      .refine((text) => parseDate(text) !== null, "không phải ngày có thật")
      .optional()
      .describe("Hết hạn cuối ngày này (giờ Việt Nam); mặc định: cùng lúc với mã của bạn"),
  })
  .describe("Cấp mã truy cập cho một đơn vị trong phạm vi của bạn");

const idParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, "phải là số của mã")
    .transform(Number)
    .describe("Số mã"),
});

export const tokensListRoute = createRoute({
  method: "get",
  path: "/tokens",
  summary: "Các mã truy cập của đơn vị trong phạm vi (không có mã bí mật)",
  security,
  responses: {
    200: {
      description: "Các mã, mới nhất trước",
      content: {
        "application/json": {
          schema: z.object({ tokens: z.array(tokenView).describe("Các mã, mới nhất trước") }),
        },
      },
    },
    ...REFUSALS,
  },
});

/** Tokens one token may have issued and still working: a province's districts and a few clerks. */
export const MAX_ACTIVE_ISSUED = 100;

export const tokenCreateRoute = createRoute({
  method: "post",
  path: "/tokens",
  summary: "Cấp mã truy cập cho một tỉnh/huyện trong phạm vi; mã bí mật chỉ trả về một lần",
  description:
    "Mã mới không vượt ra ngoài phạm vi của mã cấp nó, không có hạn dài hơn, và bị thu hồi cùng lúc khi " +
    `mã cấp nó bị thu hồi. Một mã có tối đa ${MAX_ACTIVE_ISSUED} mã do nó cấp còn hiệu lực.`,
  security,
  middleware: [limitBody(16 * 1024, "Nội dung quá lớn.")] as const,
  request: { body: { required: true, content: { "application/json": { schema: tokenCreateBody } } } },
  responses: {
    201: {
      description: "Mã mới và mã bí mật của nó (chỉ một lần: chỉ giá trị băm được lưu)",
      content: {
        "application/json": {
          schema: z.object({
            token: tokenView,
            secret: z.string().describe("Mã bí mật: gửi kèm Authorization: Bearer <mã>"),
          }),
        },
      },
    },
    400: json(
      "Thân yêu cầu không hợp lệ (nêu tên trường), hoặc hạn dùng dài hơn mã của bạn",
      jsonFieldErrorBody,
    ),
    404: json("Không có tỉnh/huyện mã này"),
    409: json(`Mã đang dùng đã cấp ${MAX_ACTIVE_ISSUED} mã còn hiệu lực`),
    413: json("Nội dung quá lớn"),
    ...REFUSALS,
  },
});

export const tokenRevokeRoute = createRoute({
  method: "post",
  path: "/tokens/{id}/revoke",
  summary: "Thu hồi một mã (có hiệu lực ngay), cùng mọi mã do nó cấp",
  description:
    "Được thu hồi: mã của chính mình, mã do mình (hoặc mã mình cấp) cấp, và mã của đơn vị cấp dưới. Mã " +
    "ngang cấp do người khác cấp thì không (403); mã ngoài phạm vi coi như không có (404).",
  security,
  request: { params: idParam },
  responses: {
    200: {
      description: "Mã đã thu hồi, và các mã do nó cấp cũng bị thu hồi theo",
      content: {
        "application/json": {
          schema: z.object({
            token: tokenView,
            alsoRevoked: z
              .array(z.number().int())
              .describe("Số các mã do nó cấp (trực tiếp hoặc gián tiếp) bị thu hồi theo"),
          }),
        },
      },
    },
    400: json("Số mã không hợp lệ", fieldErrorBody),
    404: json("Không có mã số này trong phạm vi của bạn"),
    409: json("Mã đã bị thu hồi từ trước"),
    ...REFUSALS,
  },
});

function stateOf(token: AdminTokenRecord, now: Date): "active" | "expired" | "revoked" {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString()) return "expired";
  return "active";
}

function view(token: AdminTokenRecord, now: Date): z.infer<typeof tokenView> {
  return {
    id: token.id,
    role: token.role,
    unit: { code: token.unitCode, name: token.unitName },
    label: token.label,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    issuedBy: token.issuedBy,
    state: stateOf(token, now),
  };
}

export function registerTokenRoutes(admin: OpenAPIHono<AdminEnv>, deps: AdminDeps): void {
  const { store, now } = deps;
  const ctxOf = (actor: string): WriteContext => ({ now: now(), actor });

  admin.openapi(
    tokensListRoute,
    async (c) => {
      const root = c.get("officer").unitId;
      const inside = root === null ? null : await store.admin.subtreeIds(root);
      const at = now();
      const tokens = (await store.admin.listTokens())
        .filter((t) => inside === null || inside.has(t.unitId))
        .map((t) => view(t, at));
      return c.json({ tokens }, 200);
    },
    inVietnamese(tokensListRoute),
  );

  admin.openapi(
    tokenCreateRoute,
    async (c) => {
      const body = c.req.valid("json");
      const officer = c.get("officer");
      const ctx = ctxOf(officer.actor);
      const today = vnIsoDate(ctx.now);
      let expiresAt: string | null = officer.expiresAt;
      if (body.expires !== undefined) {
        if (body.expires < today) throw badField("expires", "ngày này đã qua");
        expiresAt = endOfVietnamDay(body.expires);
        if (officer.expiresAt !== null && expiresAt > officer.expiresAt) {
          throw badField(
            "expires",
            `không được sau hạn của mã bạn đang dùng (${formatDateTime(new Date(officer.expiresAt))})`,
          );
        }
      }
      let units = await store.units.findByCode(body.unit, { from: today, to: today }, body.role);
      // A former unit's code, when no unit of today has it (data of years before the 2025 reform).
      if (units.length === 0)
        units = await store.units.findByCode(body.unit, { from: "0001-01-01", to: "9999-12-31" }, body.role);
      const unit = units.at(-1);
      if (unit === undefined) {
        // The code exists at another level: the role is what is wrong, and the officer is told which.
        const other = (await store.units.findByCode(body.unit, { from: "0001-01-01", to: "9999-12-31" })).at(
          -1,
        );
        if (other !== undefined && other.level !== "commune") {
          throw badField(
            "role",
            `${other.name} (${other.code}) là đơn vị ${levelName(other.level)}: dùng "${other.level}"`,
          );
        }
        throw new HTTPException(404, {
          message: `Không có đơn vị ${levelName(body.role)} mã ${body.unit}.`,
        });
      }
      await requireUnit(c, store, unit);
      const secret = newSecret();
      const id = await store.admin.createToken(
        {
          secretHash: await hashSecret(secret),
          role: body.role,
          unitId: unit.id,
          label: body.label || null,
          expiresAt,
          issuedBy: officer.tokenId,
        },
        ctx,
        { maxActiveIssued: MAX_ACTIVE_ISSUED },
      );
      if (id === null) {
        // The insert checks the issuer: revoked meanwhile (by a request running alongside), or full.
        const issuer = officer.tokenId === null ? null : await store.admin.token(officer.tokenId);
        if (issuer?.revokedAt != null) {
          throw new HTTPException(401, {
            message: `Mã truy cập số ${issuer.id} vừa bị thu hồi; không cấp mã mới.`,
          });
        }
        throw new HTTPException(409, {
          message: `Mã số ${officer.tokenId} đã cấp ${MAX_ACTIVE_ISSUED} mã còn hiệu lực; hãy thu hồi mã không dùng nữa trước.`,
        });
      }
      const token = (await store.admin.token(id)) as AdminTokenRecord;
      return c.json({ token: view(token, ctx.now), secret }, 201);
    },
    inVietnamese(tokenCreateRoute),
  );

  admin.openapi(
    tokenRevokeRoute,
    async (c) => {
      const { id } = c.req.valid("param");
      const officer = c.get("officer");
      const token = await store.admin.token(id);
      const missing = new HTTPException(404, { message: `Không có mã truy cập số ${id}.` });
      if (token === null) throw missing;
      // Outside the caller's subtree a token is answered as missing: ids do not tell who else holds one.
      if (officer.unitId !== null && !(await store.admin.inSubtree(officer.unitId, token.unitId)))
        throw missing;
      const mayRevoke =
        officer.tokenId === null ||
        officer.tokenId === token.id ||
        token.unitId !== officer.unitId ||
        (await store.admin.issuersOf(token.id)).includes(officer.tokenId);
      if (!mayRevoke) {
        throw new HTTPException(403, {
          message:
            `Mã số ${id} của ${token.unitName} không do mã của bạn cấp; chỉ mã đã cấp nó hoặc cán bộ ` +
            "cấp trên (hoặc chính người giữ mã) được thu hồi.",
        });
      }
      const ctx = ctxOf(officer.actor);
      const revoked = await store.admin.revokeToken(id, ctx);
      if (revoked.length === 0) {
        throw new HTTPException(409, {
          message: `Mã số ${id} đã bị thu hồi từ trước${token.revokedAt ? ` (${formatDateTime(new Date(token.revokedAt))})` : ""}.`,
        });
      }
      return c.json(
        {
          token: view((await store.admin.token(id)) as AdminTokenRecord, ctx.now),
          // Also those left working under a token revoked earlier (issued while its revocation ran).
          alsoRevoked: revoked.filter((other) => other !== id),
        },
        200,
      );
    },
    inVietnamese(tokenRevokeRoute),
  );
}
