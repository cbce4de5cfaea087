/**
 * Checks a webhook's shared secret (Telegram's X-Telegram-Bot-Api-Secret-Token, Zalo's
 * X-Bot-Api-Secret-Token) without leaking, through timing, how much of it a guess got right.
 * Plain JavaScript, so it runs the same on Node and Workers (no node:crypto).
 */

const encoder = new TextEncoder();

/**
 * True when `received` equals `expected`. The loop always runs over the whole expected secret and
 * folds every difference, including the length, into one value: its duration depends only on the
 * secret's length, never on where a guess first differs. An empty expected secret accepts nothing.
 */
export function verifySecret(received: string | undefined, expected: string): boolean {
  if (expected === "" || received === undefined) return false;
  const want = encoder.encode(expected);
  const got = encoder.encode(received);
  let difference = want.length ^ got.length;
  for (let i = 0; i < want.length; i++) difference |= want[i]! ^ (got[i] ?? 0);
  return difference === 0;
}
