import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifySecret } from "../../src/chat/secret.ts";

describe("verifySecret", () => {
  it("accepts only the exact secret", () => {
    expect(verifySecret("s3cret-token_1", "s3cret-token_1")).toBe(true);
    expect(verifySecret("s3cret-token_2", "s3cret-token_1")).toBe(false);
    expect(verifySecret("s3cret-token_1x", "s3cret-token_1")).toBe(false);
    expect(verifySecret("s3cret-token_", "s3cret-token_1")).toBe(false);
    expect(verifySecret("", "s3cret-token_1")).toBe(false);
    expect(verifySecret(undefined, "s3cret-token_1")).toBe(false);
  });

  it("accepts nothing when no secret is configured", () => {
    expect(verifySecret("", "")).toBe(false);
    expect(verifySecret(undefined, "")).toBe(false);
  });

  it("agrees with string equality", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (received, expected) => {
        expect(verifySecret(received, expected)).toBe(received === expected);
        expect(verifySecret(expected, expected)).toBe(true);
      }),
    );
  });
});
