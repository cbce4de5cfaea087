/**
 * The public report pages over the demo database (real libSQL, the app's own routes): the figures are
 * the published ones, sample figures are marked, a draft year reaches no page, unknown codes and years
 * are a Vietnamese 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asPublished } from "../../commands/hang.ts";
import { createResolver, type Resolver } from "../../src/resolve/index.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  startApiDoubles,
  startHarness,
} from "../support/channel-harness.ts";

let apis: ApiDoubles;
let harness: Harness;
let resolver: Resolver;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
  resolver = createResolver(await harness.store.units.listResolvable());
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});

const GIA_LOC = "297";
const BINH_GIANG = "296";

async function get(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await harness.app.request(path);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The unit a code named in a year, as the pages pick it. */
function unitOf(code: string, year: number) {
  const found = resolver.byCode(code, { year })[0];
  if (!found) throw new Error(`no unit ${code}`);
  return found.unit;
}

const meta = (html: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)"`, "u").exec(html)?.[1];

/** Every link to a report page of `year`. */
const linksTo = (html: string, year: number) =>
  html.match(new RegExp(`href="/(?:bao-cao|don-vi)/[^"/]+/${year}"`, "gu")) ?? [];

describe("GET /don-vi/<code>/<year>", () => {
  it("shows Xã Tân Hồng's published 2022 score: code 10972 in 2022 is Tân Hồng, not Đường An", async () => {
    const page = await get("/don-vi/10972/2022");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/u);
    expect(page.html).toMatch(/^<!DOCTYPE html>/u);
    expect(page.html).toContain("<h1>Xã Tân Hồng</h1>");
    expect(page.html).toContain("87,032/100 điểm (87,03%)");
    expect(page.html).toContain("<title>Xã Tân Hồng · Chỉ số CCHC 2022</title>");
    expect(meta(page.html, "og:title")).toBe("Xã Tân Hồng · Chỉ số CCHC 2022");
    expect(meta(page.html, "og:description")).toContain("87,032/100 điểm");
    // After the reform the code names Xã Đường An: linked as the successor, never shown as this unit.
    expect(page.html).toContain('href="/don-vi/10972/2025">Xã Đường An</a>');
    const published = await harness.store.published.forUnit(unitOf("10972", 2022).id, 2022);
    expect(published?.total).toBe(87.032);
    expect(page.html).toContain(`1/${published?.peerCount} xã, thị trấn huyện Bình Giang`);
  });

  it("marks sample field scores ◇ with the chat's legend, and draws one bar per field", async () => {
    const page = await get("/don-vi/11008/2022");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Xã Thống Nhất");
    expect(page.html).toMatch(/9,38\/12 \(78,2%\) ◇/u);
    expect(page.html).toContain("◇ số liệu minh họa, không phải số công bố");
    expect(page.html.match(/class="field-bar"/gu)?.length).toBe(7);
    // A judgement about the unit is not raised from sample fields: no computed cap is named.
    expect(page.html).not.toContain("dưới 70%");
  });

  it("shows a commune formed in 2025 with its predecessors' results, as theirs", async () => {
    const page = await get("/don-vi/10972/2025");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h1>Xã Đường An</h1>");
    expect(page.html).toContain("chưa có kết quả Chỉ số CCHC riêng");
    expect(page.html).toContain(
      '<a href="/don-vi/10972/2022">Xã Tân Hồng (cũ, một phần)</a>: 87,032/100 điểm',
    );
    expect(linksTo(page.html, 2023)).toEqual([]);
  });

  it("shows TTHC cases by period: Bắc An's published counts, the letters not published, sample periods marked", async () => {
    const page = await get("/don-vi/10558/2021");
    expect(page.status).toBe(200);
    const section = page.html.slice(page.html.indexOf('id="tthc"'));
    expect(section).toContain("Giải quyết thủ tục hành chính");
    // 01/01–02/12/2023 as the commune's portal printed it: 1.035 processed, 1 late, 99,9% on time.
    expect(section).toMatch(
      /01\/01\/2023–02\/12\/2023<\/td><td>1\.035<\/td><td>99,9%<\/td><td>1<\/td><td>chưa công bố<\/td>/u,
    );
    // The two earlier periods are generated: marked, and the legend says so.
    expect(section.match(/–02\/12\/202[12] ◇/gu)).toHaveLength(2);
    expect(page.html).toContain("◇ số liệu minh họa");
  });

  it("answers 404 in Vietnamese for an unknown code, a bad year, or a year never published", async () => {
    for (const path of ["/don-vi/99999999/2022", "/don-vi/10972/abcd", "/don-vi/10972/2019"]) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).toContain("Không tìm thấy trang");
      expect(page.headers.get("content-type"), path).toMatch(/^text\/html/u);
    }
  });
});

