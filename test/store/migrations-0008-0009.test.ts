/**
 * The two rebuilding migrations on a database that already holds data, on every backend: 0008 keeps
 * every chat, link and invite while it admits the playground's chats; 0009 keeps every TTHC row and
 * turns the demo's unpublished figures, stored as 0 before, into unknown.
 */
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/index.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { backends, type TestDatabase } from "../support/databases.ts";

const now = new Date("2026-01-05T08:00:00Z");
const OLD_BAC_AN =
  "Trang thông tin điện tử xã Bắc An, mục Kết quả giải quyết TTHC, cập nhật 02/12/2023 22:14:02 " +
  "(001_3066e2a9f7b207fe.txt): số hồ sơ xử lý 1.035, trước và đúng hạn 1.034 (công bố gộp, ghi vào đúng hạn), " +
  "trễ hạn 1; số thư xin lỗi không được công bố (ghi 0)";

describe.each(backends)("migrations 0008 and 0009 over existing data on $name", (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("keeps chats, links, invites and TTHC rows, and makes unpublished TTHC figures unknown", async () => {
    db = await backend.open();
    const files = await readMigrations();
    const before = files.filter((f) => f.name < "0008");
    await migrate(db.client, before, now);
    await db.client.batch(
      [
        "INSERT INTO units (id, code, name, kind, level, source) VALUES (1, '10675', 'Xã Bắc An', 'xã', 'commune', 't')",
        "INSERT INTO chats (id, platform, chat_id, type, created_at, updated_at) VALUES (7, 'telegram', '42', 'private', 'x', 'x')",
        "INSERT INTO subscriptions (chat_ref, unit_id, role, created_at) VALUES (7, 1, 'chair', 'x')",
        "INSERT INTO invite_codes (code, unit_id, role, created_at, expires_at, used_by, used_at) VALUES ('ABCDEFGH', 1, 'chair', 'x', 'y', 7, 'z')",
        {
          sql:
            "INSERT INTO tthc_stats (unit_id, period_start, period_end, received, resolved_early, resolved_on_time, " +
            "resolved_late, pending_in_time, pending_overdue, apologies_sent, source, sample) " +
            "VALUES (1, '2023-01-01', '2023-12-02', 1035, 0, 1034, 1, 0, 0, 0, ?, 0), " +
            "(1, '2022-01-01', '2022-12-02', 970, 121, 843, 4, 2, 0, 4, 'minh họa', 1)",
          args: [OLD_BAC_AN],
        },
      ],
      "write",
    );
    await migrate(db.client, files, now);

    const chat = await db.client.execute("SELECT id, platform, chat_id FROM chats");
    expect(chat.rows.map((r) => [r.id, r.platform, r.chat_id])).toEqual([[7, "telegram", "42"]]);
    const link = await db.client.execute("SELECT chat_ref, unit_id FROM subscriptions");
    expect(link.rows.map((r) => [r.chat_ref, r.unit_id])).toEqual([[7, 1]]);
    const invite = await db.client.execute("SELECT used_by FROM invite_codes");
    expect(invite.rows.map((r) => r.used_by)).toEqual([7]);
    // The link still follows its chat: deleting the chat deletes the link (the foreign key survived).
    await db.client.execute(
      "INSERT INTO chats (platform, chat_id, type, created_at, updated_at) VALUES ('web', 'web-1', 'private', 'x', 'x')",
    );
    await db.client.execute("DELETE FROM invite_codes");
    await db.client.execute("DELETE FROM chats WHERE id = 7");
    expect((await db.client.execute("SELECT count(*) AS n FROM subscriptions")).rows[0]?.n).toBe(0);

    const tthc = await db.client.execute(
      "SELECT sample, received, resolved_early, resolved_on_time, resolved_late, pending_overdue, apologies_sent, source " +
        "FROM tthc_stats ORDER BY period_end DESC",
    );
    expect(tthc.rows[0]).toMatchObject({
      received: null,
      resolved_early: null,
      resolved_on_time: 1034,
      resolved_late: 1,
      pending_overdue: null,
      apologies_sent: null,
    });
    expect(String(tthc.rows[0]?.source)).toMatch(
      /trễ hạn 1; không công bố số tiếp nhận, đang giải quyết và thư xin lỗi$/,
    );
    // A sample row keeps its generated figures.
    expect(tthc.rows[1]).toMatchObject({ received: 970, resolved_early: 121, apologies_sent: 4 });
  });
});
