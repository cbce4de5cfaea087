/**
 * The admin API on a real libSQL database (Hải Dương, Kinh Môn and its communes, Gia Lộc, Hải Phòng):
 * every route × every kind of caller, scope (a district officer cannot publish the province), 400s that
 * name the field, the audit trail with the token id and before → after, and repeated failures slowed.
 */
import { readFile } from "node:fs/promises";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret, newSecret } from "../../src/admin/secret.ts";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import { announcementKey, jobNamed, resultAnnouncementJob } from "../../src/jobs/index.ts";
import { runJob } from "../../src/jobs/run.ts";
import type { JobDeps } from "../../src/jobs/types.ts";
import { DEFAULT_OFFICE_HOURS } from "../../src/push/delivery-window.ts";
import { createResolver, type Resolver } from "../../src/resolve/index.ts";
import { type AdminRole, type Store, yearWindow } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { ASSESSMENT_HEADER, ctx, KINH_MON_CODE, openKinhMon } from "../support/kinh-mon-units.ts";
import { windows1258 } from "../support/legacy-encodings.ts";
import { ADMIN_TOKEN, adminApp, type Body, call, issueToken, NOW, SCORES, seedAdminDemo } from "./support.ts";

const memory = backends.find((b) => b.name === "memory")!;

let db: TestDatabase;
let store: Store;
let app: Hono;
const secrets: Record<"province" | "kinhMon" | "giaLoc" | "haiPhong" | "expired" | "revoked", string> = {
  province: "",
  kinhMon: "",
  giaLoc: "",
  haiPhong: "",
  expired: "",
  revoked: "",
};
const ids: Partial<Record<keyof typeof secrets, number>> = {};

async function issue(
  name: keyof typeof secrets,
  code: string,
  role: AdminRole,
  expiresAt: string | null = null,
  issuedBy: number | null = null,
): Promise<void> {
  ({ secret: secrets[name], id: ids[name] } = await issueToken(store, code, role, {
    label: name,
    expiresAt,
    issuedBy,
  }));
}

const build = (failureLimit = 10_000): Hono => adminApp(store, { failureLimit });

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
  await issue("province", "30", "province");
  await issue("kinhMon", KINH_MON_CODE, "district", "2026-12-31T16:59:59.999Z");
  await issue("giaLoc", "297", "district");
  await issue("haiPhong", "31", "province");
  await issue("expired", KINH_MON_CODE, "district", "2026-02-01T00:00:00.000Z");
  // Issued by the Kinh Môn officer (through the API), and revoked.
  await issue("revoked", KINH_MON_CODE, "district", null, ids.kinhMon ?? null);
  await store.admin.revokeToken(ids.revoked!, ctx);
  await seedAdminDemo(store);
  app = build();
});
afterAll(async () => {
  await db.close();
});

interface Route {
  name: string;
  method: string;
  path: string;
  body?: Body;
  /** What the valid (Kinh Môn) token gets. */
  ok: number;
  /**
   * A list with no unit in its path answers another district's token with that district's own items:
   * this checks Kinh Môn's are not among them (instead of a 403).
   */
  outside?: (body: Record<string, unknown>) => void;
  /** What another district's token gets instead of 403, where that would say too much. */
  outsideStatus?: number;
}

const routes: Route[] = [
  { name: "GET chats", method: "GET", path: `/admin/units/${KINH_MON_CODE}/chats`, ok: 200 },
  {
    name: "POST import (dry run)",
    method: "POST",
    path: "/admin/imports/assessments?dry_run=1&methodology=haiduong-commune-2021",
    body: { csv: SCORES },
    ok: 200,
  },
  {
    name: "POST publish (dry run)",
    method: "POST",
    path: "/admin/publish",
    body: { json: { scope: KINH_MON_CODE, year: 2021, dry_run: true, published_on: "2022-03-04" } },
    ok: 200,
  },
  {
    name: "POST unpublish",
    method: "POST",
    path: "/admin/unpublish",
    body: { json: { scope: KINH_MON_CODE, year: 2021, confirm: `${KINH_MON_CODE}-2021` } },
    // Not published yet: refused for what it is, not for who asks.
    ok: 409,
  },
  { name: "GET audit", method: "GET", path: `/admin/audit?unit=${KINH_MON_CODE}`, ok: 200 },
  { name: "GET tthc", method: "GET", path: `/admin/units/${KINH_MON_CODE}/tthc`, ok: 200 },
  { name: "GET units", method: "GET", path: `/admin/units/${KINH_MON_CODE}/units?year=2021`, ok: 200 },
  {
    name: "GET schedule",
    method: "GET",
    path: `/admin/units/${KINH_MON_CODE}/schedule?week=2021-W10`,
    ok: 200,
  },
  { name: "GET notice (the district's)", method: "GET", path: "/admin/notices/t:kinh-mon", ok: 200 },
  { name: "GET notice (a wider one)", method: "GET", path: "/admin/notices/t:nation", ok: 200 },
  {
    // A trial scoring touches no unit: another district's token may score a sheet too.
    name: "POST score",
    method: "POST",
    path: "/admin/score?methodology=haiduong-commune-2021",
    body: {
      csv: [
        "unit,criterion_code,score",
        ...[9, 8, 20, 7, 12, 9, 15].map((v, i) => `Xã Thử,F${i + 1},${v}`),
      ].join("\n"),
    },
    ok: 200,
    outside: (body) => expect(body.units).toEqual([expect.objectContaining({ unit: "Xã Thử" })]),
  },
  {
    name: "GET me",
    method: "GET",
    path: "/admin/me",
    ok: 200,
    outside: (body) => expect(String(body.scope)).not.toContain(`(${KINH_MON_CODE})`),
  },
  {
    name: "GET tokens",
    method: "GET",
    path: "/admin/tokens",
    ok: 200,
    outside: (body) => expect(JSON.stringify(body)).not.toContain(`"code":"${KINH_MON_CODE}"`),
  },
  {
    name: "POST token",
    method: "POST",
    path: "/admin/tokens",
    body: { json: { unit: KINH_MON_CODE, role: "district", label: "bảng kiểm tra" } },
    ok: 201,
  },
  // Revoked already: refused for what it is (409) once the caller may touch it; outside the caller's
  // subtree it is not there at all (404: ids tell nothing of other districts).
  {
    name: "POST token revoke",
    method: "POST",
    path: "/admin/tokens/{revoked}/revoke",
    ok: 409,
    outsideStatus: 404,
  },
  {
    name: "GET notices",
    method: "GET",
    path: "/admin/notices",
    ok: 200,
    outside: (body) => expect(body).toEqual({ notices: [] }),
  },
  {
    name: "POST invites",
    method: "POST",
    path: "/admin/invites",
    body: { json: { scope: KINH_MON_CODE, role: "chair", year: 2021 } },
    ok: 200,
  },
];

