/**
 * The Worker's /admin (src/admin/for-service.ts, as src/edge/worker-app.ts mounts it) on Node over a real
 * store: a publication queues the result announcement through the job registry, as the actor who
 * published, and marks the request for the outbox drain after the response (the Worker's takeWake); a
 * preview does neither.
 */
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiFor } from "../../src/admin/for-service.ts";
import { announcementKey, type JobDeps } from "../../src/jobs/index.ts";
import { silentLog } from "../../src/log.ts";
import { DEFAULT_OFFICE_HOURS } from "../../src/push/delivery-window.ts";
import { createResolver } from "../../src/resolve/index.ts";
import type { Store } from "../../src/store/index.ts";
import { ADMIN_TOKEN, mountAdmin, NOW, seedAdminDemo } from "../admin/support.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import { KINH_MON_CODE, openKinhMon } from "../support/kinh-mon-units.ts";

const memory = backends.find((b) => b.name === "memory")!;

let db: TestDatabase;
let store: Store;
let app: Hono;
let wakes = 0;

beforeAll(async () => {
  ({ db, store } = await openKinhMon(memory));
  await seedAdminDemo(store);
  const jobs: JobDeps = {
    store,
    resolver: async () => createResolver(await store.units.listResolvable()),
    office: DEFAULT_OFFICE_HOURS,
  };
  app = mountAdmin(
    store,
    adminApiFor(
      { store, now: () => NOW, log: silentLog, jobs },
      { adminToken: ADMIN_TOKEN, trustProxy: false },
      () => {
        wakes += 1;
      },
    ),
  );
});
afterAll(async () => {
  await db.close();
});

const publish = (dryRun: boolean) =>
  app.request("/admin/publish", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ scope: KINH_MON_CODE, year: 2021, published_on: "2022-03-04", dry_run: dryRun }),
  });

describe("the Worker's admin API", () => {
  it("announces a publication through the job registry and asks for a drain; a preview does not", async () => {
    const [scope] = await store.units.findByCode(
      KINH_MON_CODE,
      { from: "2021-01-01", to: "2021-12-31" },
      "district",
    );
    expect((await publish(true)).status).toBe(200);
    expect(wakes).toBe(0);
    expect(await store.outbox.deliveries(announcementKey(scope!.id, 2021))).toEqual([]);

    expect((await publish(false)).status).toBe(200);
    expect(wakes).toBe(1);
    const deliveries = await store.outbox.deliveries(announcementKey(scope!.id, 2021));
    // An Lưu's chair, the one chat linked in Kinh Môn, gets the card once.
    expect(deliveries).toHaveLength(1);
    expect(await store.outbox.notice(announcementKey(scope!.id, 2021))).toMatchObject({
      job: "result-announcement",
    });
  });
});
