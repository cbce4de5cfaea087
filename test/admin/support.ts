/**
 * The admin API on the demo database of test/admin/api.test.ts (Hải Dương, Kinh Môn and its communes with
 * the 2021 scores, Gia Lộc, Hải Phòng), served by the app as the Node entry mounts it: one linked chat,
 * a notice of Kinh Môn and one of the nation with a delivery to that chat, and a Gia Lộc token.
 */
import type { Hono } from "hono";
import { type AdminDeps, adminApi } from "../../src/admin/api.ts";
import { hashSecret, newSecret } from "../../src/admin/secret.ts";
import { createApp } from "../../src/app.ts";
import type { ChatService } from "../../src/chat/service.ts";
import { kinhMon2021 } from "../../src/demo/fixtures/index.ts";
import { runImport, textInput } from "../../src/imports/index.ts";
import { createLog } from "../../src/log.ts";
import type { AdminRole, Store } from "../../src/store/index.ts";
import { backends, type TestDatabase } from "../support/databases.ts";
import {
  ASSESSMENT_HEADER,
  ctx,
  KINH_MON_CODE,
  kinhMonRows,
  openKinhMon,
} from "../support/kinh-mon-units.ts";

export const ADMIN_TOKEN = "bootstrap-admin-token-0123456789";
export const NOW = new Date("2026-03-01T03:00:00Z");
export const SCORES = [ASSESSMENT_HEADER, ...kinhMon2021.units.flatMap((u) => kinhMonRows(u.unitName))].join(
  "\n",
);
export const TTHC_HEADER =
  "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late," +
  "pending_in_time,pending_overdue,apologies_sent";

export interface AdminFixture {
  db: TestDatabase;
  store: Store;
  app: Hono;
  /** A token of Huyện Gia Lộc (297): Kinh Môn's units are outside it. */
  giaLocToken: string;
}

/** A body as JSON, CSV, a multipart form, or raw bytes under a content type of one's own. */
export type Body = { json: unknown } | { csv: string } | { form: FormData } | { raw: string; type: string };

export function call(
  app: Hono,
  method: string,
  path: string,
  token: string | null,
  body?: Body,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body === undefined) payload = undefined;
  else if ("json" in body) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body.json);
  } else if ("csv" in body) {
    headers["content-type"] = "text/csv";
    payload = body.csv;
  } else if ("form" in body) {
    payload = body.form;
  } else {
    headers["content-type"] = body.type;
    payload = body.raw;
  }
  return Promise.resolve(
    app.request(path, { method, headers, ...(payload === undefined ? {} : { body: payload }) }),
  );
}

/** A token stored as `token create` or the API would store it; its secret and id. */
export async function issueToken(
  store: Store,
  code: string,
  role: AdminRole,
  options: { label?: string; expiresAt?: string | null; issuedBy?: number | null } = {},
): Promise<{ secret: string; id: number }> {
  const [unit] = await store.units.findByCode(code, { from: "0001-01-01", to: "9999-12-31" }, role);
  const secret = newSecret();
  const id = await store.admin.createToken(
    {
      secretHash: await hashSecret(secret),
      role,
      unitId: unit!.id,
      label: options.label ?? code,
      expiresAt: options.expiresAt ?? null,
      issuedBy: options.issuedBy ?? null,
    },
    ctx,
  );
  if (id === null) throw new Error(`token for ${code} not issued`);
  return { secret, id };
}

/**
 * The demo data of the admin tests on a Kinh Môn database: the 2021 scores, the An Lưu chair's chat, and
 * a notice of Kinh Môn and one of the nation, each with a pending delivery to that chat.
 */
export async function seedAdminDemo(store: Store): Promise<void> {
  await runImport(
    store,
    { kind: "assessments", input: textInput("kinh-mon.csv", SCORES), methodology: "haiduong-commune-2021" },
    ctx,
  );
  const [commune] = await store.units.findByCode("10675", { from: "2021-01-01", to: "2021-12-31" });
  const chat = await store.chats.touch(
    { platform: "telegram", chatId: "-100777", type: "group", title: "UBND phường An Lưu" },
    ctx,
  );
  await store.subscriptions.set(chat.id, commune!.id, "chair", ctx);
  const [kinhMon] = await store.units.findByCode(KINH_MON_CODE, { from: "2021-01-01", to: "2021-12-31" });
  for (const [key, scopeUnitId] of [
    ["t:kinh-mon", kinhMon!.id],
    ["t:nation", null],
  ] as const) {
    await store.outbox.enqueue(
      {
        key,
        job: "t",
        title: "Thử",
        scopeUnitId,
        parentKey: null,
        summarize: false,
        runAt: NOW,
        trigger: "t",
      },
      [
        {
          chatRef: chat.id,
          platform: "telegram",
          subjectUnitId: commune!.id,
          optOutKey: null,
          body: { lines: [[{ text: "Kết quả", style: "plain" }]], choices: [] },
          state: "pending",
          notBefore: NOW,
        },
      ],
      ctx,
    );
  }
}

const quiet = createLog({ redact: (line) => line, write: () => undefined });

/** The app over `store` with `admin` mounted at /admin, and no chat channel. */
// biome-ignore lint/suspicious/noExplicitAny: the admin API's own variables; createApp only mounts it.
export function mountAdmin(store: Store, admin: Hono<any>, now: () => Date = () => NOW): Hono {
  return createApp({
    chat: {} as ChatService,
    store,
    pingDatabase: () => store.units.count(),
    telegram: null,
    zalo: null,
    log: quiet,
    now,
    admin,
  });
}

/** The app as the Node entry mounts the admin API over `store`, with the admin API's own settings. */
export function adminApp(store: Store, admin: Partial<AdminDeps> = {}): Hono {
  const now = admin.now ?? (() => NOW);
  return mountAdmin(
    store,
    adminApi({ store, adminToken: ADMIN_TOKEN, log: quiet, failureLimit: 10_000, ...admin, now }),
    now,
  );
}

export async function openAdminFixture(): Promise<AdminFixture> {
  const memory = backends.find((b) => b.name === "memory")!;
  const { db, store } = await openKinhMon(memory);
  await seedAdminDemo(store);
  const giaLocToken = (await issueToken(store, "297", "district")).secret;
  return { db, store, app: adminApp(store), giaLocToken };
}