describe.each(routes)("$name", (route) => {
  const send = (token: string | null) =>
    call(app, route.method, route.path.replace("{revoked}", String(ids.revoked)), token, route.body);

  it("401 without a token, with a wrong one, an expired one or a revoked one, saying why", async () => {
    const none = await send(null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await none.json()).error).toContain("Thiếu mã truy cập");
    const wrong = await send(`${secrets.kinhMon.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("Mã truy cập không đúng.");
    const expired = await send(secrets.expired);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toContain("đã hết hạn");
    const revoked = await send(secrets.revoked);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toContain("đã bị thu hồi");
  });

  it("403 with another district's token and another province's, naming the scope", async () => {
    for (const token of [secrets.giaLoc, secrets.haiPhong]) {
      const response = await send(token);
      if (route.outside) {
        expect(response.status).toBe(200);
        route.outside(await response.json());
        continue;
      }
      if (route.outsideStatus !== undefined) {
        expect(response.status).toBe(route.outsideStatus);
        continue;
      }
      expect(response.status).toBe(403);
      expect((await response.json()).error ?? "").toMatch(/phạm vi/);
    }
  });

  it("answers the district's token, its province's token and ADMIN_TOKEN", async () => {
    for (const token of [secrets.kinhMon, secrets.province, ADMIN_TOKEN]) {
      const response = await send(token);
      expect(response.status, await response.clone().text()).toBe(route.ok);
    }
  });
});

describe("scope", () => {
  it("a district officer cannot publish the province, nor preview it", async () => {
    for (const dry_run of [true, false]) {
      const response = await call(app, "POST", "/admin/publish", secrets.kinhMon, {
        json: { scope: "30", year: 2021, dry_run },
      });
      expect(response.status).toBe(403);
      expect((await response.json()).error).toContain("Tỉnh Hải Dương (30) không thuộc phạm vi");
    }
  });

  it("lists the chats linked to the subtree's units, without their platform ids", async () => {
    const body = await (await call(app, "GET", "/admin/units/292/chats", secrets.kinhMon)).json();
    expect(body.chats).toEqual([
      expect.objectContaining({
        platform: "telegram",
        title: "UBND phường An Lưu",
        role: "chair",
        unitCode: "10675",
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain("-100777");
    const none = await (await call(app, "GET", "/admin/units/297/chats", secrets.giaLoc)).json();
    expect(none.chats).toEqual([]);
  });

  it("refuses an import naming units outside the token's subtree, row by row, writing nothing", async () => {
    const before = await store.tableChecksums();
    const response = await call(app, "POST", "/admin/imports/tthc", secrets.giaLoc, {
      csv: [
        "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
        "11035,2024-01-01,2024-03-31,10,1,8,1,0,0,1",
        "10675,2024-01-01,2024-03-31,10,1,8,1,0,0,1",
      ].join("\n"),
    });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.problems).toEqual([
      {
        line: 3,
        code: "OUTSIDE_SCOPE",
        message: expect.stringMatching(
          /^Dòng 3: đơn vị mã 10675 \(unit_code\) không thuộc phạm vi Huyện Gia Lộc/,
        ),
      },
    ]);
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("refuses a CSV that is not UTF-8 (Excel's Windows-1258) with one problem naming its line, writing nothing", async () => {
    const before = await store.tableChecksums();
    const bytes = windows1258(
      "code,name,kind,parent_code,valid_from,valid_to\n99001,Xã Mới,xã,292,2024-01-01,2025-06-30",
    );
    for (const token of [secrets.kinhMon, ADMIN_TOKEN]) {
      const response = await app.request("/admin/imports/units", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
        body: bytes,
      });
      expect(response.status).toBe(422);
      expect((await response.json()).problems).toEqual([
        {
          line: 2,
          code: "BAD_FILE",
          message:
            'Dòng 2: tệp không phải UTF-8 (có ký tự không đọc được). Trong Excel, chọn Lưu thành → "CSV UTF-8 (Comma delimited) (*.csv)" rồi gửi lại.',
        },
      ]);
    }
    expect(await store.tableChecksums()).toEqual(before);
  });

  it("looks a reused code up for the row's dates: Kinh Môn's 10714 of 2021 is not Hải Phòng's of 2026", async () => {
    const header =
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent";
    const of2021 = await call(app, "POST", "/admin/imports/tthc?dry_run=1", secrets.kinhMon, {
      csv: `${header}\n10714,2021-01-01,2021-03-31,10,1,8,1,0,0,1`,
    });
    expect(of2021.status, await of2021.clone().text()).toBe(200);
    const of2026 = await call(app, "POST", "/admin/imports/tthc?dry_run=1", secrets.kinhMon, {
      csv: `${header}\n10714,2026-01-01,2026-03-31,10,1,8,1,0,0,1`,
    });
    expect(of2026.status).toBe(403);
    expect((await of2026.json()).problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^Dòng 2: đơn vị mã 10714/) }),
    ]);
  });

  it("a scoped token adds units only under its subtree, never a province", async () => {
    const header = "code,name,kind,parent_code,valid_from,valid_to";
    const under = await call(app, "POST", "/admin/imports/units?dry_run=1", secrets.kinhMon, {
      csv: `${header}\n99001,Xã Mới,xã,292,2024-01-01,2025-06-30`,
    });
    expect(under.status, await under.clone().text()).toBe(200);
    const province = await call(app, "POST", "/admin/imports/units?dry_run=1", secrets.province, {
      csv: `${header}\n99003,Xã Khác,xã,297,2024-01-01,2025-06-30`,
    });
    expect(province.status, await province.clone().text()).toBe(200);
    const newProvince = await call(app, "POST", "/admin/imports/units?dry_run=1", secrets.province, {
      csv: `${header}\n99002,Tỉnh Mới,tỉnh,,2024-01-01,`,
    });
    expect(newProvince.status).toBe(403);
    const district = await call(app, "POST", "/admin/imports/units?dry_run=1", secrets.kinhMon, {
      csv: `${header}\n99002,Tỉnh Mới,tỉnh,,2024-01-01,\n99003,Xã Khác,xã,297,2024-01-01,2025-06-30`,
    });
    expect(district.status).toBe(403);
    expect((await district.json()).problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/^Dòng 2: đơn vị 99002 không có cấp trên/),
      expect.stringMatching(/^Dòng 3: cấp trên mã 297 \(parent_code\)/),
    ]);
  });

  it("only ADMIN_TOKEN imports a methodology", async () => {
    const response = await call(app, "POST", "/admin/imports/methodology", secrets.province, { json: {} });
    expect(response.status).toBe(403);
  });
});

describe("bad bodies", () => {
  it("400 naming each wrong field in Vietnamese", async () => {
    const response = await call(app, "POST", "/admin/publish", secrets.kinhMon, {
      json: { scope: 292, year: "2021", extra: 1 },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatch(/^Yêu cầu không hợp lệ: /);
    expect(body.error).toContain('trường "scope": phải là mã huyện hoặc tỉnh');
    expect(body.error).toContain('trường "year": phải là một năm');
    expect(body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(["scope", "year"]),
    );
    const notJson = await app.request("/admin/publish", {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.kinhMon}`, "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe("Thân yêu cầu phải là JSON hợp lệ.");
  });

  it("400 naming confirm when the confirmation does not match", async () => {
    const response = await call(app, "POST", "/admin/unpublish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, confirm: "yes" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).fields).toEqual([
      { field: "confirm", message: 'phải đúng là "292-2021"' },
    ]);
    const missing = await call(app, "POST", "/admin/unpublish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021 },
    });
    expect((await missing.json()).error).toContain('trường "confirm"');
  });

  it("400 naming the query parameter of the audit log and of an import", async () => {
    const audit = await call(app, "GET", "/admin/audit?from=yesterday", secrets.kinhMon);
    expect(audit.status).toBe(400);
    expect((await audit.json()).error).toContain('trường "from"');
    const imported = await call(app, "POST", "/admin/imports/tthc?dry_run=maybe", secrets.kinhMon, {
      csv: "a",
    });
    expect(imported.status).toBe(400);
    expect((await imported.json()).error).toContain('trường "dry_run"');
    const notices = await call(app, "GET", "/admin/notices?limit=0&from=hôm qua", secrets.kinhMon);
    expect(notices.status).toBe(400);
    expect((await notices.json()).fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "from",
      "limit",
    ]);
    const revoke = await call(app, "POST", "/admin/tokens/abc/revoke", secrets.kinhMon);
    expect(revoke.status).toBe(400);
    expect((await revoke.json()).error).toContain('trường "id": phải là số của mã');
  });

  it("422 with row-numbered problems when the importer refuses a file, writing nothing", async () => {
    const before = await store.tableChecksums();
    const response = await call(
      app,
      "POST",
      "/admin/imports/assessments?methodology=haiduong-commune-2021",
      secrets.kinhMon,
      {
        csv: `${ASSESSMENT_HEADER}\n10675,2021,F1,abc`,
      },
    );
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.problems[0].message).toMatch(/^Dòng 2: /);
    expect(await store.tableChecksums()).toEqual(before);
  });
});

