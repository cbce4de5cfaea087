/**
 * `invite create --unit <code> --role chair|officer`: issues a one-time code a chair types as
 * "/dangky <code>" to link a Telegram or Zalo chat to the unit.
 */
import { ROLE_LABELS } from "../../../commands/roles.ts";
import { databaseOptionsFromEnv, openDatabase } from "../../db/open.ts";
import { generateInviteCode } from "../../domain/invite-code.ts";
import type { UnitRecord } from "../../domain/unit.ts";
import { AppError } from "../../errors.ts";
import { formatDateTime, formatIsoDate, vnIsoDate } from "../../format/vi.ts";
import { createStore, type Role, type Store, yearWindow } from "../../store/index.ts";
import { migrate } from "../../store/migrate.ts";
import { readMigrations } from "../../store/migrations-fs.ts";
import { EXIT_OK, type Verb } from "../verb.ts";
import { parseFlags, usageError } from "./parse-flags.ts";

const USAGE = [
  "npm run cli -- invite create --unit <mã GSO> --role chair|officer [--days <n>] [--year <năm>] [--json] [--url <LIBSQL_URL>]",
  "npm run cli -- invite create --scope <mã huyện/tỉnh> --role chair|officer [--per-unit <n>] [--csv] [--days <n>] [--year <năm>]",
  "",
  "Tạo mã mời dùng một lần: người nhận gõ /dangky <mã> trong Telegram, Zalo hoặc trang thử để liên kết cuộc",
  "trò chuyện với đơn vị (chair: chủ tịch UBND, officer: cán bộ). Hết hạn sau --days ngày (mặc định 7).",
  "--scope: mỗi đơn vị thuộc huyện/tỉnh một mã (--per-unit mã mỗi đơn vị, mặc định 1), để phát một lần;",
  "--csv in thành bảng CSV (mã, mã đơn vị, tên, đường dẫn, vai trò, hết hạn).",
  "Mã GSO được dùng lại sau 01/07/2025: --year chọn đơn vị tồn tại trong năm đó (mặc định: hiện hành).",
].join("\n");

const MAX_PER_UNIT = 20;
const MAX_SCOPE_CODES = 5000;

const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;
const DAY_MS = 86_400_000;
const ROLES: readonly Role[] = ["chair", "officer"];

/** The unit a code names in the year asked (or today), refusing when the code is ambiguous. */
async function unitForCode(store: Store, code: string, year: number | null, now: Date): Promise<UnitRecord> {
  const today = vnIsoDate(now);
  const window = year === null ? { from: today, to: today } : yearWindow(year);
  let units = await store.units.findByCode(code, window);
  // A former unit's code, when no unit of today has it.
  if (units.length === 0 && year === null) {
    units = await store.units.findByCode(code, { from: "0001-01-01", to: "9999-12-31" });
  }
  if (units.length === 1) return units[0]!;
  if (units.length === 0) {
    throw new AppError("UNIT_NOT_FOUND", `Không có đơn vị mã ${code}.`, { code });
  }
  const listed = units.map((u) => `${u.name} (${u.validFrom ?? "…"} – ${u.validTo ?? "nay"})`).join("; ");
  throw new AppError(
    "UNIT_CODE_AMBIGUOUS",
    `Mã ${code} là của nhiều đơn vị: ${listed}. Thêm --year <năm> để chọn.`,
    { code },
  );
}