describe("GET /bao-cao/<code>/<year>", () => {
  it("lists every published result of Bình Giang 2022 with its published figure, one bar each", async () => {
    const page = await get(`/bao-cao/${BINH_GIANG}/2022`);
    expect(page.status).toBe(200);
    const entries = await harness.store.published.ranking(unitOf(BINH_GIANG, 2022).id, 2022);
    expect(entries).toHaveLength(16);
    expect(page.html.match(/<rect class="bar"/gu)?.length).toBe(entries.length);
    for (const entry of entries) {
      const code = resolver.byId(entry.unitId)!.unit.code;
      const row = new RegExp(`<tr data-unit="${code}">[\\s\\S]*?</tr>`, "u").exec(page.html)?.[0] ?? "";
      expect(row, code).toContain(asPublished(entry));
      expect(row, code).toContain(`href="/don-vi/${code}/2022"`);
    }
    expect(page.html).toContain("87,032%");
    // Tân Hồng's rank change is derived, its points change sample: each carries its own mark.
    const tanHong = /<tr data-unit="10972">[\s\S]*?<\/tr>/u.exec(page.html)?.[0] ?? "";
    expect(tanHong).toContain("87,032% △");
    expect(tanHong).toContain("-1,088 điểm ◇");
    expect(page.html).toContain("◇ số liệu minh họa, không phải số công bố");
    expect(meta(page.html, "og:title")).toBe("Xếp hạng Chỉ số CCHC 2022 · Huyện Bình Giang");
    expect(meta(page.html, "og:description")).toContain("Dẫn đầu: Tân Hồng 87,032%");
    // The group bands are drawn behind the bars.
    expect(page.html).toMatch(/<g class="band"><rect class="band\d"/u);
  });

  it("serves the pages under a strict Content-Security-Policy (secureHeaders) and caches nothing", async () => {
    const page = await get(`/bao-cao/${GIA_LOC}/2022`);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'; style-src 'nonce-/u);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const nonce = /style-src 'nonce-([^']+)'/u.exec(page.headers.get("content-security-policy")!)?.[1];
    expect(page.html).toContain(`<style nonce="${nonce}">`);
  });

  it("answers 404 for an unknown scope or a year without a published ranking", async () => {
    for (const path of ["/bao-cao/0000/2022", `/bao-cao/${BINH_GIANG}/2019`, `/bao-cao/${GIA_LOC}/20222`]) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).toContain("Không tìm thấy trang");
    }
  });
});

describe("the embargo: the demo's 2023 drafts (Gia Lộc, Bình Giang) appear on no page", () => {
  it("has drafts for 2023 to hide", async () => {
    const drafts = await harness.client.execute(
      "SELECT count(*) AS n FROM assessments WHERE year = 2023 AND status = 'draft'",
    );
    expect(Number(drafts.rows[0]?.n)).toBeGreaterThan(30);
  });

  it("answers 404 for the 2023 ranking and every 2023 unit page of Gia Lộc and Bình Giang", async () => {
    for (const scope of [GIA_LOC, BINH_GIANG]) {
      expect((await get(`/bao-cao/${scope}/2023`)).status, scope).toBe(404);
    }
    const communes = await harness.client.execute(
      "SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id WHERE a.year = 2023 AND a.status = 'draft'",
    );
    expect(communes.rows.length).toBeGreaterThan(30);
    for (const row of communes.rows) {
      const page = await get(`/don-vi/${encodeURIComponent(String(row.code))}/2023`);
      expect(page.status, String(row.code)).toBe(404);
      expect(page.html).not.toContain("2023 đã công bố cho mã đơn vị 0");
    }
  });

  it("lists 2023 on no ranking or unit page of them", async () => {
    const paths = [`/bao-cao/${GIA_LOC}/2022`, `/bao-cao/${GIA_LOC}/2021`, `/bao-cao/${BINH_GIANG}/2022`];
    const ranking = await get(paths[0]!);
    const units = [...ranking.html.matchAll(/href="(\/don-vi\/[^"]+\/2022)"/gu)].map((m) => m[1]!);
    expect(units).toHaveLength(18);
    paths.push(...units, "/don-vi/10972/2022", "/don-vi/10972/2025");
    for (const path of paths) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(linksTo(page.html, 2023), path).toEqual([]);
      const years = /<nav class="years"[\s\S]*?<\/nav>/u.exec(page.html)?.[0] ?? "";
      expect(years, path).not.toContain("2023");
    }
  });
});
