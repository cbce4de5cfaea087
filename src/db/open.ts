/**
 * Node: opens the product's libSQL database from a URL. `file:` (default `file:data/cchc.db`, its
 * directory created on demand) and `:memory:` are embedded; `libsql:`, `https:`, `http:`, `wss:` and
 * `ws:` reach a libSQL server with the auth token. The token is never put in an error message.
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { AppError } from "../errors.ts";
import { createEmbeddedClient } from "./embedded.ts";
import { recoveringClient } from "./recovering.ts";

export const DEFAULT_DATABASE_URL = "file:data/cchc.db";

export interface OpenDatabaseOptions {
  /** LIBSQL_URL; `file:data/cchc.db` when absent or empty. */
  url?: string | undefined;
  /** LIBSQL_AUTH_TOKEN, for remote URLs only. */
  authToken?: string | undefined;
}

const REMOTE_SCHEMES = ["libsql:", "https:", "http:", "wss:", "ws:"];

/** The file a `file:` URL names, or null for an in-memory one. Relative paths are relative to the cwd. */
export function databaseFilePath(url: string): string | null {
  const rest = url.slice("file:".length).split("?")[0] ?? "";
  if (rest === "" || rest === ":memory:") return null;
  return rest.startsWith("/") ? fileURLToPath(new URL(url.split("?")[0] ?? url)) : rest;
}

export function describeDatabaseUrl(url: string): string {
  // Credentials may ride in a URL's userinfo or query; show only scheme, host and path.
  try {
    const parsed = new URL(url);
    return parsed.protocol === "file:"
      ? (url.split("?")[0] ?? url)
      : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url === ":memory:" ? url : "(URL không hợp lệ)";
  }
}

/**
 * An embedded database (`:memory:`, `file::memory:` or `file:<path>`) through the project's own client
 * (src/db/embedded.ts), as `openDatabase` opens it but without creating the file's directory.
 */
export function openEmbedded(url: string): Client {
  const path = url === ":memory:" ? null : databaseFilePath(url);
  if (path === null) return createEmbeddedClient(":memory:");
  return recoveringClient(createEmbeddedClient(path));
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Client> {
  const url =
    options.url === undefined || options.url.trim() === "" ? DEFAULT_DATABASE_URL : options.url.trim();
  if (url === ":memory:" || url.startsWith("file:")) {
    const path = url === ":memory:" ? null : databaseFilePath(url);
    if (path !== null) await mkdir(dirname(path), { recursive: true });
    return openEmbedded(url);
  }

  if (REMOTE_SCHEMES.some((scheme) => url.startsWith(scheme))) {
    return createClient(
      options.authToken === undefined || options.authToken === ""
        ? { url }
        : { url, authToken: options.authToken },
    );
  }

  throw new AppError(
    "DATABASE_URL_INVALID",
    `LIBSQL_URL phải bắt đầu bằng file:, libsql:, https: hoặc http: (hoặc là :memory:); nhận được ${describeDatabaseUrl(url)}.`,
    { url: describeDatabaseUrl(url) },
  );
}

/** The database settings of the environment (LIBSQL_URL, LIBSQL_AUTH_TOKEN), a `--url` flag winning. */
export function databaseOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  urlFlag?: string | undefined,
): OpenDatabaseOptions {
  return { url: urlFlag ?? env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN };
}
