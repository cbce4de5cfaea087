/**
 * The officers' admin API, mounted at /admin by both entries (./for-service.ts). JSON in and out; every
 * body and query is validated with the zod schemas of ./schemas.ts; every change is written by the same
 * code as the CLI's and audited with the token's id as actor. Tokens and the notices list have their own
 * files (./tokens.ts, ./notices.ts).
 */
import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { readScoreSheet } from "../cli/verbs/score-input.ts";
import { scorePeerSet } from "../core/index.ts";
import { generateInviteCode } from "../domain/invite-code.ts";
import type { UnitRecord } from "../domain/unit.ts";
import { AppError } from "../errors.ts";
import { vnIsoDate } from "../format/vi.ts";
import { type IsoWeekRef, parseIsoWeek } from "../imports/dates.ts";
import {
  formatOf,
  type ImportFormat,
  type ImportHooks,
  type ImportInput,
  type ImportKind,
  ImportRefusedError,
  runImport,
  textInput,
} from "../imports/index.ts";
import { scheduleChanged } from "../jobs/index.ts";
import type { JobDeps } from "../jobs/types.ts";
import type { Log } from "../log.ts";
import { getBuiltinMethodology } from "../methodologies/index.ts";
import { PublishingError, publishScope, resolveScope, unpublishScope } from "../publishing/index.ts";
import { type Store, type WriteContext, yearWindow } from "../store/index.ts";
import { limitBody } from "../web/body-limit.ts";
import { type AdminEnv, authenticate, type Officer, requireUnit, slowFailures } from "./auth.ts";
import { rowsOutsideSubtree } from "./import-scope.ts";
import { registerNoticeRoutes } from "./notices.ts";
import {
  auditRoute,
  chatsRoute,
  importRoute,
  invitesRoute,
  meRoute,
  noticeRoute,
  publishRoute,
  scheduleRoute,
  scoreRoute,
  templateRoute,
  tthcRoute,
  unpublishRoute,
} from "./routes.ts";
import { fieldProblems, parseWith } from "./schemas.ts";
import { TEMPLATES } from "./templates.ts";
import { registerTokenRoutes } from "./tokens.ts";

export interface AdminDeps {
  store: Store;
  adminToken: string | null;
  now: () => Date;
  log: Log;
  trustProxy?: boolean;
  /** After a publication: tell the linked chats (the CLI's result-announcement job). */
  announce?(scopeCode: string, year: number, actor: string): Promise<void>;
  /**
   * What a schedule import for the current week needs to follow an announced week with an update notice
   * (as `import schedule` does), and the sender's wake-up once that notice is committed.
   */
  jobs?: Pick<JobDeps, "resolver" | "office">;
  wake?(): void;
  /** Refused requests one address may make per 15 minutes before it waits; default 20. */
  failureLimit?: number;
}

/** A national assessments file is a few MiB; 32 MiB leaves room and still bounds a request. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** As `invite create --scope`: a province's communes with a few codes each. */
const MAX_INVITES = 5000;
const overlaps = (u: UnitRecord, w: { from: string; to: string }) =>
  (u.validFrom ?? "0001-01-01") <= w.to && (u.validTo ?? "9999-12-31") >= w.from;
/** A score sheet is one scope's units × criteria: a few hundred KiB at most. */
const MAX_SMALL_SHEET_BYTES = 2 * 1024 * 1024;
/** Publish and unpublish bodies are a few fields. */
const MAX_SMALL_BODY_BYTES = 16 * 1024;

const ctxOf = (c: Context<AdminEnv>, now: () => Date): WriteContext => ({
  now: now(),
  actor: c.get("officer").actor,
});

function badRequest(problem: { error: string; fields: unknown }): HTTPException {
  return new HTTPException(400, { res: Response.json(problem, { status: 400 }) });
}

/** Every version of a unit code the caller may act on; 404 when none exists, 403 when none is theirs. */
async function unitsForCode(c: Context<AdminEnv>, store: Store, code: string): Promise<UnitRecord[]> {
  const found = await store.units.findByCode(code, { from: "0001-01-01", to: "9999-12-31" });
  if (found.length === 0) throw new HTTPException(404, { message: `Không có đơn vị mã ${code}.` });
  const officer = c.get("officer");
  const mine: UnitRecord[] = [];
  for (const unit of found) {
    if (officer.unitId === null || (await store.admin.inSubtree(officer.unitId, unit.id))) mine.push(unit);
  }
  if (mine.length === 0) await requireUnit(c, store, found[0] as UnitRecord);
  return mine;
}