const createSubcommand = {
  name: "create",
  async run(argv: readonly string[], io: Parameters<Verb["run"]>[1]): Promise<number> {
    const { values, positionals } = parseFlags(
      argv,
      {
        unit: { type: "string" },
        role: { type: "string" },
        days: { type: "string" },
        year: { type: "string" },
        json: { type: "boolean" },
        scope: { type: "string" },
        "per-unit": { type: "string" },
        csv: { type: "boolean" },
        url: { type: "string" },
      },
      USAGE,
    );
    if (positionals.length > 0) throw usageError(`Tham số thừa: ${positionals.join(" ")}`, USAGE);
    const code = values.unit?.trim();
    const scopeCode = values.scope?.trim();
    if (code && scopeCode) throw usageError("Chỉ dùng một trong --unit và --scope.", USAGE);
    if (!code && !scopeCode)
      throw usageError("Thiếu --unit <mã GSO của đơn vị> hoặc --scope <mã huyện/tỉnh>.", USAGE);
    const role = ROLES.find((r) => r === values.role);
    if (!role) throw usageError("--role phải là chair hoặc officer.", USAGE);
    const days = values.days === undefined ? DEFAULT_DAYS : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      throw usageError(`--days phải là số nguyên từ 1 đến ${MAX_DAYS}.`, USAGE);
    }
    const year = values.year === undefined ? null : Number(values.year);
    if (year !== null && (!Number.isInteger(year) || year < 1945 || year > 2100)) {
      throw usageError("--year phải là một năm, ví dụ 2022.", USAGE);
    }

    const perUnit = values["per-unit"] === undefined ? 1 : Number(values["per-unit"]);
    if (!Number.isInteger(perUnit) || perUnit < 1 || perUnit > MAX_PER_UNIT) {
      throw usageError(`--per-unit phải là số nguyên từ 1 đến ${MAX_PER_UNIT}.`, USAGE);
    }

    const client = await openDatabase(databaseOptionsFromEnv(process.env, values.url));
    try {
      await migrate(client, await readMigrations(), new Date());
      const store = createStore(client);
      const now = new Date();
      if (scopeCode) {
        return await scopeInvites(io, store, {
          scopeCode,
          role,
          days,
          year,
          perUnit,
          csv: values.csv === true,
          now,
        });
      }
      const unit = await unitForCode(store, code as string, year, now);
      const path = (await store.units.path(unit.id)).map((u) => u.name).join(", ");
      const invite = {
        code: generateInviteCode(),
        unitId: unit.id,
        role,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      };
      await store.invites.create(invite, { now, actor: "cli:invite create" });

      const expires = formatDateTime(invite.expiresAt);
      if (values.json === true) {
        io.out(
          JSON.stringify(
            {
              code: invite.code,
              unit: { id: unit.id, code: unit.code, name: unit.name, path, validTo: unit.validTo },
              role,
              expiresAt: invite.expiresAt.toISOString(),
              expires,
              redeem: `/dangky ${invite.code}`,
            },
            null,
            2,
          ),
        );
        return EXIT_OK;
      }
      io.out(`Mã mời: ${invite.code}`);
      io.out(`Đơn vị: ${path}${unit.validTo ? ` (đến ${formatIsoDate(unit.validTo)})` : ""}`);
      io.out(`Vai trò: ${ROLE_LABELS[role]}`);
      io.out(`Hết hạn: ${expires} (giờ Việt Nam)`);
      io.out(`Người nhận gõ trong Telegram hoặc Zalo: /dangky ${invite.code}`);
      return EXIT_OK;
    } finally {
      client.close();
    }
  },
};

interface ScopeRequest {
  scopeCode: string;
  role: Role;
  days: number;
  year: number | null;
  perUnit: number;
  csv: boolean;
  now: Date;
}

/** One code per unit of the scope (N each), all written in one transaction. */
async function scopeInvites(
  io: Parameters<Verb["run"]>[1],
  store: Store,
  request: ScopeRequest,
): Promise<number> {
  const { now } = request;
  const scope = await unitForCode(store, request.scopeCode, request.year, now);
  if (scope.level === "commune") {
    throw new AppError(
      "NOT_A_SCOPE",
      `${scope.name} (mã ${scope.code}) là đơn vị cấp xã; --scope nhận huyện hoặc tỉnh.`,
    );
  }
  const today = vnIsoDate(now);
  const window = request.year === null ? { from: today, to: today } : yearWindow(request.year);
  const units = await store.units.children(scope.id, window);
  if (units.length === 0) {
    throw new AppError("SCOPE_EMPTY", `${scope.name} không có đơn vị trực thuộc nào trong thời gian đó.`);
  }
  if (units.length * request.perUnit > MAX_SCOPE_CODES) {
    throw new AppError(
      "TOO_MANY_CODES",
      `Quá nhiều mã (${units.length * request.perUnit}); tối đa ${MAX_SCOPE_CODES} một lần.`,
    );
  }
  const scopePath = (await store.units.path(scope.id)).map((u) => u.name).join(", ");
  const expiresAt = new Date(now.getTime() + request.days * DAY_MS);
  const rows = units.flatMap((unit) =>
    Array.from({ length: request.perUnit }, () => ({ code: generateInviteCode(), unit })),
  );
  await store.transaction(async (tx) => {
    for (const row of rows) {
      await tx.invites.create(
        { code: row.code, unitId: row.unit.id, role: request.role, expiresAt },
        { now, actor: "cli:invite create --scope" },
      );
    }
  });
  const expires = formatDateTime(expiresAt);
  if (request.csv) {
    io.out("code,unit_code,unit_name,path,role,expires_at");
    for (const row of rows) {
      const path = `${row.unit.name}, ${scopePath}`;
      io.out(
        [row.code, row.unit.code, row.unit.name, path, request.role, expiresAt.toISOString()]
          .map(csvCell)
          .join(","),
      );
    }
    return EXIT_OK;
  }
  io.out(
    `${rows.length} mã mời cho ${units.length} đơn vị thuộc ${scopePath} (vai trò: ${ROLE_LABELS[request.role]}), hết hạn ${expires}:`,
  );
  for (const row of rows) io.out(`  ${row.code}  ${row.unit.name} (mã ${row.unit.code})`);
  io.out("Người nhận gõ trong Telegram, Zalo hoặc trang thử: /dangky <mã>");
  return EXIT_OK;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const inviteVerb: Verb = {
  name: "invite",
  summary: "Mã mời liên kết cuộc trò chuyện với đơn vị / invite codes for /dangky (create)",
  usage: USAGE,
  async run(argv, io) {
    const [name, ...rest] = argv;
    if (name !== createSubcommand.name) {
      throw usageError(name ? `Lệnh con "${name}" không hợp lệ.` : "Thiếu lệnh con.", USAGE);
    }
    return createSubcommand.run(rest, io);
  },
};
