/**
 * `npm start` as a process: the configuration from the environment, the embedded database bootstrapped,
 * the app served, both channels long-polling the loopback Bot API test doubles, and a clean stop on
 * SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiDoubles, startApiDoubles, telegramText } from "../support/channel-harness.ts";
import { zaloTextEvent } from "../support/fake-zalo-api.ts";

let apis: ApiDoubles;
let server: ChildProcess;
let output = "";
const port = 20_000 + Math.floor(Math.random() * 20_000);

async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  apis = await startApiDoubles();
  server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LIBSQL_URL: ":memory:",
      TELEGRAM_BOT_TOKEN: apis.telegram.token,
      TELEGRAM_API_ROOT: apis.telegram.apiRoot,
      ZALO_BOT_TOKEN: apis.zalo.token,
      ZALO_API_ROOT: apis.zalo.apiRoot,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await eventually(() => (output.includes(`http://localhost:${port}/`) ? true : undefined));
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null) server.kill("SIGKILL");
  await apis.close();
});

describe("npm start", () => {
  it("serves the playground and reports both channels polling", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    expect(health).toMatchObject({
      status: "ok",
      channels: {
        telegram: { configured: true, mode: "polling" },
        zalo: { configured: true, mode: "polling" },
      },
    });
  });

  it("answers Telegram and Zalo through long polling", async () => {
    apis.telegram.pushUpdate(telegramText("/diem Tan Hong 2022"));
    apis.zalo.pushUpdate(zaloTextEvent("/diem Tan Hong 2022", { wrapped: false }));
    const telegramReply = await eventually(() => apis.telegram.sentTexts()[0]);
    const zaloReply = await eventually(() => apis.zalo.sentTexts()[0]);
    expect(telegramReply).toContain("<b>87,032/100 điểm</b>");
    expect(zaloReply).toContain("87,032/100 điểm");
  });

  it("stops cleanly on SIGTERM, and never logged a token", async () => {
    server.kill("SIGTERM");
    const [code] = await once(server, "exit");
    expect(code).toBe(0);
    expect(output).toContain("shutting down");
    expect(output).not.toContain(apis.telegram.token.split(":")[1]);
    expect(output).not.toContain(apis.zalo.token.split(":")[1]);
  });
});

describe("npm start with a database it cannot use", () => {
  function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
        env: { PATH: process.env.PATH, PORT: String(port + 1), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on("exit", (code) => resolve({ code, out }));
    });
  }

  it("refuses a password in LIBSQL_URL in one Vietnamese line, without printing it", async () => {
    const { code, out } = await start({
      LIBSQL_URL: "https://cchc:S3cret-Pass@db.example.vn/cchc",
      LIBSQL_AUTH_TOKEN: "tok",
    });
    expect(code).toBe(1);
    expect(out).not.toContain("S3cret-Pass");
    expect(out).not.toMatch(/\n\s+at /); // no stack
    expect(out).toContain("LIBSQL_URL: không được chứa tên đăng nhập hay mật khẩu");
  });

  it("says in one line that a remote database cannot be reached, without a stack or the token", async () => {
    const { code, out } = await start({
      LIBSQL_URL: "http://127.0.0.1:9/cchc",
      LIBSQL_AUTH_TOKEN: "secret-auth-token-0123456789",
    });
    expect(code).toBe(1);
    expect(out).toContain(
      "Không mở được cơ sở dữ liệu http://127.0.0.1:9/cchc: không kết nối được máy chủ cơ sở dữ liệu",
    );
    expect(out).not.toContain("secret-auth-token-0123456789");
    expect(out).not.toMatch(/\n\s+at /);
  });
});
