/** `npm run cli -- <verb> …`: the product's one command line. */
import { runCli } from "./dispatch.ts";
import { processIo } from "./io.ts";

// A reader that stops early (`| head`) closes the pipe: that ends the command quietly, not with a trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
