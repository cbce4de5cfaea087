/**
 * Imports: units, methodologies, assessments, TTHC case counts and work schedules from CSV or JSON
 * files, each file all or nothing. The CLI verb `import` and the admin API call `runImport`.
 */
export type { ChangeCount, ImportHooks } from "./kinds/kind.ts";
export { builtinSource, lookupMethodology, methodologyInputOf } from "./methodologies.ts";
export { type ImportProblem, type ImportProblemCode, ImportRefusedError, MAX_PROBLEMS } from "./problems.ts";
export { formatOf, type ImportFormat, type ImportInput, textInput } from "./records.ts";
export {
  IMPORT_KINDS,
  type ImportKind,
  type ImportReport,
  type ImportRequest,
  isImportKind,
  runImport,
} from "./run-import.ts";
