/** The CLI verbs of the chat side: `units find` (the resolver for officers) and `invite create`. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { openEmbedded } from "../../src/db/open.ts";
import { loadNationalRegister } from "../../src/register/load-package.ts";
import { createStore } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { readMigrations } from "../../src/store/migrations-fs.ts";
import { setupContext } from "../support/chat-database.ts";

let dir: string;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cchc-verbs-"));
  url = `file:${join(dir, "cchc.db")}`;
  const client = openEmbedded(url);
  await migrate(client, await readMigrations(), setupContext.now);
  await createStore(client).register.load(loadNationalRegister(), setupContext);
  client.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli([...argv, "--url", url], io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

describe("units find", () => {
  it("lists the matches best first with code, kind, full path and validity", async () => {
    const { code, out } = await cli("units", "find", "tan hong", "--year", "2022");
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(
      lines.some((l) =>
        /10972\s+xã\s+Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương \(đến 30\/06\/2025\)/.test(l),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes("Phường Tân Hồng, Thành phố Từ Sơn, Tỉnh Bắc Ninh"))).toBe(true);
  });

  it("answers JSON with the unit valid in the year asked, and its former-unit note", async () => {
    const { out } = await cli("units", "find", "tan hong binh giang", "--year", "2022", "--json");
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      query: "tan hong binh giang",
      year: 2022,
      result: "unit",
      total: 1,
      note: "Xã Tân Hồng (cũ), nay thuộc Xã Đường An, Xã Thượng Hồng",
    });
    expect(report.matches[0]).toMatchObject({
      code: "10972",
      kind: "xã",
      level: "commune",
      path: "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương",
      validity: "đến 30/06/2025",
      validTo: "2025-06-30",
    });
  });

  it("returns an empty list, not an error, when nothing matches", async () => {
    const { code, out } = await cli("units", "find", "'; DROP TABLE units; --", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ result: "none", total: 0, matches: [] });
    const long = await cli("units", "find", "x".repeat(10_000), "--json");
    expect(JSON.parse(long.out)).toMatchObject({ result: "invalid", matches: [] });
  });

  it("refuses a missing name or a bad year as a usage error", async () => {
    expect((await cli("units", "find")).code).toBe(2);
    expect((await cli("units", "find", "tan hong", "--year", "hai")).code).toBe(2);
  });
});

describe("invite create", () => {
  it("prints a readable code and its expiry in Vietnam time, and the code links a chat", async () => {
    const { code, out } = await cli(
      "invite",
      "create",
      "--unit",
      "10972",
      "--role",
      "chair",
      "--year",
      "2022",
      "--json",
    );
    expect(code).toBe(0);
    const invite = JSON.parse(out);
    expect(invite.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(invite.unit).toMatchObject({
      code: "10972",
      path: "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương",
    });
    expect(invite.expires).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(new Date(invite.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const client = openEmbedded(url);
    const stored = await createStore(client).invites.get(invite.code);
    client.close();
    expect(stored).toMatchObject({ role: "chair", usedAt: null });
  });

  it("takes today's unit for a reused code, prints text, and honours --days", async () => {
    const { code, out } = await cli(
      "invite",
      "create",
      "--unit",
      "10972",
      "--role",
      "officer",
      "--days",
      "1",
    );
    expect(code).toBe(0);
    expect(out).toContain("Đơn vị: Xã Đường An");
    expect(out).toContain("Vai trò: cán bộ");
    expect(out).toMatch(/Hết hạn: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
    expect(out).toMatch(/\/dangky [2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/);
  });

  it("refuses a bad role, days or unit", async () => {
    expect((await cli("invite", "create", "--unit", "10972", "--role", "boss")).code).toBe(2);
    expect((await cli("invite", "create", "--unit", "10972", "--role", "chair", "--days", "0")).code).toBe(2);
    const unknown = await cli("invite", "create", "--unit", "99999", "--role", "chair");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Không có đơn vị mã 99999");
  });

  it("makes one code per unit of a district (N each) in one go, as CSV for a mail merge", async () => {
    const { code, out } = await cli(
      "invite",
      "create",
      "--scope",
      "297",
      "--year",
      "2022",
      "--role",
      "chair",
      "--per-unit",
      "2",
      "--csv",
    );
    expect(code).toBe(0);
    const [header, ...rows] = out.split("\n");
    expect(header).toBe("code,unit_code,unit_name,path,role,expires_at");
    const units = new Map<string, number>();
    for (const row of rows) {
      const [invite, unitCode] = row.split(",");
      expect(invite).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      units.set(unitCode!, (units.get(unitCode!) ?? 0) + 1);
    }
    // Huyện Gia Lộc's communes in 2022, two codes each, all different and all stored.
    expect(units.size).toBeGreaterThan(10);
    expect([...units.values()].every((n) => n === 2)).toBe(true);
    expect(new Set(rows.map((row) => row.split(",")[0])).size).toBe(rows.length);
    expect(rows.some((row) => row.includes('"Thị trấn Gia Lộc, Huyện Gia Lộc, Tỉnh Hải Dương"'))).toBe(true);
    const client = openEmbedded(url);
    const stored = await createStore(client).invites.get(rows[0]!.split(",")[0]!);
    client.close();
    expect(stored).toMatchObject({ role: "chair", usedAt: null });
  });

  it("refuses --scope with --unit, a commune as scope, and too many codes a unit", async () => {
    expect((await cli("invite", "create", "--scope", "297", "--unit", "10972", "--role", "chair")).code).toBe(
      2,
    );
    const commune = await cli("invite", "create", "--scope", "10972", "--year", "2022", "--role", "chair");
    expect(commune.code).toBe(2);
    expect(commune.err).toContain("là đơn vị cấp xã");
    expect(
      (await cli("invite", "create", "--scope", "297", "--role", "chair", "--per-unit", "99")).code,
    ).toBe(2);
  });
});
