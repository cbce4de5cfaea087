/**
 * `/admin/openapi.json` says what the admin API answers: every route's 200 has a JSON schema (the CSV
 * templates excepted), the import route takes CSV, JSON and an upload form, and descriptions are
 * Vietnamese. Each route is then called on the demo data and its real answer parsed with the route's own
 * zod schema (src/admin/responses.ts): a field missing, renamed or undocumented fails here.
 */
import { readFile } from "node:fs/promises";
import type { RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { noticesRoute } from "../../src/admin/notices.ts";
import type {
  auditAnswer,
  importAnswer,
  publishAnswer,
  scheduleAnswer,
  scoreAnswer,
  tthcAnswer,
} from "../../src/admin/responses.ts";
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
  tthcRoute,
  unitsRoute,
  unpublishRoute,
} from "../../src/admin/routes.ts";
import { tokenCreateRoute, tokenRevokeRoute, tokensListRoute } from "../../src/admin/tokens.ts";
import type { PeerSetResult } from "../../src/core/index.ts";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import type { ImportReport } from "../../src/imports/index.ts";
import type { PublishedUnitLine } from "../../src/publishing/publish.ts";
import type { ScheduleItem, TthcStats, UnitAuditRecord } from "../../src/store/index.ts";
import { KINH_MON_CODE } from "../support/kinh-mon-units.ts";
import { ADMIN_TOKEN, type AdminFixture, type Body, call, openAdminFixture, TTHC_HEADER } from "./support.ts";

const pass: MiddlewareHandler = async (_c, next) => {
  await next();
};
/** Every route of the API but the CSV templates. */
const ROUTE_LIST: RouteConfig[] = [
  meRoute,
  chatsRoute,
  importRoute(pass),
  publishRoute(pass),
  unpublishRoute(pass),
  invitesRoute(pass),
  scoreRoute(pass),
  unitsRoute,
  tthcRoute,
  scheduleRoute,
  noticeRoute,
  auditRoute,
  tokensListRoute,
  tokenCreateRoute,
  tokenRevokeRoute,
  noticesRoute,
];
/** Each route by "METHOD path" (its OpenAPI path), and by its path alone where one method has it. */
const ROUTES: Record<string, RouteConfig> = Object.fromEntries([
  ...ROUTE_LIST.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route]),
  ...ROUTE_LIST.filter((r) => ROUTE_LIST.filter((o) => o.path === r.path).length === 1).map((route) => [
    route.path,
    route,
  ]),
]);

/** The zod schema a route ("/me" or "POST /tokens") declares for the JSON body of one of its answers. */
function answerSchema(path: string, status: number): z.ZodType {
  const route = ROUTES[path];
  if (route === undefined) throw new Error(`no route ${path}`);
  const answer = route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined;
  const schema = answer?.content?.["application/json"]?.schema;
  if (!(schema instanceof z.ZodType)) throw new Error(`${path} declares no zod schema for ${status}`);
  return schema;
}

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every `description` under `node`, with where it is. */
function descriptions(node: Json, where: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) descriptions(item, `${where}[${i}]`, out);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "description" || key === "summary") && typeof value === "string") out.push([where, value]);
      else descriptions(value, `${where}.${key}`, out);
    }
  }
  return out;
}

/** Properties of a schema (and of the schemas inside it) that have no description. */
function undescribed(schema: Json, where: string, out: string[] = []): string[] {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return out;
  const properties = schema.properties;
  if (properties !== null && typeof properties === "object" && !Array.isArray(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      const described =
        property !== null &&
        typeof property === "object" &&
        !Array.isArray(property) &&
        "description" in property;
      if (!described) out.push(`${where}.${name}`);
      undescribed(property, `${where}.${name}`, out);
    }
  }
  for (const key of ["items", "anyOf", "oneOf", "allOf"]) {
    const inner = schema[key];
    if (Array.isArray(inner)) {
      for (const [i, s] of inner.entries()) undescribed(s, `${where}.${key}[${i}]`, out);
    } else if (inner !== undefined) undescribed(inner, `${where}.${key}`, out);
  }
  return out;
}

/**
 * The body with one field taken out, for every field of every object in it (the first item of an
 * array stands for the others), but not the keys of records (`skip`: their names are data).
 */
