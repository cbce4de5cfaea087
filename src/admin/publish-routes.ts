/**
 * Publishing: a preview of the ranking a publication would freeze (rolled back), the publication itself
 * with its announcement, a withdrawal confirmed by repeating its scope and year, and bulk invite codes.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { generateInviteCode } from "../domain/invite-code.ts";
import { existsDuring } from "../domain/unit.ts";
import { formatIsoDate, vnIsoDate } from "../format/vi.ts";
import { publishScope, resolveScope, unpublishScope } from "../publishing/index.ts";
import { type Store, yearWindow } from "../store/index.ts";
import { limitBody } from "../web/body-limit.ts";
import { type AdminEnv, requireUnit } from "./auth.ts";
import { type AdminDeps, badRequest, ctxOf, inVietnamese, unitsForCode } from "./route-support.ts";
import { invitesRoute, publishRoute, unpublishRoute } from "./routes.ts";

/** As `invite create --scope`: a province's communes with a few codes each. */
const MAX_INVITES = 5000;
/** Publish and unpublish bodies are a few fields. */
const MAX_SMALL_BODY_BYTES = 16 * 1024;

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

export function registerPublishRoutes(admin: OpenAPIHono<AdminEnv>, deps: AdminDeps): void {
  const { store, now, log } = deps;
  const publishOp = publishRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));
  const unpublishOp = unpublishRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));
  const invitesOp = invitesRoute(limitBody(MAX_SMALL_BODY_BYTES, "Nội dung quá lớn."));

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
      const scope = versions.find((u) => u.level !== "commune" && existsDuring(u, window));
      if (scope === undefined) {
        // A district that ended (every one did on 30/06/2025): say when, and how to reach its units.
        const ended = versions
          .filter((u) => u.level !== "commune" && u.validTo !== null && u.validTo < window.from)
          .at(-1);
        const hint =
          ended?.validTo == null
            ? ""
            : ` ${ended.name} chỉ tồn tại tới ngày ${formatIsoDate(ended.validTo)}: thêm "year": ${ended.validTo.slice(0, 4)} ` +
              "(hoặc năm trước đó) để tạo mã cho các đơn vị của nó khi đó.";
        throw new HTTPException(404, {
          message: `Không có huyện hoặc tỉnh mã ${body.data.scope} ${year === undefined ? "hiện hành" : `trong năm ${year}`}.${hint}`,
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
}
