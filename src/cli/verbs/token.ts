/**
 * `token create|list|revoke`: the admin API's bearer tokens (README, "Admin API"). The CLI works on the
 * database directly, so it needs no token itself: whoever can run it is trusted like ADMIN_TOKEN.
 */

import { hashSecret, newSecret } from "../../admin/secret.ts";
import { AppError } from "../../errors.ts";
import { endOfVietnamDay, formatDateTime, formatIsoDate, vnIsoDate } from "../../format/vi.ts";
import { parseDate } from "../../imports/dates.ts";
import { ADMIN_ROLES, type AdminRole } from "../../store/index.ts";
import type { CliIo } from "../io.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { withStore } from "./open-store.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- token create --unit <mã tỉnh/huyện> --role province|district [--expires YYYY-MM-DD] [--label <tên>] [--url <LIBSQL_URL>]",
  "npm run cli -- token list [--url <LIBSQL_URL>]",
  "npm run cli -- token revoke <số mã> [--url <LIBSQL_URL>]",
  "",
  "Mã truy cập API quản trị (/admin) cho cán bộ: province = cán bộ tỉnh (--unit là mã tỉnh), district = cán bộ",
  "huyện (--unit là mã huyện); mỗi mã chỉ tác động tới đơn vị đó và các đơn vị trực thuộc. Mã bí mật chỉ in",
  "ra một lần khi tạo (chỉ lưu giá trị băm SHA-256). --expires: hết hạn cuối ngày đó (giờ Việt Nam).",
].join("\n");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

async function create(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      unit: { type: "string" },
      role: { type: "string" },
      expires: { type: "string" },
      label: { type: "string" },
      url: { type: "string" },
    },
    USAGE,
  );
  if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
  if (!values.unit) throw usageError("Thiếu --unit <mã tỉnh hoặc huyện>.", USAGE);
  const role = ADMIN_ROLES.find((r) => r === values.role) as AdminRole | undefined;
  if (!role) throw usageError("Thiếu hoặc sai --role (province hoặc district).", USAGE);
  const now = new Date();
  let expiresAt: string | null = null;
  if (values.expires !== undefined) {
    if (!ISO_DATE.test(values.expires)) throw usageError("--expires phải là ngày YYYY-MM-DD.", USAGE);
    if (parseDate(values.expires) === null) {
      throw usageError(`--expires ${values.expires} không phải ngày có thật.`, USAGE);
    }
    if (values.expires < vnIsoDate(now)) throw usageError("--expires đã qua.", USAGE);
    expiresAt = endOfVietnamDay(values.expires);
  }
  const label = values.label?.trim() || null;
  const code = values.unit;
  return withStore(values.url, now, async ({ store, where }) => {
    const today = vnIsoDate(now);
    let units = await store.units.findByCode(code, { from: today, to: today }, role);
    // A former unit's code, when no unit of today has it (data of years before the 2025 reform).
    if (units.length === 0)
      units = await store.units.findByCode(code, { from: "0001-01-01", to: "9999-12-31" }, role);
    const unit = units.at(-1);
    if (unit === undefined) {
      const level = role === "province" ? "tỉnh" : "huyện";
      throw new AppError("UNIT_NOT_FOUND", `Không có đơn vị cấp ${level} mã ${code}.`, { code });
    }
    const secret = newSecret();
    const id = await store.admin.createToken(
      { secretHash: await hashSecret(secret), role, unitId: unit.id, label, expiresAt },
      { now, actor: "cli:token create" },
    );
    // Without an issuer nothing can refuse the insert.
    if (id === null) throw new AppError("TOKEN_NOT_CREATED", "Không tạo được mã truy cập.", { code });
    io.out(
      `Đã tạo mã số ${id} (${role}, ${unit.name}, mã ${unit.code}` +
        `${expiresAt ? `, hết hạn ${formatIsoDate(values.expires ?? "")}` : ""}) → ${where}.`,
    );
    io.out("Mã bí mật (chỉ hiện một lần, hãy lưu ngay; gửi kèm: Authorization: Bearer <mã>):");
    io.out(secret);
    return EXIT_OK;
  });
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, USAGE);
  if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
  const now = new Date();
  return withStore(values.url, now, async ({ store }) => {
    const tokens = await store.admin.listTokens();
    if (tokens.length === 0) io.out("Chưa có mã truy cập nào.");
    // Times in Vietnam, as the API's messages show them: "31/12/2026 23:59", not the stored UTC instant.
    const shown = (instant: string) => formatDateTime(new Date(instant));
    for (const t of tokens) {
      const state = t.revokedAt
        ? `đã thu hồi ${shown(t.revokedAt)}`
        : t.expiresAt && t.expiresAt <= now.toISOString()
          ? `đã hết hạn ${shown(t.expiresAt)}`
          : t.expiresAt
            ? `còn hiệu lực tới ${shown(t.expiresAt)}`
            : "còn hiệu lực";
      const issuer = t.issuedBy === null ? "" : `\tdo mã số ${t.issuedBy} cấp`;
      io.out(
        `${t.id}\t${t.role}\t${t.unitCode} ${t.unitName}\t${t.label ?? "-"}\ttạo ${shown(t.createdAt)}\t${state}${issuer}`,
      );
    }
    return EXIT_OK;
  });
}

async function revoke(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { url: { type: "string" } }, USAGE);
  const [idText, ...extra] = positionals;
  if (extra.length > 0) throw usageError(`Tham số thừa: ${extra.join(" ")}`, USAGE);
  if (!idText || !/^\d{1,15}$/.test(idText)) throw usageError("Thiếu số của mã cần thu hồi.", USAGE);
  const id = Number(idText);
  const now = new Date();
  return withStore(values.url, now, async ({ store }) => {
    const token = await store.admin.token(id);
    if (token === null) throw new AppError("TOKEN_NOT_FOUND", `Không có mã truy cập số ${id}.`, { id });
    const revoked = await store.admin.revokeToken(id, { now, actor: "cli:token revoke" });
    if (revoked[0] !== id) {
      const shown = token.revokedAt === null ? "" : ` (${formatDateTime(new Date(token.revokedAt))})`;
      io.out(
        `Mã số ${id} đã bị thu hồi từ trước${shown}` +
          (revoked.length > 0
            ? `; thu hồi thêm ${revoked.length} mã do nó cấp (số ${revoked.join(", ")}).`
            : "."),
      );
      return EXIT_OK;
    }
    const issued = revoked.slice(1);
    io.out(
      `Đã thu hồi mã số ${id} (${token.role}, ${token.unitName})` +
        (issued.length > 0 ? ` và ${issued.length} mã do nó cấp (số ${issued.join(", ")}).` : "."),
    );
    return EXIT_OK;
  });
}

export const tokenVerb: Verb = {
  name: "token",
  summary: "Mã truy cập API quản trị cho cán bộ / admin API tokens (create, list, revoke)",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === "create") return create(rest, io);
    if (sub === "list") return list(rest, io);
    if (sub === "revoke") return revoke(rest, io);
    throw usageError(
      sub ? `Lệnh con "${sub}" không hợp lệ.` : "Thiếu lệnh con (create, list, revoke).",
      USAGE,
    );
  },
};
