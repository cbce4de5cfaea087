/**
 * GET /metrics (Prometheus text, behind ADMIN_TOKEN) after real traffic: updates by platform and
 * outcome, reply latency, sends, job runs, the outbox's depth; and log lines that name their update.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JobDeps, jobNamed, runJob } from "../../src/jobs/index.ts";
import { DEFAULT_OFFICE_HOURS } from "../../src/push/delivery-window.ts";
import { createResolver } from "../../src/resolve/index.ts";
import {
  type ApiDoubles,
  type Harness,
  openDemoDatabase,
  postTelegram,
  startApiDoubles,
  startHarness,
  telegramText,
} from "../support/channel-harness.ts";

const ADMIN = "admin-token-for-metrics-0123456789";
let apis: ApiDoubles;
let harness: Harness;

beforeAll(async () => {
  apis = await startApiDoubles();
  harness = await startHarness({ apis, client: await openDemoDatabase(), adminToken: ADMIN });
}, 60_000);
afterAll(async () => {
  harness.close();
  await apis.close();
});

const scrape = (token?: string) =>
  harness.app.request("/metrics", token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("GET /metrics", () => {
  it("needs the admin token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("wrong-token-wrong-token")).status).toBe(401);
  });

  it("counts updates, reply latency, job runs and the outbox's depth", async () => {
    await postTelegram(harness.app, telegramText("/help", { chatId: 61_001, userId: 61_001 }));
    await postTelegram(harness.app, { not: "an update" });
    apis.telegram.setDown(true);
    await postTelegram(harness.app, telegramText("/help", { chatId: 61_002, userId: 61_002 }));
    apis.telegram.setDown(false);
    const deps: JobDeps = {
      store: harness.store,
      resolver: async () => createResolver(await harness.store.units.listResolvable()),
      office: DEFAULT_OFFICE_HOURS,
    };
    await runJob(deps, jobNamed("late-cases"), {
      at: new Date("2023-12-08T08:00:00Z"),
      scopeCode: null,
      year: null,
      trigger: "cli",
    });

    const response = await scrape(ADMIN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await response.text();
    expect(text).toMatch(/^cchc_updates_total\{outcome="handled",platform="telegram"\} [2-9]\d*$/m);
    expect(text).toMatch(/^cchc_updates_total\{outcome="rejected",platform="telegram"\} [1-9]\d*$/m);
    expect(text).toMatch(/^cchc_reply_seconds_count\{platform="telegram",result="delivered"\} [1-9]\d*$/m);
    expect(text).toMatch(/^cchc_reply_seconds_count\{platform="telegram",result="queued"\} 1$/m);
    expect(text).toMatch(/^cchc_job_runs_total\{job="late-cases",outcome="queued"\} 1$/m);
    expect(text).toMatch(/^cchc_outbox_deliveries\{platform="telegram",state="pending"\} 1$/m);
  });

  it("names the update in the log lines of its reply", async () => {
    apis.telegram.fail("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    const update = telegramText("/help", { chatId: 61_003, userId: 61_003 });
    await postTelegram(harness.app, update);
    const line = harness.logs.find(
      (l) => l.includes("telegram send refused") && l.includes(String(update.update_id)),
    );
    expect(JSON.parse(line!)).toMatchObject({ update: `telegram:${update.update_id}`, status: "failed" });
  });
});
