/** Log lines: an error with its driver code and the chain of causes under it; a bug keeps its stack. */
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../src/chat/store-guard.ts";
import { createLog } from "../src/log.ts";

function lines() {
  const written: string[] = [];
  const log = createLog({
    redact: (line) => line.replaceAll("tok-123", "***"),
    write: (_l, line) => written.push(line),
  });
  return { log, written };
}

describe("the log", () => {
  it("names the driver's code under an outage, through the chain of causes, without a stack", () => {
    const { log, written } = lines();
    const driver = Object.assign(new Error("SQLITE_READONLY: attempt to write a readonly database"), {
      name: "LibsqlError",
      code: "SQLITE_READONLY",
      rawCode: 8,
    });
    log.error("chat message failed", { error: new StoreUnavailableError(driver) });
    const entry = JSON.parse(written[0]!);
    expect(entry.error).toEqual({
      name: "StoreUnavailableError",
      code: "STORE_UNAVAILABLE",
      message: "Cơ sở dữ liệu tạm thời không truy cập được.",
      cause: {
        name: "LibsqlError",
        code: "SQLITE_READONLY",
        rawCode: 8,
        message: "SQLITE_READONLY: attempt to write a readonly database",
      },
    });
  });

  it("keeps a bug's stack (an error without a code), redacted like every line", () => {
    const { log, written } = lines();
    log.error("request failed", { error: new TypeError("cannot read tok-123 of undefined") });
    const entry = JSON.parse(written[0]!);
    expect(entry.error.message).toBe("cannot read *** of undefined");
    expect(entry.error.stack[0]).toMatch(/^at /);
  });
});
