/** Serves a Hono app over real HTTP on 127.0.0.1 and a free port (@hono/node-server), for tests and benchmarks. */
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface ServedApp {
  /** "http://127.0.0.1:<port>". */
  url: string;
  close(): Promise<void>;
}

export function serveOnLoopback(app: Hono): Promise<ServedApp> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
