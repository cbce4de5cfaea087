/**
 * Imports and the trial scoring: a CSV, JSON or uploaded file through the CLI's importer, all or nothing,
 * each row's unit checked against the token's subtree first; a schedule for the current week followed by
 * its update notice, as `import schedule`.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { readScoreSheet } from "../cli/verbs/score-input.ts";
import { scorePeerSet } from "../core/index.ts";
import { formatIsoDate, vnIsoDate } from "../format/vi.ts";
import {
  formatOf,
  type ImportFormat,
  type ImportHooks,
  type ImportInput,
  type ImportKind,
  runImport,
  textInput,
} from "../imports/index.ts";
import { scheduleChanged } from "../jobs/index.ts";
import { getBuiltinMethodology } from "../methodologies/index.ts";
import type { Store } from "../store/index.ts";
import { limitBody } from "../web/body-limit.ts";
import type { AdminEnv, Officer } from "./auth.ts";
import { rowsOutsideSubtree } from "./import-scope.ts";
import { type AdminDeps, badField, ctxOf, inVietnamese } from "./route-support.ts";
import { importRoute, scoreRoute } from "./routes.ts";

/** A national assessments file is a few MiB; 32 MiB leaves room and still bounds a request. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** A score sheet is one scope's units × criteria: a few hundred KiB at most. */
const MAX_SMALL_SHEET_BYTES = 2 * 1024 * 1024;

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
      throw badField("file", "thiếu tệp CSV hoặc JSON");
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

export function registerImportRoutes(admin: OpenAPIHono<AdminEnv>, deps: AdminDeps): void {
  const { store, now } = deps;
  const importOp = importRoute(limitBody(MAX_IMPORT_BYTES, "Tệp quá lớn (tối đa 32 MiB)."));
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
          // Public pages show a figure's source: the office that entered it and when, not a token's number
          // or a file name (those are in the audit log's row for the file).
          source:
            query.data.source ??
            `Số liệu do ${officer.tokenId === null ? "quản trị hệ thống" : officer.scopeName} nhập ngày ${formatIsoDate(vnIsoDate(ctx.now))}`,
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
            // Line 0 is the sheet's way of saying "the whole file"; the shared shape says null.
            problems: sheet.problems.map((p) => ({
              line: p.line > 0 ? p.line : null,
              code: "BAD_SHEET",
              message: p.text,
            })),
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
}
