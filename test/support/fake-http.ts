/**
 * TEST DOUBLE plumbing: a node:http server on 127.0.0.1 and a random port that answers JSON, shared
 * by the fake Telegram and Zalo Bot API servers. Test code only.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackRequest {
  /** When the request's last byte arrived (epoch milliseconds, sub-millisecond precision). */
  receivedAt: number;
  method: string;
  /** Path and query, e.g. "/bot123:abc/sendMessage". */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface LoopbackResponse {
  status: number;
  json: unknown;
  /** Drop the connection without answering: what a client sees when the server goes away. */
  destroy?: boolean;
}

export interface LoopbackServer {
  /** "http://127.0.0.1:<port>". */
  url: string;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handle: (request: LoopbackRequest) => Promise<LoopbackResponse>,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const request = {
        receivedAt: performance.timeOrigin + performance.now(),
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(parts),
      };
      handle(request)
        .then(({ status, json, destroy }) => {
          if (destroy) {
            req.socket.destroy();
            return;
          }
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(json));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(
            JSON.stringify({ ok: false, error_code: 500, description: `fake server bug: ${String(error)}` }),
          );
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Request parameters as a Bot API server reads them: JSON, form or multipart body, or the query. */
export async function readParams(request: LoopbackRequest): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(request.url, "http://fake").searchParams);
  const type = String(request.headers["content-type"] ?? "");
  if (request.body.length === 0) return query;
  if (type.includes("application/json"))
    return { ...query, ...(JSON.parse(request.body.toString("utf8")) as object) };
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    const form = await new Request("http://fake/", {
      method: "POST",
      headers: { "content-type": type },
      body: new Uint8Array(request.body),
    }).formData();
    const params: Record<string, unknown> = { ...query };
    for (const [key, value] of form) params[key] = typeof value === "string" ? jsonOrText(value) : value;
    return params;
  }
  return query;
}

/** Form fields carry objects as JSON text (reply_markup, entities); plain strings stay strings. */
function jsonOrText(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Waiters that long polls park on until something arrives or time runs out. */
export class Wakeup {
  #waiters = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  wakeAll(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
