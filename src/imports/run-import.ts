/**
 * One imported file = one write transaction: every row is checked and written inside it, and any
 * problem rolls all of it back. A dry run does the same work and rolls back at the end, so what it
 * reports is exactly what the real run would write.
 */
import type { Store, WriteContext } from "../store/index.ts";
import { importAssessments } from "./kinds/assessments.ts";
import type { ChangeCount, ImportHooks, KindImporter } from "./kinds/kind.ts";
import { importMethodology } from "./kinds/methodology.ts";
import { importSchedule } from "./kinds/schedule.ts";
import { importTthc } from "./kinds/tthc.ts";
import { importUnits } from "./kinds/units.ts";
import { ProblemList } from "./problems.ts";
import type { ImportInput } from "./records.ts";

export const IMPORT_KINDS = ["units", "methodology", "assessments", "tthc", "schedule"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const IMPORTERS: Record<ImportKind, KindImporter> = {
  units: importUnits,
  methodology: importMethodology,
  assessments: importAssessments,
  tthc: importTthc,
  schedule: importSchedule,
};

export interface ImportRequest {
  kind: ImportKind;
  input: ImportInput;
  /** Check and count, then roll back. */
  dryRun?: boolean;
  /** Methodology id ("id" or "id@version") for assessment rows without a methodology_id. */
  methodology?: string | undefined;
  /** What written rows cite as their source; "Tệp <file name>" by default. */
  source?: string | undefined;
  hooks?: ImportHooks;
  /** The unit the import was made for (an officer's scope), so the file's audit row is read under it. */
  unitId?: number | null;
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  dryRun: boolean;
  /** Data rows read (records for JSON; 1 for a methodology). */
  rows: number;
  changes: ChangeCount[];
}

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** Thrown inside the transaction to roll a dry run back; carries its report out. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super("dry run");
  }
}

/**
 * Imports one file. Throws ImportRefusedError (every problem, nothing written) when any row is refused.
 *
 * @example
 * const report = await runImport(store, { kind: "tthc", input: textInput("bac-an.csv", csv) }, ctx);
 */
export async function runImport(
  store: Store,
  request: ImportRequest,
  ctx: WriteContext,
): Promise<ImportReport> {
  const dryRun = request.dryRun === true;
  const options = {
    methodology: request.methodology,
    source: request.source?.trim() || `Tệp ${request.input.name}`,
  };
  try {
    return await store.transaction(async (repos) => {
      const problems = new ProblemList();
      const hooks = request.hooks ?? {};
      const result = await IMPORTERS[request.kind]({
        repos,
        input: request.input,
        options,
        ctx,
        problems,
        hooks,
      });
      const report = { kind: request.kind, file: request.input.name, dryRun, ...result };
      if (dryRun) throw new DryRunRollback(report);
      // The file's own row, in the same transaction as what it wrote; each changed unit has its own.
      if (result.changes.some((c) => c.inserted + c.updated > 0)) {
        await repos.audit.append(
          {
            action: "import",
            entity: "import",
            entityId: request.kind,
            details: {
              file: report.file,
              source: options.source,
              rows: report.rows,
              changes: report.changes,
            },
            unitId: request.unitId ?? null,
          },
          ctx,
        );
      }
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}
