/**
 * The admin API's bearer secrets: 32 random bytes shown once, stored as their SHA-256. Checks hash what
 * was sent first and compare fixed-length digests without an early exit, so neither the lookup nor the
 * comparison tells a guesser how much of a secret they got right. Web Crypto only: the same on Node and
 * Workers.
 */
import { sha256Hex } from "../store/hash.ts";

/** What every secret starts with, so one pasted into a log or a chat is recognisable. */
export const SECRET_PREFIX = "cchc_";

/** A new secret: the prefix and 32 random bytes in base64url (43 characters). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return SECRET_PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Lower-case hex SHA-256 of the secret: what `admin_tokens.secret_hash` keeps. */
export const hashSecret = (secret: string): Promise<string> => sha256Hex(secret);

/** Equal digests (two 64-character hex strings), compared over their whole length whatever differs. */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== 64 || b.length !== 64) return false;
  let difference = 0;
  for (let i = 0; i < 64; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
