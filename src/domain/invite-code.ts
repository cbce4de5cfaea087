/**
 * Invite codes an officer hands to a chair: eight characters from an alphabet without 0/O and 1/I,
 * shown as "ABCD-EFGH", typed back in any case, with or without the dash. Web Crypto only, so the
 * admin API on Workers can issue them too.
 */

export const INVITE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const LENGTH = 8;

const grouped = (letters: string) => `${letters.slice(0, 4)}-${letters.slice(4)}`;

/**
 * A new code as stored and printed ("ABCD-EFGH"), 40 bits from the platform's secure generator.
 * The alphabet has 32 letters, so five bits of a byte pick one without bias.
 */
export function generateInviteCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = new Uint8Array(LENGTH);
  random(bytes);
  return grouped(Array.from(bytes, (byte) => INVITE_ALPHABET[byte & 31]).join(""));
}

/** What a chair typed ("abcd efgh", "ABCDEFGH") as the stored "ABCD-EFGH", or null when it cannot be one. */
export function normalizeInviteCode(typed: string): string | null {
  const letters = typed.toUpperCase().replace(/[\s\-_.–]/gu, "");
  if (letters.length !== LENGTH) return null;
  for (const char of letters) if (!INVITE_ALPHABET.includes(char)) return null;
  return grouped(letters);
}