describe("publish, unpublish and the audit log", () => {
  it("previews the ranking without writing, publishes it, and audits token id and before → after", async () => {
    const before = await store.tableChecksums();
    const preview = await call(app, "POST", "/admin/publish", secrets.province, {
      json: { scope: KINH_MON_CODE, year: 2021, dry_run: true, published_on: "2022-03-04" },
    });
    const previewed = await preview.json();
    expect(previewed.dryRun).toBe(true);
    expect(previewed.ranking).toHaveLength(kinhMon2021.units.length);
    // Named by code as files name them, with the points, and whether they are sample data.
    expect(previewed.ranking[0]).toMatchObject({
      code: "10675",
      name: expect.stringContaining("An Lưu"),
      rank: 1,
      points: expect.any(Number),
      maxPoints: 100,
      sample: false,
    });
    expect(await store.tableChecksums()).toEqual(before);

    const published = await call(app, "POST", "/admin/publish", secrets.province, {
      json: { scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04" },
    });
    expect(published.status).toBe(200);
    expect((await published.json()).ranking).toEqual(previewed.ranking);

    const again = await call(app, "POST", "/admin/publish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04" },
    });
    expect(again.status).toBe(409);

    const withdrawn = await call(app, "POST", "/admin/unpublish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, confirm: "292-2021" },
    });
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).withdrawn).toBe(kinhMon2021.units.length);

    const audit = await (
      await call(app, "GET", "/admin/audit?unit=292&from=2026-03-01&to=2026-03-01", secrets.kinhMon)
    ).json();
    const actions = audit.entries.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`);
    // The store's own rows of the publication (entity: the scope) are the district officer's to see too.
    expect(actions).toEqual(expect.arrayContaining([`results.publish admin-token:${ids.province}`]));
    const elsewhere = await (
      await call(app, "GET", "/admin/audit?from=2026-03-01&to=2026-03-01", secrets.giaLoc)
    ).json();
    expect(elsewhere.entries.map((e: { action: string }) => e.action)).not.toContain("results.publish");
    expect(actions).toEqual(
      expect.arrayContaining([
        `admin.publish admin-token:${ids.province}`,
        `admin.unpublish admin-token:${ids.kinhMon}`,
      ]),
    );
    const publishEntry = audit.entries.find((e: { action: string }) => e.action === "admin.publish");
    expect(publishEntry.details).toEqual({
      before: { status: "draft" },
      after: { status: "published", publishedOn: "2022-03-04", units: kinhMon2021.units.length },
    });
    // Another district's officer does not see Kinh Môn's changes; a day without changes is empty.
    expect((await call(app, "GET", "/admin/audit?unit=292", secrets.giaLoc)).status).toBe(403);
    const own = await (await call(app, "GET", "/admin/audit", secrets.giaLoc)).json();
    expect(own.entries.filter((e: { action: string }) => e.action.startsWith("admin.publish"))).toEqual([]);
    const earlier = await (
      await call(app, "GET", "/admin/audit?unit=292&to=2026-02-28", secrets.kinhMon)
    ).json();
    expect(earlier.entries.map((e: { action: string }) => e.action)).not.toContain("admin.publish");
  });

  it("imports through the same importer and audits the import with the token id", async () => {
    const rows = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10675,2024-01-01,2024-03-31,10,1,8,1,0,0,1",
    ].join("\n");
    const dry = await call(app, "POST", "/admin/imports/tthc?dry_run=1", secrets.kinhMon, { csv: rows });
    expect((await dry.json()).dryRun).toBe(true);
    const response = await call(app, "POST", "/admin/imports/tthc?name=an-luu.csv", secrets.kinhMon, {
      csv: rows,
    });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ kind: "tthc", file: "an-luu.csv", dryRun: false, rows: 1 });
    const [entry] = (await store.audit.list({ entity: "import" })) ?? [];
    expect(entry).toMatchObject({
      actor: `admin-token:${ids.kinhMon}`,
      action: "import",
      entityId: "tthc",
      unitId: (await store.admin.token(ids.kinhMon!))?.unitId,
    });
    expect(entry?.details).toMatchObject({ file: "an-luu.csv", rows: 1, changes: report.changes });
    // What the public pages show as the figures' source: the office and the day, not a token or a file.
    expect(entry?.details.source).toBe("Số liệu do Thị xã Kinh Môn (292) nhập ngày 01/03/2026");

    // The officer reads the file's row and the period's own row, with its figures before → after.
    const again = rows.replace("10,1,8,1,0,0,1", "12,1,9,2,0,0,2");
    expect((await call(app, "POST", "/admin/imports/tthc", secrets.kinhMon, { csv: again })).status).toBe(
      200,
    );
    const seen = await (await call(app, "GET", "/admin/audit?unit=10675", secrets.kinhMon)).json();
    const put = seen.entries.find((e: { action: string }) => e.action === "tthc.put");
    expect(put.actor).toBe(`admin-token:${ids.kinhMon}`);
    // Named for a person: the unit by code and name, the action, who and when in Vietnam time.
    expect(put).toMatchObject({
      unit: { code: "10675", name: expect.stringContaining("An Lưu") },
      what: "Cập nhật số liệu thủ tục hành chính của một kỳ",
      who: `mã truy cập số ${ids.kinhMon}`,
      when: "01/03/2026 10:00",
    });
    expect(put.details).toMatchObject({
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
      before: { received: 10, resolvedOnTime: 8, resolvedLate: 1, apologiesSent: 1 },
      after: { received: 12, resolvedOnTime: 9, resolvedLate: 2, apologiesSent: 2 },
    });
    const files = await (await call(app, "GET", "/admin/audit", secrets.kinhMon)).json();
    expect(files.entries.filter((e: { action: string }) => e.action === "import")).toHaveLength(2);
    // Another district's officer sees neither.
    const other = await (await call(app, "GET", "/admin/audit", secrets.giaLoc)).json();
    expect(JSON.stringify(other.entries)).not.toContain("an-luu.csv");
    expect(other.entries.some((e: { action: string }) => e.action === "tthc.put")).toBe(false);
  });
});

describe("the units of a scope, with the codes files need", () => {
  it("lists a province's districts and their communes for a year, each with its parent's code", async () => {
    const body = await (await call(app, "GET", "/admin/units/30/units?year=2021", secrets.province)).json();
    expect(body.scope).toEqual({ code: "30", name: "Tỉnh Hải Dương", level: "province" });
    const district = body.units.find((u: { code: string }) => u.code === KINH_MON_CODE);
    expect(district).toMatchObject({ level: "district", parentCode: "30" });
    const anLuu = body.units.find((u: { code: string }) => u.code === "10675");
    expect(anLuu).toMatchObject({
      level: "commune",
      parentCode: KINH_MON_CODE,
      name: expect.stringContaining("An Lưu"),
    });
    expect(body.units.filter((u: { level: string }) => u.level === "commune")).toHaveLength(
      kinhMon2021.units.length,
    );
    const today = await call(app, "GET", `/admin/units/${KINH_MON_CODE}/units`, secrets.kinhMon);
    expect(today.status).toBe(404);
    expect((await today.json()).error).toBe(`Không có tỉnh hoặc huyện mã ${KINH_MON_CODE} hiện hành.`);
  });
});

describe("CSV templates", () => {
  it.each(["units", "assessments", "tthc", "schedule"])(
    "%s.csv?example=1 has a filled row that the importer accepts as it is",
    async (kind) => {
      const response = await app.request(`/admin/templates/${kind}.csv?example=1`);
      expect(response.status).toBe(200);
      const text = (await response.text()).replace(/^\uFEFF/, "");
      expect(text.trim().split("\n")).toHaveLength(2);
      const before = await store.tableChecksums();
      const tried = await call(app, "POST", `/admin/imports/${kind}?dry_run=1`, ADMIN_TOKEN, { csv: text });
      expect(tried.status, await tried.clone().text()).toBe(200);
      expect((await tried.json()).rows).toBe(1);
      expect(await store.tableChecksums()).toEqual(before);
    },
  );
});

describe("invites for a district that ended", () => {
  it("say when it ended and which year to ask for", async () => {
    const today = await call(app, "POST", "/admin/invites", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, role: "chair" },
    });
    expect(today.status).toBe(404);
    expect((await today.json()).error).toBe(
      `Không có huyện hoặc tỉnh mã ${KINH_MON_CODE} hiện hành. Thị xã Kinh Môn chỉ tồn tại tới ngày 30/06/2025: ` +
        'thêm "year": 2025 (hoặc năm trước đó) để tạo mã cho các đơn vị của nó khi đó.',
    );
  });
});

describe("delegation: tokens issued through the API", () => {
  it("a province officer issues a district's token, which acts on that district only, then revokes it", async () => {
    const created = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: "297", role: "district", label: "Phòng Nội vụ Gia Lộc", expires: "2026-06-30" },
    });
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    const { token, secret } = createdBody;
    expect(token).toMatchObject({
      role: "district",
      unit: { code: "297" },
      label: "Phòng Nội vụ Gia Lộc",
      expiresAt: "2026-06-30T16:59:59.999Z",
      revokedAt: null,
      state: "active",
    });
    expect(JSON.stringify(createdBody)).not.toContain((await hashSecret(secret)).slice(0, 16));
    const me = await (await call(app, "GET", "/admin/me", secret)).json();
    expect(me).toMatchObject({ token: token.id, role: "district" });
    expect(me.scope).toContain("(297)");
    expect((await call(app, "GET", `/admin/units/${KINH_MON_CODE}/chats`, secret)).status).toBe(403);
    const listed = await (await call(app, "GET", "/admin/tokens", secrets.province)).json();
    expect(listed.tokens.map((t: { id: number }) => t.id)).toContain(token.id);
    expect(JSON.stringify(listed)).not.toMatch(/secret|hash/i);

    const [audit] = await store.audit.list({ entity: "admin_token", entityId: String(token.id) });
    expect(audit).toMatchObject({ actor: `admin-token:${ids.province}`, action: "admin-token.create" });

    const revoked = await call(app, "POST", `/admin/tokens/${token.id}/revoke`, secrets.province);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token.state).toBe("revoked");
    expect((await call(app, "GET", "/admin/me", secret)).status).toBe(401);
  });

  it("revoking a token revokes every token issued from it, down the chain, each audited", async () => {
    const issue = async (issuer: string, unit: string) => {
      const response = await call(app, "POST", "/admin/tokens", issuer, { json: { unit, role: "district" } });
      expect(response.status).toBe(201);
      return (await response.json()) as { token: { id: number; issuedBy: number | null }; secret: string };
    };
    const district = await issue(secrets.province, KINH_MON_CODE);
    expect(district.token.issuedBy).toBe(ids.province);
    const clerk = await issue(district.secret, KINH_MON_CODE);
    const clerksClerk = await issue(clerk.secret, KINH_MON_CODE);
    expect(clerksClerk.token.issuedBy).toBe(clerk.token.id);

    const revoked = await call(app, "POST", `/admin/tokens/${district.token.id}/revoke`, secrets.province);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).alsoRevoked).toEqual([clerk.token.id, clerksClerk.token.id]);
    for (const held of [district, clerk, clerksClerk]) {
      const me = await call(app, "GET", "/admin/me", held.secret);
      expect(me.status).toBe(401);
      expect((await me.json()).error).toContain("đã bị thu hồi");
    }
    const [cascaded] = await store.audit.list({
      entity: "admin_token",
      entityId: String(clerksClerk.token.id),
    });
    expect(cascaded).toMatchObject({ action: "admin-token.revoke", actor: `admin-token:${ids.province}` });
    expect(cascaded?.details.cause).toBe(`mã cấp nó (số ${district.token.id}) bị thu hồi`);
  });

  it("revokes a chain however long, and refuses a token whose issuer was revoked however it escaped", async () => {
    let holder = secrets.province;
    const chain: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await call(app, "POST", "/admin/tokens", holder, {
        json: { unit: KINH_MON_CODE, role: "district" },
      });
      expect(response.status).toBe(201);
      const made = (await response.json()) as { token: { id: number }; secret: string };
      chain.push(made.token.id);
      holder = made.secret;
    }
    const revoked = await call(app, "POST", `/admin/tokens/${chain[0]}/revoke`, secrets.province);
    expect((await revoked.json()).alsoRevoked).toEqual(chain.slice(1));
    expect((await call(app, "GET", "/admin/me", holder)).status).toBe(401);

    // An issuer revoked while a request was issuing from it: the store refuses in the insert itself.
    const issuer = await store.admin.token(chain[0]!);
    const late = await store.admin.createToken(
      {
        secretHash: await hashSecret(newSecret()),
        role: "district",
        unitId: issuer!.unitId,
        label: null,
        expiresAt: null,
        issuedBy: chain[0]!,
      },
      ctx,
      { maxActiveIssued: 100 },
    );
    expect(late).toBeNull();

    // A token that escaped its issuer's revocation (as one issued by a build before migration 0014 would
    // have) is refused at the door, naming the issuer.
    const parent = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "district" },
    });
    const parentMade = (await parent.json()) as { token: { id: number }; secret: string };
    const child = await call(app, "POST", "/admin/tokens", parentMade.secret, {
      json: { unit: KINH_MON_CODE, role: "district" },
    });
    const childMade = (await child.json()) as { token: { id: number }; secret: string };
    await db.client.execute({
      sql: "UPDATE admin_tokens SET revoked_at = ? WHERE id = ?",
      args: [NOW.toISOString(), parentMade.token.id],
    });
    const refused = await call(app, "GET", "/admin/me", childMade.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toContain(`do mã số ${parentMade.token.id} cấp`);
    // Revoking the already revoked parent ends what is left under it, and says so.
    const again = await call(app, "POST", `/admin/tokens/${parentMade.token.id}/revoke`, secrets.province);
    expect(again.status).toBe(200);
    expect((await again.json()).alsoRevoked).toEqual([childMade.token.id]);
    expect(
      (await call(app, "POST", `/admin/tokens/${parentMade.token.id}/revoke`, secrets.province)).status,
    ).toBe(409);
  });

  it("revokes only its own, what it issued, and what lies below it: a peer's token is not the clerk's to end", async () => {
    const issued = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "district", label: "văn thư" },
    });
    const clerk = (await issued.json()) as { token: { id: number }; secret: string };
    // The clerk cannot end the district's other token, nor may the district's token end the clerk's.
    const peer = await call(app, "POST", `/admin/tokens/${ids.kinhMon}/revoke`, clerk.secret);
    expect(peer.status).toBe(403);
    expect((await peer.json()).error).toContain("không do mã của bạn cấp");
    expect((await call(app, "POST", `/admin/tokens/${clerk.token.id}/revoke`, secrets.kinhMon)).status).toBe(
      403,
    );
    // Another district learns nothing of a token outside it: the same 404 as for no token at all.
    const outside = await call(app, "POST", `/admin/tokens/${ids.province}/revoke`, secrets.giaLoc);
    const none = await call(app, "POST", "/admin/tokens/999999/revoke", secrets.giaLoc);
    expect([outside.status, none.status]).toEqual([404, 404]);
    expect((await outside.json()).error).toBe(`Không có mã truy cập số ${ids.province}.`);
    // The holder may end their own token.
    expect((await call(app, "POST", `/admin/tokens/${clerk.token.id}/revoke`, clerk.secret)).status).toBe(
      200,
    );
    expect((await call(app, "GET", "/admin/me", secrets.kinhMon)).status).toBe(200);
  });

  it("refuses a day that does not exist and a body over 16 KiB before reading it", async () => {
    const april31 = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "district", expires: "2026-04-31" },
    });
    expect(april31.status).toBe(400);
    expect((await april31.json()).fields).toEqual([{ field: "expires", message: "không phải ngày có thật" }]);
    const huge = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "district", label: "x".repeat(5 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
  });

  it("a district officer cannot issue a token for another district or its province, nor revoke one", async () => {
    const other = await call(app, "POST", "/admin/tokens", secrets.kinhMon, {
      json: { unit: "297", role: "district" },
    });
    expect(other.status).toBe(403);
    const province = await call(app, "POST", "/admin/tokens", secrets.kinhMon, {
      json: { unit: "30", role: "province" },
    });
    expect(province.status).toBe(403);
    const theirs = await call(app, "POST", `/admin/tokens/${ids.giaLoc}/revoke`, secrets.kinhMon);
    expect(theirs.status).toBe(404);
    expect((await call(app, "GET", "/admin/me", secrets.giaLoc)).status).toBe(200);
  });

  it("a token cannot outlive its issuer, and takes the issuer's expiry by default", async () => {
    const longer = await call(app, "POST", "/admin/tokens", secrets.kinhMon, {
      json: { unit: KINH_MON_CODE, role: "district", expires: "2027-01-01" },
    });
    expect(longer.status).toBe(400);
    expect((await longer.json()).fields).toEqual([
      { field: "expires", message: expect.stringContaining("không được sau hạn của mã bạn đang dùng") },
    ]);
    const same = await call(app, "POST", "/admin/tokens", secrets.kinhMon, {
      json: { unit: KINH_MON_CODE, role: "district" },
    });
    expect(same.status).toBe(201);
    expect((await same.json()).token.expiresAt).toBe("2026-12-31T16:59:59.999Z");
  });

  it("refuses a role that is not the unit's level, a past date and unknown fields, naming each", async () => {
    const wrongLevel = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "province" },
    });
    expect(wrongLevel.status).toBe(400);
    expect((await wrongLevel.json()).fields).toEqual([
      { field: "role", message: `Thị xã Kinh Môn (${KINH_MON_CODE}) là đơn vị cấp huyện: dùng "district"` },
    ]);
    const unknown = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: "999", role: "district" },
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("Không có đơn vị cấp huyện mã 999.");
    const past = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: KINH_MON_CODE, role: "district", expires: "2026-01-01" },
    });
    expect(past.status).toBe(400);
    expect((await past.json()).fields).toEqual([{ field: "expires", message: "ngày này đã qua" }]);
    const bad = await call(app, "POST", "/admin/tokens", secrets.province, {
      json: { unit: "", role: "chair", admin: true },
    });
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["unit", "role", "(thân yêu cầu)"]));
  });
});

describe("notices and TTHC across the subtree", () => {
  it("lists the district's notices and the wider ones that reached its chats, counted within it", async () => {
    const mine = await (await call(app, "GET", "/admin/notices", secrets.kinhMon)).json();
    expect(mine.notices.map((n: { key: string }) => n.key).sort()).toEqual(["t:kinh-mon", "t:nation"]);
    expect(mine.notices[0].counts).toEqual({ pending: 1 });
    expect(mine.notices.find((n: { key: string }) => n.key === "t:kinh-mon").scopeUnitCode).toBe(
      KINH_MON_CODE,
    );
    const all = await (await call(app, "GET", "/admin/notices?limit=1", ADMIN_TOKEN)).json();
    expect(all.notices).toHaveLength(1);
    const none = await (await call(app, "GET", "/admin/notices?to=2020-01-01", secrets.kinhMon)).json();
    expect(none.notices).toEqual([]);

    // A wider notice sent to a chat of each district: each officer counts only their own chat's delivery.
    const [giaLocCommune] = await store.units.findByCode("297", yearWindow(2021), "district");
    const other = await store.chats.touch(
      { platform: "zalo", chatId: "zalo-gia-loc", type: "private", title: "Gia Lộc" },
      ctx,
    );
    await store.subscriptions.set(other.id, giaLocCommune!.id, "officer", ctx);
    const [anLuuChat] = await store.admin.chatsInSubtree(
      (await store.units.findByCode(KINH_MON_CODE, yearWindow(2021), "district"))[0]!.id,
    );
    const body = { lines: [[{ text: "Thông báo", style: "plain" }]], choices: [] };
    await store.outbox.enqueue(
      {
        key: "t:nation-2",
        job: "t",
        title: "Thử 2",
        scopeUnitId: null,
        parentKey: null,
        summarize: false,
        runAt: NOW,
        trigger: "t",
      },
      [
        {
          chatRef: anLuuChat!.chatRef,
          platform: "telegram",
          subjectUnitId: null,
          optOutKey: null,
          body,
          state: "pending",
          notBefore: NOW,
        },
        {
          chatRef: other.id,
          platform: "zalo",
          subjectUnitId: null,
          optOutKey: null,
          body,
          state: "held",
          notBefore: NOW,
        },
      ],
      ctx,
    );
    const counted = async (secret: string) =>
      (
        (await (await call(app, "GET", "/admin/notices", secret)).json()).notices as {
          key: string;
          counts: unknown;
        }[]
      ).find((n) => n.key === "t:nation-2")?.counts;
    expect(await counted(secrets.kinhMon)).toEqual({ pending: 1 });
    expect(await counted(secrets.giaLoc)).toEqual({ held: 1 });
    expect(await counted(ADMIN_TOKEN)).toEqual({ pending: 1, held: 1 });
  });

  it("a province officer reads the TTHC periods of its communes, two levels down", async () => {
    const rows = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10681,2024-04-01,2024-06-30,20,2,15,3,0,0,3",
    ].join("\n");
    expect((await call(app, "POST", "/admin/imports/tthc", secrets.kinhMon, { csv: rows })).status).toBe(200);
    const body = await (await call(app, "GET", "/admin/units/30/tthc", secrets.province)).json();
    const commune = body.units.find((u: { unit: { code: string } }) => u.unit.code === "10681");
    expect(commune.periods).toEqual([
      expect.objectContaining({
        periodStart: "2024-04-01",
        periodEnd: "2024-06-30",
        received: 20,
        resolvedLate: 3,
      }),
    ]);
    const other = await call(app, "GET", "/admin/units/30/tthc", secrets.giaLoc);
    expect(other.status).toBe(403);
  });
});

describe("delivery reports", () => {
  it("list each delivery within the scope by state, without the chat's platform id or the message", async () => {
    const body = await (await call(app, "GET", "/admin/notices/t:nation", secrets.kinhMon)).json();
    expect(body.counts).toEqual({ pending: 1 });
    expect(body.deliveries).toEqual([
      expect.objectContaining({ platform: "telegram", chatTitle: "UBND phường An Lưu", state: "pending" }),
    ]);
    expect(JSON.stringify(body)).not.toContain("-100777");
    expect(JSON.stringify(body)).not.toContain("Kết quả");
    expect((await call(app, "GET", "/admin/notices/nope", secrets.kinhMon)).status).toBe(404);
  });
});

describe("invites and uploads", () => {
  it("makes invite codes for every unit of the scope, audited, and refuses another district's", async () => {
    const response = await call(app, "POST", "/admin/invites", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, role: "officer", year: 2021, per_unit: 2, days: 3 },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.invites).toHaveLength(kinhMon2021.units.length * 2);
    expect(body.expiresAt).toBe(new Date(NOW.getTime() + 3 * 86_400_000).toISOString());
    const first = await store.invites.get(body.invites[0].code);
    expect(first).toMatchObject({ role: "officer" });
    const [entry] = await store.audit.list({ entity: "invite_codes", limit: 1 });
    expect(entry).toMatchObject({ action: "admin.invites", actor: `admin-token:${ids.kinhMon}` });
    const bad = await call(app, "POST", "/admin/invites", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, role: "boss", per_unit: 50 },
    });
    expect(bad.status).toBe(400);
    const { fields } = await bad.json();
    expect(fields.map((f: { field: string }) => f.field).sort()).toEqual(["per_unit", "role"]);
  });

  it("takes a multipart upload, its format from the file name", async () => {
    const form = new FormData();
    const rows = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10675,2024-04-01,2024-06-30,10,1,8,1,0,0,1",
    ].join("\n");
    form.set("file", new File([rows], "quy-2.csv", { type: "text/csv" }));
    const response = await app.request("/admin/imports/tthc?dry_run=1", {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.kinhMon}` },
      body: form,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ file: "quy-2.csv", rows: 1, dryRun: true });
    const empty = await app.request("/admin/imports/tthc", {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.kinhMon}` },
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toContain('trường "file"');
  });
});

describe("reads", () => {
  it("TTHC figures of the unit and its units, and a week's schedule; a bad week is a 400 naming it", async () => {
    const rows = [
      "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,apologies_sent",
      "10675,2023-01-01,2023-03-31,12,,9,3,0,0,",
    ].join("\n");
    expect((await call(app, "POST", "/admin/imports/tthc", secrets.kinhMon, { csv: rows })).status).toBe(200);
    const body = await (await call(app, "GET", "/admin/units/292/tthc?limit=5", secrets.province)).json();
    const anLuu = body.units.find((u: { unit: { code: string } }) => u.unit.code === "10675");
    expect(anLuu.periods).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          periodStart: "2023-01-01",
          resolvedOnTime: 9,
          resolvedLate: 3,
          resolvedEarly: null,
        }),
      ]),
    );
    const week = await call(app, "GET", "/admin/units/292/schedule?week=2021-W99", secrets.kinhMon);
    expect(week.status).toBe(400);
    expect((await week.json()).error).toContain('trường "week"');
    const missing = await call(app, "GET", "/admin/units/292/schedule", secrets.kinhMon);
    expect((await missing.json()).fields).toEqual([expect.objectContaining({ field: "week" })]);
  });
});

describe("scoring preview", () => {
  it("scores a CSV sheet like `score`, writing nothing, and refuses a bad one row by row", async () => {
    const sheet = await readFile("test/fixtures/phu-yen-districts-2022.csv", "utf8");
    const before = await store.tableChecksums();
    const response = await call(
      app,
      "POST",
      "/admin/score?methodology=phuyen-district-2022&year=2022",
      secrets.kinhMon,
      {
        csv: sheet,
      },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const result = await response.json();
    const songCau = result.units.find((u: { unit: string }) => u.unit === "Sông Cầu");
    expect(songCau).toMatchObject({ rank: 3, pct: 73.34 });
    expect(await store.tableChecksums()).toEqual(before);
    const bad = await call(app, "POST", "/admin/score?methodology=phuyen-district-2022", secrets.kinhMon, {
      csv: "unit,criterion_code,score\nTuy Hòa,F1,abc",
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).problems[0]).toMatchObject({
      line: 2,
      code: "BAD_SHEET",
      message: expect.stringMatching(/^Dòng 2/),
    });
    for (const token of [null, "wrong", secrets.expired, secrets.revoked]) {
      expect(
        (await call(app, "POST", "/admin/score?methodology=phuyen-district-2022", token, { csv: sheet }))
          .status,
      ).toBe(401);
    }
    const noMethodology = await call(app, "POST", "/admin/score", secrets.kinhMon, { csv: sheet });
    expect((await noMethodology.json()).fields).toEqual([expect.objectContaining({ field: "methodology" })]);
  });
});

describe("the public parts", () => {
  it("serves the OpenAPI document built from the zod schemas and the CSV templates", async () => {
    const doc = await (await app.request("/admin/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "/admin" }]);
    const publish = doc.paths["/publish"].post.requestBody.content["application/json"].schema;
    expect(publish.required).toEqual(expect.arrayContaining(["scope", "year"]));
    expect(publish.properties.dry_run.description).toContain("xem trước");
    expect(publish.properties.published_on.pattern).toBe("^\\d{4}-\\d{2}-\\d{2}$");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/imports/{kind}",
        "/unpublish",
        "/invites",
        "/notices/{key}",
        "/audit",
        "/units/{code}/chats",
      ]),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const template = await app.request("/admin/templates/tthc.csv");
    expect(template.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toMatch(/^unit_code,period_start,period_end,/);
    expect((await app.request("/admin/templates/nope.csv")).status).toBe(404);
  });
});

describe("publishing through the API tells the linked chats", () => {
  it("queues the result announcement once, as the actor who published, and never on a dry run", async () => {
    const jobs: JobDeps = {
      store,
      resolver: async () => createResolver(await store.units.listResolvable()),
      office: DEFAULT_OFFICE_HOURS,
    };
    const calls: string[] = [];
    const announcing = adminApp(store, {
      failureLimit: 20,
      // As src/admin/for-service.ts wires it.
      async announce(scopeCode, year, actor) {
        calls.push(`${scopeCode} ${year} ${actor}`);
        await runJob(
          jobs,
          resultAnnouncementJob,
          { at: NOW, scopeCode, year, trigger: "publish" },
          { actor },
        );
      },
    });
    const preview = await call(announcing, "POST", "/admin/publish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04", dry_run: true },
    });
    expect(preview.status).toBe(200);
    expect(calls).toEqual([]);
    const published = await call(announcing, "POST", "/admin/publish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04" },
    });
    expect(published.status).toBe(200);
    expect(calls).toEqual([`${KINH_MON_CODE} 2021 admin-token:${ids.kinhMon}`]);
    const [scope] = await store.units.findByCode(
      KINH_MON_CODE,
      { from: "2021-01-01", to: "2021-12-31" },
      "district",
    );
    const deliveries = await store.outbox.deliveries(announcementKey(scope!.id, 2021));
    // The one chat linked in Kinh Môn (An Lưu's chair) gets its card, once.
    expect(deliveries).toHaveLength(1);
    // Announced: it can no longer be withdrawn, as the CLI's publication.
    const withdraw = await call(announcing, "POST", "/admin/unpublish", secrets.kinhMon, {
      json: { scope: KINH_MON_CODE, year: 2021, confirm: `${KINH_MON_CODE}-2021` },
    });
    expect(withdraw.status).toBe(409);
  });
});

describe("repeated failures", () => {
  it("slow down the client that makes them, whatever token it tries next", async () => {
    const limited = build(3);
    for (let i = 0; i < 3; i++) expect((await call(limited, "GET", "/admin/me", "wrong")).status).toBe(401);
    expect((await call(limited, "GET", "/admin/me", "wrong")).status).toBe(429);
    const valid = await call(limited, "GET", "/admin/me", secrets.kinhMon);
    expect(valid.status).toBe(429);
    expect((await valid.json()).error).toContain("Quá nhiều lần gửi mã truy cập sai");
  });

  it("do not count an officer's 403s: a clerk retrying a file outside the district is not locked out", async () => {
    const limited = build(3);
    for (let i = 0; i < 6; i++) {
      const outside = await call(limited, "POST", "/admin/publish", secrets.kinhMon, {
        json: { scope: "30", year: 2021, dry_run: true },
      });
      expect(outside.status).toBe(403);
    }
    expect((await call(limited, "GET", "/admin/me", secrets.kinhMon)).status).toBe(200);
  });

  it("let a client with a valid token through as often as it asks", async () => {
    const limited = build(3);
    for (let i = 0; i < 6; i++) {
      const response = await call(limited, "GET", "/admin/me", secrets.kinhMon);
      expect(await response.json()).toEqual({
        token: ids.kinhMon,
        role: "district",
        scope: "Thị xã Kinh Môn (292)",
        expiresAt: "2026-12-31T16:59:59.999Z",
        expires: "31/12/2026 23:59",
      });
    }
  });
});

describe("posting a schedule through the API", () => {
  it("follows the week's announced schedule with one update to the chats that had it, as `import schedule`", async () => {
    const monday = new Date("2024-03-04T00:00:00Z"); // 07:00 in Vietnam, week 10
    let clock = new Date("2024-03-03T03:00:00Z");
    let resolver: Resolver | null = null;
    const jobs: JobDeps = {
      store,
      // Built once and kept, as the service's own resolver is.
      resolver: async () => {
        resolver ??= createResolver(await store.units.listResolvable());
        return resolver;
      },
      office: DEFAULT_OFFICE_HOURS,
    };
    let wakes = 0;
    // As src/admin/for-service.ts wires it.
    const posting = adminApp(store, { failureLimit: 20, now: () => clock, jobs, wake: () => (wakes += 1) });
    const header = "scope_code,date,start_time,end_time,title,location,participants,week";
    const first = [
      header,
      "292,2024-03-05,08:00,10:00,Giao ban CCHC,Phòng họp số 1,Chủ tịch UBND thị xã,2024-W10",
    ];
    // Posted before Monday's notice: the notice will carry it, nothing else goes out.
    expect(
      (await call(posting, "POST", "/admin/imports/schedule", secrets.kinhMon, { csv: first.join("\n") }))
        .status,
    ).toBe(200);
    expect(wakes).toBe(0);

    const [kinhMon] = await store.units.findByCode(KINH_MON_CODE, yearWindow(2024), "district");
    const chat = await store.chats.touch(
      { platform: "telegram", chatId: "-100888", type: "group", title: "Văn phòng Kinh Môn" },
      ctx,
    );
    await store.subscriptions.set(chat.id, kinhMon!.id, "officer", ctx);
    await runJob(jobs, jobNamed("work-schedule"), {
      at: monday,
      scopeCode: null,
      year: null,
      trigger: "cron",
    });
    const weekly = (await store.outbox.deliveries("work-schedule:2024-W10")).find(
      (d) => d.chatRef === chat.id,
    );
    expect(weekly).toBeDefined();
    expect(await store.outbox.claim(weekly!.id, monday)).not.toBeNull();
    await store.outbox.settle(
      weekly!.id,
      { state: "sent", partsSent: 1, messageIds: ["1"], sentAt: monday },
      monday,
    );

    clock = new Date("2024-03-06T02:00:00Z"); // Wednesday
    const changed = [
      ...first,
      "292,2024-03-07,14:00,16:00,Họp bất thường về hồ sơ trễ hạn,UBND thị xã,Chủ tịch UBND thị xã,2024-W10",
    ];
    const updates = async () =>
      (await store.outbox.notices({ parentKey: "work-schedule:2024-W10" })).filter((n) =>
        n.key.includes(":update:"),
      );
    const dry = await call(posting, "POST", "/admin/imports/schedule?dry_run=1", secrets.kinhMon, {
      csv: changed.join("\n"),
    });
    expect(dry.status).toBe(200);
    expect(await updates()).toEqual([]);
    expect(wakes).toBe(0);
    const posted = await call(posting, "POST", "/admin/imports/schedule", secrets.kinhMon, {
      csv: changed.join("\n"),
    });
    expect(posted.status).toBe(200);
    const [update] = await updates();
    expect(update?.title).toContain("Cập nhật lịch làm việc tuần 10");
    const sent = await store.outbox.deliveries(update!.key);
    expect(sent.map((d) => d.chatRef)).toEqual([chat.id]);
    // What the sender would send: the added meeting.
    const claimed = await store.outbox.claim(sent[0]!.id, clock);
    expect(JSON.stringify(claimed?.body)).toContain("Họp bất thường về hồ sơ trễ hạn");
    expect(wakes).toBe(1);
    // The week's audit row shows the items before → after, under Kinh Môn.
    const audit = await (await call(posting, "GET", "/admin/audit", secrets.kinhMon)).json();
    const replaced = audit.entries.find((e: { action: string }) => e.action === "schedule.replace-week");
    expect(replaced.details.before).toHaveLength(1);
    expect(replaced.details.after).toHaveLength(2);
  });
});
