import { describe, expect, it } from "vitest";
import { isInfrastructureFailure } from "../../src/channels/failure.ts";
import { AppError } from "../../src/errors.ts";
import { StoreError } from "../../src/store/errors.ts";

function named(name: string, message = "x"): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe("isInfrastructureFailure", () => {
  it.each([
    ["a libSQL error", named("LibsqlError")],
    ["the store saying it is unavailable", new AppError("STORE_UNAVAILABLE", "x")],
    ["a remote database out of reach", new TypeError("fetch failed")],
    ["one wrapped by grammY", Object.assign(named("BotError"), { error: named("LibsqlError") })],
    ["one given as a cause", new Error("outer", { cause: named("LibsqlBatchError") })],
  ])("is true for %s", (_case, error) => {
    expect(isInfrastructureFailure(error)).toBe(true);
  });

  it.each([
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["a store refusal", new StoreError("CHAT_NOT_FOUND", "x")],
    [
      "a constraint broken by our own bug",
      Object.assign(named("LibsqlError"), { code: "SQLITE_CONSTRAINT" }),
    ],
    ["a Bot API refusal", named("GrammyError")],
    ["not an error at all", "LibsqlError"],
  ])("is false for %s", (_case, error) => {
    expect(isInfrastructureFailure(error)).toBe(false);
  });
});
