/**
 * Inside workerd: the officers' admin API of the Worker (/admin), over the demo database through the
 * loopback Hrana server. Imports read their CSV with csv-parse's browser build (no Node, no Buffer of
 * the platform's), and whatever a test writes is its own (Huyện Thanh Hà's figures, a week of 2024 no
 * other test reads), so the files may run in any order. Publishing is only previewed: a real publication
 * would change the replies the webhook test compares with Node's.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { readCsv } from "../../src/csv/read-csv.ts";

const ADMIN_TOKEN = inject("edge").bindings.ADMIN_TOKEN as string;
/** Huyện Thanh Hà and one of its communes: nothing of theirs is published in the demo, no command reads them. */
const THANH_HA = "294";
const HONG_LAC = "10816";

const admin = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const { token = ADMIN_TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  return SELF.fetch(`https://cchc.example/admin${path}`, { ...rest, headers });
};
const postCsv = (path: string, csv: string) =>
  admin(path, { method: "POST", headers: { "content-type": "text/csv" }, body: csv });

describe("the Worker's admin API inside workerd", () => {
  it("reads CSV with csv-parse's browser build, which carries its own Buffer", () => {
    const platform = (globalThis as { Buffer?: unknown }).Buffer;
    // csv-parse's Node build would reach for the global Buffer and fail without it.
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    try {
      expect(readCsv("a;b\n1;2\n").rows[0]?.values).toEqual({ a: "1", b: "2" });
    } finally {
      (globalThis as { Buffer?: unknown }).Buffer = platform;
    }
  });

  it("serves the OpenAPI document without a token, and answers 401 to a request without one", async () => {
    const doc = await (await admin("/openapi.json", { token: null })).json<{
      openapi: string;
      paths: object;
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/imports/{kind}", "/publish"]));
    const anonymous = await admin("/me", { token: null });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json<{ error: string }>()).error).toContain("Bearer");
    expect((await admin("/me", { token: "not-the-admin-token-000" })).status).toBe(401);
  });

  it("knows ADMIN_TOKEN as the root officer", async () => {
    const me = await admin("/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ token: null, role: "province" });
  });

  it("imports TTHC figures (a dry run first) and reads them back", async () => {
    const csv = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      `${HONG_LAC},2024-01-01,2024-03-31,42,3,35,2,2,0,1`,
      `${HONG_LAC},2024-04-01,2024-06-30,40,,36,1,3,0,`,
    ].join("\r\n");
    const dry = await postCsv("/imports/tthc?dry_run=1&name=hong-lac.csv", csv);
    expect(dry.status, await dry.clone().text()).toBe(200);
    expect(await dry.json()).toMatchObject({ kind: "tthc", dryRun: true, rows: 2 });
    const done = await postCsv("/imports/tthc?name=hong-lac.csv", csv);
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.json()).toMatchObject({ kind: "tthc", file: "hong-lac.csv", dryRun: false, rows: 2 });

    const read = await (await admin(`/units/${THANH_HA}/tthc?limit=4`)).json<{
      units: { unit: { code: string }; periods: Record<string, unknown>[] }[];
    }>();
    const hongLac = read.units.find((u) => u.unit.code === HONG_LAC);
    expect(hongLac?.periods).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ periodStart: "2024-01-01", received: 42, resolvedOnTime: 35 }),
        expect.objectContaining({ periodStart: "2024-04-01", resolvedEarly: null, resolvedOnTime: 36 }),
      ]),
    );
  });

  it("imports a week's schedule and reads it back; a bad row is a 422 naming its line", async () => {
    const header = "scope_code,date,start_time,end_time,title,location,participants,week";
    const csv = [
      header,
      `${THANH_HA},2024-09-30,08:00,11:00,"Họp giao ban
tuần 40",Hội trường,"Chủ tịch, các Phó Chủ tịch",2024-W40`,
      `${THANH_HA},2024-10-02,14:00,16:30,Tiếp công dân,Phòng tiếp dân,Chủ tịch,2024-W40`,
    ].join("\n");
    const dry = await postCsv("/imports/schedule?dry_run=1", csv);
    expect(dry.status, await dry.clone().text()).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, rows: 2 });
    expect((await postCsv("/imports/schedule", csv)).status).toBe(200);
    const week = await (await admin(`/units/${THANH_HA}/schedule?week=2024-W40`)).json<{
      scopes: { unit: { code: string }; items: { title: string }[] }[];
    }>();
    expect(week.scopes[0]?.unit.code).toBe(THANH_HA);
    expect(week.scopes[0]?.items.map((i) => i.title)).toEqual(["Họp giao ban\ntuần 40", "Tiếp công dân"]);

    // Line 5 (the quoted title spans lines 2–3): hours that are not ones. Nothing is written.
    const bad = await postCsv(
      "/imports/schedule",
      `${csv}\n${THANH_HA},2024-10-03,25:00,26:00,Kiểm tra,Xã Hồng Lạc,Chủ tịch,2024-W40`,
    );
    expect(bad.status).toBe(422);
    const refused = await bad.json<{ problems: { line: number; message: string }[] }>();
    expect(refused.problems.map((p) => p.message)).toEqual([
      'Dòng 5: giờ start_time "25:00" không hợp lệ (HH:MM)',
      'Dòng 5: giờ end_time "26:00" không hợp lệ (HH:MM)',
    ]);
    const broken = await postCsv("/imports/schedule", `${header}\n${THANH_HA},2024-10-03,"08:00`);
    expect(broken.status).toBe(422);
    expect((await broken.json<{ problems: { message: string }[] }>()).problems[0]?.message).toBe(
      "Dòng 2: dấu ngoặc kép mở nhưng không đóng",
    );
  });

  it("previews the publication of Bình Giang's 2023 ranking without writing it", async () => {
    const preview = async () =>
      admin("/publish", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scope: "296", year: 2023, dry_run: true, published_on: "2024-03-20" }),
      });
    const first = await preview();
    expect(first.status, await first.clone().text()).toBe(200);
    const body = await first.json<{ dryRun: boolean; scope: { code: string }; ranking: unknown[] }>();
    expect(body).toMatchObject({ dryRun: true, scope: { code: "296" } });
    expect(body.ranking).toHaveLength(16);
    // Nothing was published: the same preview again, not a 409.
    expect((await preview()).status).toBe(200);
  });
});
