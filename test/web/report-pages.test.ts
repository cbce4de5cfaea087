/**
 * The report pages in headless Chromium on a 390×844 phone: a district's ranking (one bar per unit)
 * and a unit's card, the published figures in the text, no sideways scrolling. Screenshots go where
 * the playground test keeps its own (a temporary directory, kept with CCHC_KEEP_SHOTS=1).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  startApiDoubles,
  startHarness,
} from "../support/channel-harness.ts";
import { type ServedApp, serveOnLoopback } from "../support/serve.ts";

let apis: ApiDoubles;
let harness: Harness;
let served: ServedApp;
let browser: Browser;
let page: Page;
let shots: string;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase() });
  served = await serveOnLoopback(harness.app);
  shots = await mkdtemp(join(tmpdir(), "cchc-playground-"));
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  harness?.close();
  await apis?.close();
  if (process.env.CCHC_KEEP_SHOTS) console.log(`screenshots in ${shots}`);
  else await rm(shots, { recursive: true, force: true });
});

const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the report pages on a phone", () => {
  it("draws Bình Giang's 2022 ranking: one bar per ranked unit, the published figures in the text", async () => {
    const response = await page.goto(`${served.url}/bao-cao/296/2022`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe("Xếp hạng Chỉ số CCHC 2022 · Huyện Bình Giang");
    const rows = await page.locator("tbody tr[data-unit]").count();
    expect(rows).toBe(16);
    expect(await page.locator("svg.chart rect.bar").count()).toBe(rows);
    // Every bar is drawn (the CSP lets the nonce'd style in: the bars are filled, not black).
    const box = await page.locator("svg.chart rect.bar").first().boundingBox();
    expect(box?.width).toBeGreaterThan(50);
    expect(
      await page
        .locator("svg.chart rect.bar")
        .first()
        .evaluate((el) => getComputedStyle(el).fill),
    ).toBe("rgb(26, 115, 232)");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Tân Hồng");
    expect(text).toContain("87,032%");
    expect(text).toContain("◇ số liệu minh họa");
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(0);
    const shot = join(shots, "bao-cao-296-2022.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
  });

  it("opens a unit's card from the ranking: Tân Hồng's score and one bar per field", async () => {
    await page.locator('tr[data-unit="10972"] a').click();
    await page.waitForURL(/\/don-vi\/10972\/2022$/u);
    expect(await page.title()).toBe("Xã Tân Hồng · Chỉ số CCHC 2022");
    expect(await page.locator(".score").innerText()).toContain("87,032/100 điểm");
    expect(await page.locator("svg.field-bar").count()).toBe(7);
    expect(await page.locator("svg.field-bar line.avg").count()).toBe(7);
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(0);
    const shot = join(shots, "don-vi-10972-2022.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
  });
});
