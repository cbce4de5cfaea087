/**
 * What the admin API's route groups share: their dependencies, the write context of a request, the 400 of
 * a refused field, the unit versions of a code the caller may act on, the Vietnamese validation hook.
 */
import { type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { UnitRecord } from "../domain/unit.ts";
import type { JobDeps } from "../jobs/types.ts";
import type { Log } from "../log.ts";
import type { Store, WriteContext } from "../store/index.ts";
import { type AdminEnv, requireUnit } from "./auth.ts";
import { fieldProblems, parseWith } from "./schemas.ts";

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

export const ctxOf = (c: Context<AdminEnv>, now: () => Date): WriteContext => ({
  now: now(),
  actor: c.get("officer").actor,
});

export function badRequest(problem: { error: string; fields: unknown }): HTTPException {
  return new HTTPException(400, { res: Response.json(problem, { status: 400 }) });
}

/** The 400 of one refused field, worded as zod's refusals are (./schemas.ts fieldProblems). */
export function badField(field: string, message: string): HTTPException {
  return badRequest({
    error: `Yêu cầu không hợp lệ: trường "${field}": ${message}.`,
    fields: [{ field, message }],
  });
}

/** Every version of a unit code the caller may act on; 404 when none exists, 403 when none is theirs. */
export async function unitsForCode(c: Context<AdminEnv>, store: Store, code: string): Promise<UnitRecord[]> {
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

/** A day as the start or end of its Vietnamese calendar day, an instant as is. */
export function instantOf(text: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return new Date(text).toISOString();
  return new Date(Date.parse(`${text}T${end ? "23:59:59.999" : "00:00:00.000"}+07:00`)).toISOString();
}

/**
 * The validators' hook: a refused body, query or path parameter is parsed again with zod's Vietnamese
 * messages (the validator runs without them) and answered 400 naming each field.
 */
/** Typed `never`: it fits any route's hook without taking part in inferring the route's input types. */
export function inVietnamese(route: RouteConfig): never {
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