function withoutEachField(body: Json, skip: ReadonlySet<string>, where = ""): [string, Json][] {
  if (Array.isArray(body)) {
    if (body.length === 0) return [];
    return withoutEachField(body[0] as Json, skip, `${where}[0]`).map(([w, first]) => [
      w,
      [first, ...body.slice(1)],
    ]);
  }
  if (body === null || typeof body !== "object") return [];
  const out: [string, Json][] = [];
  for (const key of Object.keys(body)) {
    const { [key]: value, ...rest } = body;
    out.push([`${where}.${key}`, rest]);
    if (skip.has(key)) continue;
    for (const [w, inner] of withoutEachField(value as Json, skip, `${where}.${key}`)) {
      out.push([w, { ...body, [key]: inner }]);
    }
  }
  return out;
}

let fixture: AdminFixture;
beforeAll(async () => {
  fixture = await openAdminFixture();
});
afterAll(async () => {
  await fixture.db.close();
});

describe("the OpenAPI document", () => {
  it("gives every route's 200 a JSON schema, the import route three bodies, and says it in Vietnamese", async () => {
    const doc = await (await fixture.app.request("/admin/openapi.json")).json();
    const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
      ([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ path, method, op: op as Record<string, Json> })),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [...ROUTE_LIST.map((r) => `${r.method} ${r.path}`), "get /templates/{file}"].sort(),
    );
    for (const { path, method, op } of operations) {
      const responses = op.responses as Record<string, { content?: Record<string, { schema?: Json }> }>;
      const ok = (responses["200"] ?? responses["201"])?.content?.["application/json"]?.schema;
      if (path === "/templates/{file}") {
        expect(ok, path).toBeUndefined();
        continue;
      }
      expect(ok, `${method} ${path}`).toMatchObject({ type: "object", properties: expect.any(Object) });
      expect(undescribed(ok as Json, `${method} ${path} 200`)).toEqual([]);
      for (const [status, answer] of Object.entries(responses)) {
        expect(answer.content?.["application/json"]?.schema, `${method} ${path} ${status}`).toBeDefined();
      }
    }
    // Every description, summary and schema text of the admin API is Vietnamese.
    const texts = descriptions({ paths: doc.paths, schemas: doc.components.schemas }, "");
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter(([, text]) => !VIETNAMESE.test(text))).toEqual([]);

    const importBody = doc.paths["/imports/{kind}"].post.requestBody;
    expect(Object.keys(importBody.content)).toEqual(["text/csv", "application/json", "multipart/form-data"]);
    expect(importBody.content["multipart/form-data"].schema).toMatchObject({
      type: "object",
      required: ["file"],
      properties: { file: { type: "string", format: "binary" } },
    });
    expect(importBody.content["application/json"].schema.oneOf).toEqual([
      expect.objectContaining({ type: "array", items: expect.objectContaining({ type: "object" }) }),
      expect.objectContaining({ type: "object" }),
    ]);
    expect(Object.keys(doc.paths["/score"].post.requestBody.content)).toEqual(["text/csv"]);
    // The errors' own fields: 400 names the fields, a refused import lists its problems.
    const importAnswers = doc.paths["/imports/{kind}"].post.responses;
    expect(importAnswers["400"].content["application/json"].schema.required).toEqual(["error", "fields"]);
    expect(importAnswers["422"].content["application/json"].schema.required).toEqual(["error", "problems"]);
    expect(importAnswers["403"].content["application/json"].schema.properties.problems.type).toBe("array");
    // The criteria tree is recursive: one component.
    expect(doc.components.schemas.NodeResult.properties.children.items).toEqual({
      $ref: "#/components/schemas/NodeResult",
    });
  });
});

