import { describe, expect, it } from "vitest";
import { generateInviteCode, INVITE_ALPHABET, normalizeInviteCode } from "../../src/domain/invite-code.ts";

describe("invite codes", () => {
  it("are eight readable characters in two groups, never 0, O, 1 or I", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateInviteCode();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    }
    expect(INVITE_ALPHABET).toHaveLength(32);
    expect(INVITE_ALPHABET).not.toMatch(/[01OI]/);
  });

  it("use every letter of the alphabet from the random bytes", () => {
    const code = generateInviteCode((bytes) => bytes.set([0, 31, 32, 63, 8, 9, 200, 255]));
    expect(code).toBe("2Z2Z-ABAZ");
  });

  it("are read back in any case, with or without separators", () => {
    expect(normalizeInviteCode("abcd-efgh")).toBe("ABCD-EFGH");
    expect(normalizeInviteCode(" ABCD EFGH ")).toBe("ABCD-EFGH");
    expect(normalizeInviteCode("abcdefgh")).toBe("ABCD-EFGH");
    expect(normalizeInviteCode("ABCD-EFG0")).toBeNull();
    expect(normalizeInviteCode("ABC")).toBeNull();
    expect(normalizeInviteCode("'; DROP TABLE invite_codes; --")).toBeNull();
  });
});
