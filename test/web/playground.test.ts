/**
 * The playground in headless Chromium, as a chair on a phone would use it: the app served over
 * loopback HTTP with the real chat service over the demo data.
 */
import { mkdtemp, rm } from "node:fs/promises";
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
  await page.goto(`${served.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  harness?.close();
  await apis?.close();
  // Keep the screenshots for a look when asked to (CCHC_KEEP_SHOTS=1), else clean up.
  if (process.env.CCHC_KEEP_SHOTS) console.log(`screenshots in ${shots}`);
  else await rm(shots, { recursive: true, force: true });
});

const lastBotBubble = () => page.locator(".msg.bot .bubble").last();

describe("the playground page", () => {
  it("answers a typed /diem with the published score, marked as sample data", async () => {
    await page.fill("#text", "/diem Tan Hong 2022");
    await page.press("#text", "Enter");
    await expect.poll(() => lastBotBubble().textContent()).toContain("87,032");
    const reply = (await lastBotBubble().textContent()) ?? "";
    expect(reply).toContain("◇ số liệu minh họa");
    expect(await lastBotBubble().locator("strong").first().textContent()).toBe("Xã Tân Hồng");
    expect(await page.inputValue("#text")).toBe("");
    await page.screenshot({ path: join(shots, "diem.png") });
  });

  it("runs a choice when its button is tapped", async () => {
    await page.getByRole("button", { name: "Chi tiết từng lĩnh vực" }).last().click();
    await expect.poll(() => lastBotBubble().textContent()).toContain("Điểm từng lĩnh vực năm 2022");
    expect(await page.locator(".msg.me .bubble").last().textContent()).toBe("Chi tiết từng lĩnh vực");
    await page.screenshot({ path: join(shots, "tieuchi.png") });
  });

  it("runs an example when its chip is tapped", async () => {
    await page.locator(".chips button", { hasText: "/hang Gia Loc 2022" }).click();
    await expect.poll(() => lastBotBubble().textContent()).toContain("Xếp hạng Chỉ số CCHC năm 2022");
  });

  it("shows markup typed by the user as text, never as HTML", async () => {
    await page.fill("#text", '<img src=x onerror="document.title=1">');
    await page.click("#send");
    await expect.poll(() => page.locator(".msg.bot .bubble.typing").count()).toBe(0);
    expect(await page.locator(".log img").count()).toBe(0);
    expect(await page.locator(".msg.me .bubble").last().textContent()).toBe(
      '<img src=x onerror="document.title=1">',
    );
    expect(await page.title()).toBe("Thử bot Chỉ số CCHC");
  });

  it("fits a phone: no sideways scrolling, tap targets at least 40 px high", async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const selector of ["#send", "#text", ".chips button", ".choices button"]) {
      const box = await page.locator(selector).first().boundingBox();
      expect(box?.height, selector).toBeGreaterThanOrEqual(40);
    }
  });
});
