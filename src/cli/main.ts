/** `npm run cli -- <verb> …`: the product's one command line. */
import { runCli } from "./dispatch.ts";
import { processIo } from "./io.ts";

process.exitCode = await runCli(process.argv.slice(2), processIo);