/**
 * For a scoped token, every row of the file must name units of its subtree (src/admin/import-scope.ts):
 * 403 listing the rows that do not, before anything is written. Methodologies: ADMIN_TOKEN only.
 */
async function checkRowsInScope(
  store: Store,
  officer: Officer,
  kind: ImportKind,
  input: ImportInput,
): Promise<void> {
  if (officer.unitId === null) return;
  if (kind === "methodology") {
    throw new HTTPException(403, {
      message: "Chỉ mã quản trị gốc (ADMIN_TOKEN) được nhập phương pháp chấm điểm.",
    });
  }
  const outside = await rowsOutsideSubtree(store, officer.unitId, officer.scopeName, kind, input);
  if (outside.length > 0) {
    throw new HTTPException(403, {
      res: Response.json(
        {
          error: `Không nhập tệp: có dòng nêu đơn vị ngoài phạm vi của mã truy cập; cơ sở dữ liệu không thay đổi.`,
          problems: outside,
        },
        { status: 403 },
      ),
    });
  }
}

/**
 * The file of an import request: a CSV or JSON body, or the `file` field of a multipart form (what an
 * office's upload form sends), whose name says its format.
 */
async function importBody(
  c: Context<AdminEnv>,
): Promise<{ body: string; format: ImportFormat; fileName: string | null }> {
  const type = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data\b/iu.test(type)) {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File)) {
      throw badRequest({
        error: 'Yêu cầu không hợp lệ: trường "file": thiếu tệp CSV hoặc JSON.',
        fields: [{ field: "file", message: "thiếu tệp CSV hoặc JSON" }],
      });
    }
    // The name goes into messages and the rows' source: only letters, digits and a few signs of it.
    const fileName = file.name.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 100) || null;
    return { body: await file.text(), format: formatOf(file.name), fileName };
  }
  if (/^application\/json\b/iu.test(type))
    return { body: await c.req.text(), format: "json", fileName: null };
  if (/^text\/(?:csv|plain)\b/iu.test(type))
    return { body: await c.req.text(), format: "csv", fileName: null };
  throw new HTTPException(415, {
    message:
      "Gửi tệp CSV (Content-Type: text/csv), JSON (application/json) hoặc biểu mẫu tải tệp (multipart/form-data, trường file).",
  });
}

/** Thrown inside a transaction to roll a preview back; carries what it computed. */
class Preview<T> extends Error {
  constructor(readonly value: T) {
    super("preview");
  }
}

async function rolledBack<T>(store: Store, work: Parameters<Store["transaction"]>[0]): Promise<T> {
  try {
    await store.transaction(async (repos) => {
      throw new Preview(await work(repos));
    });
  } catch (error) {
    if (error instanceof Preview) return error.value as T;
    throw error;
  }
  throw new Error("unreachable");
}

/** A day as the start or end of its Vietnamese calendar day, an instant as is. */
function instantOf(text: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return new Date(text).toISOString();
  return new Date(Date.parse(`${text}T${end ? "23:59:59.999" : "00:00:00.000"}+07:00`)).toISOString();
}

/** Hono's and @hono/zod-openapi's own refusals, in Vietnamese. */
const HONO_MESSAGES: Readonly<Record<string, string>> = {
  "Malformed JSON in request body": "Thân yêu cầu phải là JSON hợp lệ.",
  "Unsupported Media Type": "Thân yêu cầu phải là JSON (Content-Type: application/json).",
};

/**
 * The validators' hook: a refused body, query or path parameter is parsed again with zod's Vietnamese
 * messages (the validator runs without them) and answered 400 naming each field.
 */
/** Typed `never`: it fits any route's hook without taking part in inferring the route's input types. */
function inVietnamese(route: RouteConfig): never {
  const body = route.request?.body?.content?.["application/json"] as { schema?: unknown } | undefined;
  const schemas: Record<string, unknown> = {
    param: route.request?.params,
    query: route.request?.query,
    json: body?.schema,
  };
  const hook = (
    result: { success: boolean; target: string; data?: unknown; error?: z.ZodError },
    c: Context<AdminEnv>,
  ) => {
    if (result.success || result.error === undefined) return;
    const schema = schemas[result.target];
    const again = schema instanceof z.ZodType ? parseWith(schema, result.data) : null;
    return c.json(again !== null && !again.ok ? again.problem : fieldProblems(result.error), 400);
  };
  return hook as never;
}

