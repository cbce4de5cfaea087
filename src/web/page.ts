/** GET /: the playground page, under a strict Content-Security-Policy with a fresh nonce. */
import type { Context } from "hono";
import { webChatId } from "./chat-api.ts";
import { playgroundHtml } from "./playground.ts";

function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function playgroundPage() {
  return (c: Context) => {
    const value = nonce();
    webChatId(c);
    c.header(
      "content-security-policy",
      `default-src 'none'; style-src 'nonce-${value}'; script-src 'nonce-${value}'; connect-src 'self'; ` +
        "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("cache-control", "no-store");
    return c.html(playgroundHtml(value));
  };
}
