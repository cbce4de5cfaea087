/**
 * The playground is a channel: in headless Chromium a newcomer links the page's conversation with
 * an invite made by the CLI (`invite create`), an officer runs `job run work-schedule --at …` in
 * another process, and the week's schedule appears in the page. The service is what `npm start`
 * builds (createDeps over a file database with the demo data, its sender running).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Client } from "@libsql/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { bootstrapEmbedded } from "../../src/bootstrap.ts";
import { parseConfig } from "../../src/config.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { createDeps, type Deps } from "../../src/deps.ts";
import { silentLog } from "../../src/log.ts";
import { launchChromium } from "../support/browser.ts";
import { type ServedApp, serveOnLoopback } from "../support/serve.ts";

const run = promisify(execFile);

let dir: string;
let url: string;
let client: Client;
let deps: Deps;
let served: ServedApp;
let browser: Browser;
let page: Page;

function cli(...argv: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv, "--url", url], {
    env: { ...process.env, TELEGRAM_BOT_TOKEN: "", ZALO_BOT_TOKEN: "" },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-playground-notices-"));
  url = `file:${join(dir, "cchc.db")}`;
  client = openEmbedded(url);
  await client.execute("PRAGMA journal_mode = WAL");
  await bootstrapEmbedded(client, { now: new Date() });
  deps = createDeps(parseConfig({ LIBSQL_URL: url }), client, { log: silentLog });
  deps.sender.start();
  served = await serveOnLoopback(createApp(deps));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto(`${served.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await deps?.sender.stop();
  client?.close();
  await rm(dir, { recursive: true, force: true });
});

const lastBotBubble = () => page.locator(".msg.bot .bubble").last();

describe("the playground as a channel", () => {
  it("links with an invite, then shows the Monday schedule notice a job run sends", async () => {
    const invite = await cli(
      "invite",
      "create",
      "--unit",
      "292",
      "--role",
      "chair",
      "--year",
      "2024",
      "--json",
    );
    const { code } = JSON.parse(invite.stdout) as { code: string };

    await page.fill("#text", `/dangky ${code}`);
    await page.press("#text", "Enter");
    await expect.poll(() => lastBotBubble().textContent()).toContain("Đã liên kết cuộc trò chuyện này với");
    expect(await lastBotBubble().textContent()).toContain("Thị xã Kinh Môn");

    const job = await cli("job", "run", "work-schedule", "--at", "2024-03-18T07:00+07:00", "--wait", "60");
    expect(job.stdout).toContain("Lịch làm việc tuần 12 (18/03–24/03/2024) (work-schedule:2024-W12)");
    expect(job.stdout).toContain("Kết quả gửi: đã gửi 1/1.");

    const notice = page.locator(".msg.notice");
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    expect(await notice.locator(".label").textContent()).toMatch(/^Thông báo · /);
    const text = (await notice.locator(".bubble").textContent()) ?? "";
    expect(text).toContain("Lịch làm việc tuần 12 (18/03–24/03/2024)");
    expect(text).toContain("Họp Ban Chỉ đạo cải cách hành chính thị xã");
    expect(await notice.locator(".bubble strong").first().textContent()).toBe(
      "Lịch làm việc tuần 12 (18/03–24/03/2024)",
    );

    // Shown once: the next polls bring nothing new.
    await page.waitForTimeout(3500);
    expect(await notice.count()).toBe(1);
  }, 60_000);

  it("turns the notice off with /caidat, so the next week's does not come", async () => {
    await page.fill("#text", "/caidat tắt lich");
    await page.press("#text", "Enter");
    await expect.poll(() => lastBotBubble().textContent()).toContain("Thông báo lịch làm việc đầu tuần: tắt");
    const job = await cli("job", "run", "work-schedule", "--at", "2024-03-11T07:00+07:00", "--wait", "30");
    expect(job.stdout).toContain("bỏ qua (đã tắt) 1");
    await page.waitForTimeout(3500);
    expect(await page.locator(".msg.notice").count()).toBe(1);
  }, 60_000);
});
