/**
 * Who is calling the admin API, and whether the unit they act on is theirs. A bearer secret is hashed
 * first and looked up by its digest; ADMIN_TOKEN is compared digest to digest without an early exit.
 * 401 says "who are you" (missing, unknown, expired, revoked), 403 "not yours" (a unit outside the
 * token's subtree). 401s are counted per client address: too many and that address waits.
 */
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { rateLimiter } from "hono-rate-limiter";
import { clientAddress } from "../app.ts";
import { formatDateTime } from "../format/vi.ts";
import type { AdminRole, Store } from "../store/index.ts";
import { digestsEqual, hashSecret } from "./secret.ts";

/** The caller of one admin request. */
export interface Officer {
  /** The token's id; null for ADMIN_TOKEN. */
  tokenId: number | null;
  /** What the audit log records: "admin-token:<id>", or "admin-token:bootstrap" for ADMIN_TOKEN. */
  actor: string;
  role: AdminRole;
  /** The subtree root; null for ADMIN_TOKEN, which acts on every unit. */
  unitId: number | null;
  /** "Thị xã Kinh Môn (292)", or "mọi đơn vị". */
  scopeName: string;
  /** When the token stops working (ISO instant); null = never. A token it creates cannot outlive it. */
  expiresAt: string | null;
}

export type AdminEnv = { Variables: { officer: Officer } };

export interface AuthOptions {
  store: Pick<Store, "admin">;
  /** The bootstrap token; null when not configured. */
  adminToken: string | null;
  now: () => Date;
  trustProxy: boolean;
  /** Requests with an unknown, expired or revoked token (401) one address may make per window; default 20. */
  failureLimit?: number;
  /** Default 15 minutes. */
  failureWindowMs?: number;
}

export const BOOTSTRAP_ACTOR = "admin-token:bootstrap";

function unauthorized(message: string): HTTPException {
  return new HTTPException(401, {
    res: Response.json(
      { error: message },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="cchc-admin"' } },
    ),
  });
}

/** Middleware: resolves the bearer token into `c.get("officer")`, or answers 401. */
export function authenticate(options: AuthOptions): MiddlewareHandler<AdminEnv> {
  const bootstrap = options.adminToken ? hashSecret(options.adminToken) : null;
  return async (c, next) => {
    const given = /^Bearer[ \t]+(\S+)[ \t]*$/u.exec(c.req.header("authorization") ?? "")?.[1];
    if (given === undefined) {
      throw unauthorized("Thiếu mã truy cập: gửi kèm tiêu đề Authorization: Bearer <mã>.");
    }
    const digest = await hashSecret(given);
    if (bootstrap !== null && digestsEqual(digest, await bootstrap)) {
      c.set("officer", {
        tokenId: null,
        actor: BOOTSTRAP_ACTOR,
        role: "province",
        unitId: null,
        scopeName: "mọi đơn vị",
        expiresAt: null,
      });
      return next();
    }
    const token = await options.store.admin.tokenByHash(digest);
    if (token === null || !digestsEqual(token.secretHash, digest)) {
      throw unauthorized("Mã truy cập không đúng.");
    }
    if (token.revokedAt !== null) {
      throw unauthorized(
        `Mã truy cập số ${token.id} đã bị thu hồi lúc ${formatDateTime(new Date(token.revokedAt))}.`,
      );
    }
    if (token.expiresAt !== null && token.expiresAt <= options.now().toISOString()) {
      throw unauthorized(
        `Mã truy cập số ${token.id} đã hết hạn lúc ${formatDateTime(new Date(token.expiresAt))}.`,
      );
    }
    // A token issued from one since revoked is refused too, however it escaped the revocation.
    const gone = token.issuedBy === null ? null : await options.store.admin.revokedIssuer(token.id);
    if (gone !== null) {
      throw unauthorized(
        `Mã truy cập số ${token.id} do mã số ${gone.id} cấp (trực tiếp hoặc gián tiếp), mà mã số ${gone.id} ` +
          `đã bị thu hồi lúc ${formatDateTime(new Date(gone.revokedAt))}.`,
      );
    }
    c.set("officer", {
      tokenId: token.id,
      actor: `admin-token:${token.id}`,
      role: token.role,
      unitId: token.unitId,
      scopeName: `${token.unitName} (${token.unitCode})`,
      expiresAt: token.expiresAt,
    });
    return next();
  };
}

/** Middleware: counts the 401s of each address (a token guessed or gone); over the limit, 429 and a wait. */
export function slowFailures(options: AuthOptions): MiddlewareHandler<AdminEnv> {
  return rateLimiter<AdminEnv>({
    windowMs: options.failureWindowMs ?? 15 * 60_000,
    limit: options.failureLimit ?? 20,
    keyGenerator: (c) => clientAddress(c, options.trustProxy),
    standardHeaders: "draft-7",
    skipSuccessfulRequests: true,
    // Only "who are you" counts: a 403 comes from a valid token (a row outside its district, a clerk
    // retrying a file), and counting it would lock a whole office behind one address out.
    requestWasSuccessful: (c) => c.res.status !== 401,
    handler: (c) =>
      c.json(
        {
          error:
            "Quá nhiều lần gửi mã truy cập sai từ địa chỉ này. Vui lòng chờ (tối đa 15 phút, xem tiêu đề Retry-After) rồi thử lại.",
        },
        429,
        {
          connection: "close",
        },
      ),
  });
}

/** 403 unless `unitId` is inside the caller's subtree. */
export async function requireUnit(
  c: Context<AdminEnv>,
  store: Pick<Store, "admin">,
  unit: { id: number; name: string; code: string },
): Promise<void> {
  const officer = c.get("officer");
  if (officer.unitId === null || (await store.admin.inSubtree(officer.unitId, unit.id))) return;
  throw new HTTPException(403, {
    message: `${unit.name} (${unit.code}) không thuộc phạm vi của mã truy cập này (${officer.scopeName}).`,
  });
}