describe("each route's answer, parsed with the route's own schema", () => {
  const tthcRows = (period: string) => `${TTHC_HEADER}\n10675,${period},10,1,8,1,0,0,1`;
  const schedule =
    "scope_code,date,start_time,end_time,title,location,participants\n" +
    `${KINH_MON_CODE},2024-03-04,08:00,11:00,Họp giao ban,Trụ sở UBND,Lãnh đạo thị xã\n` +
    `${KINH_MON_CODE},2024-03-05,,,Tiếp công dân,,`;

  /** Calls a route, expects `status`, and parses the JSON body with the route's schema for it. */
  async function answer(
    route: string,
    status: number,
    method: string,
    path: string,
    body?: Body,
    token: string = ADMIN_TOKEN,
  ): Promise<Json> {
    const response = await call(fixture.app, method, `/admin${path}`, token, body);
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/json");
    const json = JSON.parse(text) as Json;
    const schema = answerSchema(ROUTES[route] ? route : `${method} ${route}`, status);
    const parsed = schema.safeParse(json);
    expect(parsed.error?.issues ?? [], `${method} ${path} ${status}`).toEqual([]);
    // z.object drops what it does not know: an answer with undocumented fields differs from its parse.
    expect(parsed.data, `${method} ${path} ${status}`).toEqual(json);
    return json;
  }

  /** A 200 (201) body whose every field is required: without any one of them, the schema refuses it. */
  function everyFieldRequired(route: string, body: Json, status = 200): void {
    const schema = answerSchema(route, status);
    const accepted = withoutEachField(body, new Set(["counts", "details"]))
      .filter(([, changed]) => schema.safeParse(changed).success)
      .map(([where]) => where);
    expect(accepted, route).toEqual([]);
  }

  it("GET /me and the chats of a unit", async () => {
    const me = await answer("/me", 200, "GET", "/me");
    expect(me).toEqual({
      token: null,
      role: "province",
      scope: "mọi đơn vị",
      expiresAt: null,
      expires: null,
    });
    everyFieldRequired("/me", me);
    const chats = await answer("/units/{code}/chats", 200, "GET", `/units/${KINH_MON_CODE}/chats`);
    expect(chats).toMatchObject({ chats: [expect.objectContaining({ unitCode: "10675" })] });
    everyFieldRequired("/units/{code}/chats", chats);
    await answer("/units/{code}/chats", 404, "GET", "/units/nope/chats");
  });

  it("imports CSV, JSON (records, and a methodology) and an upload, and refuses bad files in the documented shapes", async () => {
    const route = "/imports/{kind}";
    const csv = await answer(route, 200, "POST", "/imports/tthc", { csv: tthcRows("2024-01-01,2024-03-31") });
    expect(csv).toMatchObject({ kind: "tthc", file: "tthc.csv", dryRun: false, rows: 1 });
    everyFieldRequired(route, csv);
    await answer(route, 200, "POST", "/imports/schedule", { csv: schedule });

    // JSON records and a multipart upload go through the route as before: no validator of the library's
    // stands in front of the importer (it would have refused the methodology object, or said 400 or 415).
    const records = [
      {
        unit_code: "10675",
        period_start: "2024-04-01",
        period_end: "2024-06-30",
        received: 10,
        resolved_early: 1,
        resolved_on_time: 8,
        resolved_late: 1,
        pending_in_time: 0,
        pending_overdue: null,
        apologies_sent: "1",
      },
    ];
    const json = await answer(route, 200, "POST", "/imports/tthc?dry_run=1", { json: records });
    expect(json).toMatchObject({ kind: "tthc", file: "tthc.json", dryRun: true, rows: 1 });
    const methodology = JSON.parse(await readFile("src/methodologies/haiduong-commune-2021.json", "utf8"));
    const method = await answer(route, 200, "POST", "/imports/methodology?dry_run=1", { json: methodology });
    expect(method).toMatchObject({ kind: "methodology", dryRun: true, rows: 1 });
    const form = new FormData();
    form.set("file", new File([JSON.stringify(records)], "quy 2.json", { type: "application/json" }));
    const upload = await answer(route, 200, "POST", "/imports/tthc?dry_run=1", { form });
    expect(upload).toMatchObject({ file: "quy 2.json", rows: 1, dryRun: true });
    const plain = await answer(route, 200, "POST", "/imports/tthc?dry_run=1", {
      raw: tthcRows("2024-07-01,2024-09-30"),
      type: "text/plain; charset=utf-8",
    });
    expect(plain).toMatchObject({ rows: 1 });

    // A JSON body that is not JSON, or not records, is the importer's 422, not the validator's 400.
    const notJson = await answer(route, 422, "POST", "/imports/tthc", { raw: "{", type: "application/json" });
    expect(notJson).toMatchObject({ problems: [expect.objectContaining({ line: null, code: "BAD_FILE" })] });
    await answer(route, 422, "POST", "/imports/tthc", { json: { not: "records" } });
    const noFile = await answer(route, 400, "POST", "/imports/tthc", { form: new FormData() });
    expect(noFile).toMatchObject({ fields: [{ field: "file" }] });
    await answer(route, 400, "POST", "/imports/tthc?dry_run=maybe", { csv: "a" });
    await answer(route, 415, "POST", "/imports/tthc", { raw: "<x/>", type: "application/xml" });
    const outside = await answer(
      route,
      403,
      "POST",
      "/imports/tthc",
      { csv: tthcRows("2024-01-01,2024-03-31") },
      fixture.giaLocToken,
    );
    expect(outside).toMatchObject({
      problems: [{ line: 2, code: "OUTSIDE_SCOPE", message: expect.stringMatching(/^Dòng 2: /) }],
    });
  });

  it("previews, publishes and withdraws a ranking, and refuses a second publication", async () => {
    const body = { scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04" };
    const preview = await answer("/publish", 200, "POST", "/publish", { json: { ...body, dry_run: true } });
    expect(preview).toMatchObject({ dryRun: true, scope: { code: KINH_MON_CODE } });
    everyFieldRequired("/publish", preview);
    const published = await answer("/publish", 200, "POST", "/publish", { json: body });
    expect(published).toMatchObject({ dryRun: false });
    const again = await answer("/publish", 409, "POST", "/publish", { json: body });
    expect(again).toMatchObject({ code: "ALREADY_PUBLISHED" });
    await answer("/publish", 404, "POST", "/publish", { json: { ...body, scope: "nope" } });
    await answer("/publish", 400, "POST", "/publish", { json: { scope: 292, year: "2021" } });
    await answer("/publish", 400, "POST", "/publish", { raw: "{", type: "application/json" });

    const confirm = `${KINH_MON_CODE}-2021`;
    const withdrawn = await answer("/unpublish", 200, "POST", "/unpublish", {
      json: { scope: KINH_MON_CODE, year: 2021, confirm },
    });
    expect(withdrawn).toMatchObject({ withdrawn: kinhMon2021.units.length });
    everyFieldRequired("/unpublish", withdrawn);
    await answer("/unpublish", 409, "POST", "/unpublish", {
      json: { scope: KINH_MON_CODE, year: 2021, confirm },
    });
    await answer("/unpublish", 400, "POST", "/unpublish", {
      json: { scope: KINH_MON_CODE, year: 2021, confirm: "yes" },
    });
  });

  it("makes invites", async () => {
    const invites = await answer("/invites", 200, "POST", "/invites", {
      json: { scope: KINH_MON_CODE, role: "chair", year: 2021 },
    });
    expect(invites).toMatchObject({ role: "chair", invites: expect.any(Array) });
    everyFieldRequired("/invites", invites);
    await answer("/invites", 400, "POST", "/invites", { json: { scope: KINH_MON_CODE, role: "boss" } });
    await answer("/invites", 404, "POST", "/invites", { json: { scope: "nope", role: "chair" } });
  });

  it("scores a sheet, and refuses a bad sheet or an unknown methodology", async () => {
    const sheet = await readFile("test/fixtures/phu-yen-districts-2022.csv", "utf8");
    const scored = await answer("/score", 200, "POST", "/score?methodology=phuyen-district-2022&year=2022", {
      csv: sheet,
    });
    expect(scored).toMatchObject({ count: expect.any(Number), units: expect.any(Array) });
    everyFieldRequired("/score", scored);
    const bad = await answer("/score", 422, "POST", "/score?methodology=phuyen-district-2022", {
      csv: "unit,criterion_code,score\nTuy Hòa,F1,abc",
    });
    expect((bad as { problems: { message: string }[] }).problems[0]?.message).toMatch(/^Dòng 2: /);
    const unknown = await answer("/score", 422, "POST", "/score?methodology=nope", { csv: sheet });
    expect(unknown).toMatchObject({ code: expect.any(String) });
    await answer("/score", 400, "POST", "/score", { csv: sheet });
  });

  it("reads TTHC figures, a week's schedule, a notice's deliveries and the audit log", async () => {
    const units = await answer("/units/{code}/units", 200, "GET", "/units/30/units?year=2021");
    everyFieldRequired("/units/{code}/units", units);
    await answer("/units/{code}/units", 400, "GET", "/units/30/units?year=soon");
    await answer("/units/{code}/units", 404, "GET", `/units/${KINH_MON_CODE}/units`);
    const tthc = await answer("/units/{code}/tthc", 200, "GET", `/units/${KINH_MON_CODE}/tthc`);
    expect(tthc).toMatchObject({ units: [expect.objectContaining({ periods: expect.any(Array) })] });
    everyFieldRequired("/units/{code}/tthc", tthc);
    await answer("/units/{code}/tthc", 400, "GET", `/units/${KINH_MON_CODE}/tthc?limit=0`);

    const week = await answer(
      "/units/{code}/schedule",
      200,
      "GET",
      `/units/${KINH_MON_CODE}/schedule?week=2024-W10`,
    );
    expect(week).toMatchObject({
      week: { isoYear: 2024, isoWeek: 10 },
      scopes: [{ items: expect.any(Array) }],
    });
    everyFieldRequired("/units/{code}/schedule", week);
    await answer("/units/{code}/schedule", 400, "GET", `/units/${KINH_MON_CODE}/schedule`);

    for (const key of ["t:kinh-mon", "t:nation"]) {
      const notice = await answer("/notices/{key}", 200, "GET", `/notices/${key}`);
      expect(notice).toMatchObject({ counts: { pending: 1 }, deliveries: [expect.any(Object)] });
      everyFieldRequired("/notices/{key}", notice);
    }
    await answer("/notices/{key}", 404, "GET", "/notices/nope");

    const audit = await answer("/audit", 200, "GET", `/audit?unit=${KINH_MON_CODE}`);
    expect((audit as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
    everyFieldRequired("/audit", audit);
    await answer("/audit", 400, "GET", "/audit?from=yesterday");
    await answer("/audit", 404, "GET", "/audit?unit=nope");
  });

  it("issues, lists and revokes tokens, and lists the notices, in the documented shapes", async () => {
    const created = await answer("POST /tokens", 201, "POST", "/tokens", {
      json: { unit: KINH_MON_CODE, role: "district", label: "Phòng Nội vụ", expires: "2026-06-30" },
    });
    expect(created).toMatchObject({ token: { state: "active" }, secret: expect.stringMatching(/^cchc_/) });
    everyFieldRequired("POST /tokens", created, 201);
    const id = (created as { token: { id: number } }).token.id;
    const listed = await answer("GET /tokens", 200, "GET", "/tokens");
    everyFieldRequired("GET /tokens", listed);
    const revoked = await answer("/tokens/{id}/revoke", 200, "POST", `/tokens/${id}/revoke`);
    expect(revoked).toMatchObject({ token: { id, state: "revoked" } });
    everyFieldRequired("/tokens/{id}/revoke", revoked);
    await answer("/tokens/{id}/revoke", 409, "POST", `/tokens/${id}/revoke`);
    await answer("/tokens/{id}/revoke", 404, "POST", "/tokens/999999/revoke");
    await answer("/tokens/{id}/revoke", 400, "POST", "/tokens/x/revoke");
    await answer("POST /tokens", 400, "POST", "/tokens", { json: { unit: KINH_MON_CODE, role: "chair" } });
    await answer("POST /tokens", 400, "POST", "/tokens", { json: { unit: KINH_MON_CODE, role: "province" } });
    await answer("POST /tokens", 404, "POST", "/tokens", { json: { unit: "999", role: "district" } });
    await answer(
      "POST /tokens",
      403,
      "POST",
      "/tokens",
      { json: { unit: "30", role: "province" } },
      fixture.giaLocToken,
    );

    const notices = await answer("GET /notices", 200, "GET", "/notices");
    expect((notices as { notices: unknown[] }).notices.length).toBeGreaterThan(0);
    everyFieldRequired("GET /notices", notices);
    await answer("GET /notices", 400, "GET", "/notices?limit=0");
  });

  it("refuses without a token, and another district's unit, in the documented shape", async () => {
    for (const route of ROUTE_LIST) {
      const concrete = route.path
        .replace("{code}", KINH_MON_CODE)
        .replace("{kind}", "tthc")
        .replace("{key}", "t:kinh-mon")
        .replace("{id}", "1");
      await answer(
        `${route.method.toUpperCase()} ${route.path}`,
        401,
        route.method.toUpperCase(),
        concrete,
        undefined,
        "wrong",
      );
    }
    await answer(
      "/units/{code}/chats",
      403,
      "GET",
      `/units/${KINH_MON_CODE}/chats`,
      undefined,
      fixture.giaLocToken,
    );
  });
});

describe("the schemas follow the handlers' types", () => {
  it("accept what the importer, the publisher, the scorer and the store return", () => {
    expectTypeOf<ImportReport>().toExtend<z.input<typeof importAnswer>>();
    expectTypeOf<PublishedUnitLine>().toExtend<z.input<typeof publishAnswer>["ranking"][number]>();
    expectTypeOf<PeerSetResult>().toExtend<z.input<typeof scoreAnswer>>();
    expectTypeOf<TthcStats>().toExtend<z.input<typeof tthcAnswer>["units"][number]["periods"][number]>();
    expectTypeOf<ScheduleItem>().toExtend<
      z.input<typeof scheduleAnswer>["scopes"][number]["items"][number]
    >();
    expectTypeOf<UnitAuditRecord & { what: string; who: string; when: string }>().toExtend<
      z.input<typeof auditAnswer>["entries"][number]
    >();
  });
});