export function adminApi(deps: AdminDeps): OpenAPIHono<AdminEnv> {
  const { store, now, log } = deps;
  const auth = { store, adminToken: deps.adminToken, now, trustProxy: deps.trustProxy === true };
  const admin = new OpenAPIHono<AdminEnv>();
  admin.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "Mã do `npm run cli -- token create` cấp (hoặc ADMIN_TOKEN)",
  });

  const importOp = importRoute(limitBody(MAX_IMPORT_BYTES, "Tệp quá lớn (tối đa 32 MiB)."));
  const publishOp = publishRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));
  const unpublishOp = unpublishRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));
  const invitesOp = invitesRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));

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
      return c.body(`\uFEFF${template}\n`, 200, {
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

  registerTokenRoutes(admin, { store, now }, inVietnamese);
  registerNoticeRoutes(admin, { store, instantOf }, inVietnamese);

  admin.openapi(
    meRoute,
    (c) => {
      const { tokenId, role, scopeName } = c.get("officer");
      return c.json({ token: tokenId, role, scope: scopeName });
    },
    inVietnamese(meRoute),
  );

  admin.openapi(
    chatsRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const chats = [];
      for (const unit of units) chats.push(...(await store.admin.chatsInSubtree(unit.id)));
      return c.json({
        units: units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          validFrom: u.validFrom,
          validTo: u.validTo,
        })),
        chats,
      });
    },
    inVietnamese(chatsRoute),
  );

  admin.openapi(
    importOp,
    async (c) => {
      const kind = { data: c.req.valid("param").kind };
      const query = { data: c.req.valid("query") };
      const { body, format, fileName } = await importBody(c);
      const name = query.data.name ?? fileName ?? `${kind.data}.${format}`;
      const officer = c.get("officer");
      await checkRowsInScope(store, officer, kind.data, textInput(name, body, format));
      const dryRun = query.data.dry_run === "1" || query.data.dry_run === "true";
      const ctx = ctxOf(c, now);
      let queued = false;
      const jobs = deps.jobs;
      // Loaded before the import's transaction: an update notice names the scope from the register, and
      // reading it inside would wait on the transaction itself (an in-memory database is served in turns).
      if (kind.data === "schedule" && jobs !== undefined) await jobs.resolver();
      const hooks: ImportHooks =
        kind.data === "schedule" && jobs !== undefined
          ? {
              async scheduleChanged(repos, change, at) {
                const result = await scheduleChanged(repos, jobs, change, at);
                if (result.added > 0 || result.rewritten > 0) queued = true;
              },
            }
          : {};
      const report = await runImport(
        store,
        {
          kind: kind.data,
          input: textInput(name, body, format),
          dryRun,
          methodology: query.data.methodology,
          source: query.data.source ?? `API quản trị (${officer.actor}): ${name}`,
          unitId: officer.unitId,
          hooks,
        },
        ctx,
      );
      if (queued && !dryRun) deps.wake?.();
      return c.json(report);
    },
    inVietnamese(importOp),
  );

  admin.openapi(
    publishOp,
    async (c) => {
      const body = { data: c.req.valid("json") };
      const { scope: scopeCode, year, dry_run: dryRun } = body.data;
      const ctx = ctxOf(c, now);
      const publishedOn = body.data.published_on ?? vnIsoDate(ctx.now);
      const work = async (repos: Parameters<Parameters<Store["transaction"]>[0]>[0]) => {
        const scope = await resolveScope(repos, scopeCode, year);
        await requireUnit(c, repos, scope);
        const report = await publishScope(repos, { scopeCode, year, publishedOn }, ctx);
        if (dryRun !== true) {
          await repos.audit.append(
            {
              action: "admin.publish",
              entity: "publication",
              entityId: `${scope.code}-${year}`,
              details: {
                before: { status: "draft" },
                after: { status: "published", publishedOn, units: report.units.length },
              },
              unitId: scope.id,
            },
            ctx,
          );
        }
        return report;
      };
      const report =
        dryRun === true
          ? await rolledBack<Awaited<ReturnType<typeof work>>>(store, work)
          : await store.transaction(work);
      if (dryRun !== true && deps.announce) {
        // Published: a failed announcement is the job's to redo (`job run result-announcement`).
        await deps.announce(scopeCode, year, ctx.actor).catch((error: unknown) => {
          log.error("admin publish: announcement failed", { scope: scopeCode, year, error });
        });
      }
      return c.json({
        dryRun: dryRun === true,
        scope: { code: report.scope.code, name: report.scope.name },
        year,
        publishedOn,
        methodology: report.methodology,
        ranking: report.units,
      });
    },
    inVietnamese(publishOp),
  );

  admin.openapi(
    unpublishOp,
    async (c) => {
      const body = { data: c.req.valid("json") };
      const { scope: scopeCode, year, confirm } = body.data;
      if (confirm !== `${scopeCode}-${year}`) {
        throw badRequest({
          error: `Yêu cầu không hợp lệ: trường "confirm": phải đúng là "${scopeCode}-${year}" để xác nhận rút công bố.`,
          fields: [{ field: "confirm", message: `phải đúng là "${scopeCode}-${year}"` }],
        });
      }
      const ctx = ctxOf(c, now);
      const report = await store.transaction(async (repos) => {
        const scope = await resolveScope(repos, scopeCode, year);
        await requireUnit(c, repos, scope);
        const done = await unpublishScope(repos, { scopeCode, year }, ctx);
        await repos.audit.append(
          {
            action: "admin.unpublish",
            entity: "publication",
            entityId: `${scope.code}-${year}`,
            details: {
              before: { status: "published" },
              after: { status: "draft", withdrawn: done.withdrawn },
            },
            unitId: scope.id,
          },
          ctx,
        );
        return done;
      });
      return c.json({
        scope: { code: report.scope.code, name: report.scope.name },
        year,
        withdrawn: report.withdrawn,
      });
    },
    inVietnamese(unpublishOp),
  );

  admin.openapi(
    invitesOp,
    async (c) => {
      const body = { data: c.req.valid("json") };
      const { role, year } = body.data;
      const ctx = ctxOf(c, now);
      const today = vnIsoDate(ctx.now);
      const window = year === undefined ? { from: today, to: today } : yearWindow(year);
      const versions = await unitsForCode(c, store, body.data.scope);
      const scope = versions.find((u) => u.level !== "commune" && overlaps(u, window));
      if (scope === undefined) {
        throw new HTTPException(404, {
          message: `Không có huyện hoặc tỉnh mã ${body.data.scope} ${year === undefined ? "hiện hành" : `trong năm ${year}`}.`,
        });
      }
      const units = await store.units.children(scope.id, window);
      const perUnit = body.data.per_unit ?? 1;
      if (units.length === 0)
        throw new HTTPException(409, {
          message: `${scope.name} không có đơn vị trực thuộc nào trong thời gian đó.`,
        });
      if (units.length * perUnit > MAX_INVITES) {
        throw new HTTPException(409, {
          message: `Quá nhiều mã (${units.length * perUnit}); tối đa ${MAX_INVITES} một lần.`,
        });
      }
      const expiresAt = new Date(ctx.now.getTime() + (body.data.days ?? 7) * 86_400_000);
      const rows = units.flatMap((unit) =>
        Array.from({ length: perUnit }, () => ({ code: generateInviteCode(), unit })),
      );
      await store.transaction(async (repos) => {
        for (const row of rows)
          await repos.invites.create({ code: row.code, unitId: row.unit.id, role, expiresAt }, ctx);
        await repos.audit.append(
          {
            action: "admin.invites",
            entity: "invite_codes",
            entityId: scope.code,
            details: {
              before: null,
              after: { codes: rows.length, units: units.length, role, expiresAt: expiresAt.toISOString() },
            },
            unitId: scope.id,
          },
          ctx,
        );
      });
      return c.json({
        scope: { code: scope.code, name: scope.name },
        role,
        expiresAt: expiresAt.toISOString(),
        invites: rows.map((r) => ({
          code: r.code,
          unitCode: r.unit.code,
          unitName: r.unit.name,
          redeem: `/dangky ${r.code}`,
        })),
      });
    },
    inVietnamese(invitesOp),
  );

  const scoreOp = scoreRoute(limitBody(MAX_SMALL_SHEET_BYTES, "Bảng điểm quá lớn (tối đa 2 MiB)."));
  admin.openapi(
    scoreOp,
    async (c) => {
      const query = c.req.valid("query");
      const methodology = getBuiltinMethodology(query.methodology);
      const sheet = readScoreSheet(await c.req.text(), methodology);
      if (sheet.problems.length > 0) {
        return c.json(
          {
            error: `Không tính điểm: ${sheet.problems.length} lỗi trong bảng điểm.`,
            problems: sheet.problems.map((p) => p.text),
          },
          422,
        );
      }
      return c.json(
        scorePeerSet(methodology, sheet.units, query.year === undefined ? {} : { year: query.year }),
      );
    },
    inVietnamese(scoreOp),
  );

  admin.openapi(
    tthcRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const limit = c.req.valid("query").limit ?? 12;
      const rows = [];
      // The whole subtree: a province's communes are its grandchildren before the 2025 reform.
      for (const unit of units) {
        for (const { unit: member, periods } of await store.admin.tthcInSubtree(unit.id, limit)) {
          rows.push({ unit: { code: member.code, name: member.name }, periods });
        }
      }
      return c.json({ units: rows });
    },
    inVietnamese(tthcRoute),
  );

  admin.openapi(
    scheduleRoute,
    async (c) => {
      const units = await unitsForCode(c, store, c.req.valid("param").code);
      const week = parseIsoWeek(c.req.valid("query").week) as IsoWeekRef;
      const scopes = [];
      for (const unit of units) {
        const items = await store.schedules.week(unit.id, week);
        if (items.length > 0) scopes.push({ unit: { code: unit.code, name: unit.name }, items });
      }
      return c.json({ week, scopes });
    },
    inVietnamese(scheduleRoute),
  );

  admin.openapi(
    noticeRoute,
    async (c) => {
      const { key } = c.req.valid("param");
      const notice = await store.outbox.notice(key);
      if (notice === null) throw new HTTPException(404, { message: `Không có thông báo ${key}.` });
      let deliveries = await store.outbox.deliveries(key);
      const root = c.get("officer").unitId;
      if (root !== null) {
        const inside = await store.admin.subtreeIds(root);
        if (notice.scopeUnitId === null || !inside.has(notice.scopeUnitId)) {
          // A wider notice (a province's, the nation's): only the deliveries to the caller's chats.
          const chats = new Set((await store.admin.chatsInSubtree(root)).map((chat) => chat.chatRef));
          deliveries = deliveries.filter((d) => chats.has(d.chatRef));
          if (deliveries.length === 0) {
            throw new HTTPException(403, {
              message: `Thông báo ${key} không gửi tới đơn vị nào thuộc phạm vi ${c.get("officer").scopeName}.`,
            });
          }
        }
      }
      const counts: Record<string, number> = {};
      for (const d of deliveries) counts[d.state] = (counts[d.state] ?? 0) + 1;
      return c.json({
        notice: {
          key: notice.key,
          job: notice.job,
          title: notice.title,
          runAt: notice.runAt,
          createdAt: notice.createdAt,
        },
        counts,
        // Never the platform's chat id nor the message: who (the store's number and title), what became of it.
        deliveries: deliveries.map((d) => ({
          chatRef: d.chatRef,
          platform: d.platform,
          chatTitle: d.chatTitle,
          state: d.state,
          attempts: d.attempts,
          notBefore: d.notBefore,
          sentAt: d.sentAt,
          lastError: d.lastError,
        })),
      });
    },
    inVietnamese(noticeRoute),
  );

  admin.openapi(
    auditRoute,
    async (c) => {
      const query = { data: c.req.valid("query") };
      const officer = c.get("officer");
      let subtreeOf = officer.unitId;
      if (query.data.unit !== undefined) {
        const units = await unitsForCode(c, store, query.data.unit);
        subtreeOf = (units.at(-1) as UnitRecord).id;
      }
      const entries = await store.admin.audit({
        subtreeOf,
        from: query.data.from === undefined ? null : instantOf(query.data.from, false),
        to: query.data.to === undefined ? null : instantOf(query.data.to, true),
        limit: query.data.limit ?? 200,
      });
      return c.json({ entries });
    },
    inVietnamese(auditRoute),
  );

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
