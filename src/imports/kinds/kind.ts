import type { ScheduleItem, StoreRepos, WriteContext } from "../../store/index.ts";
import type { ProblemList } from "../problems.ts";
import type { ImportInput } from "../records.ts";

/** How many things of one sort an import wrote (or, on a dry run, would write). */
export interface ChangeCount {
  /** Vietnamese, plural sense: "đơn vị", "điểm tiêu chí". */
  what: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface KindOptions {
  /** `--methodology`: the methodology of rows without a methodology_id cell. */
  methodology?: string | undefined;
  /** What the written rows cite as their source; "Tệp <name>" by default. */
  source: string;
}

/**
 * Everything one kind's importer gets. It runs inside the import's write transaction: it reads and
 * writes through `repos`, reports every problem to `problems`, and throws (via `refuseIfAny`) before
 * returning when there are any, so the caller rolls everything back.
 */
export interface KindRun {
  repos: StoreRepos;
  input: ImportInput;
  options: KindOptions;
  ctx: WriteContext;
  problems: ProblemList;
  hooks: ImportHooks;
}

/** What else an import sets off, inside its transaction (so both are written or neither). */
export interface ImportHooks {
  /** A scope's week of work schedule was replaced: tell the chats that already have it. */
  scheduleChanged?(
    repos: StoreRepos,
    change: {
      scopeUnitId: number;
      week: { isoYear: number; isoWeek: number };
      before: readonly ScheduleItem[];
      after: readonly ScheduleItem[];
    },
    ctx: WriteContext,
  ): Promise<void>;
}

export interface KindResult {
  rows: number;
  changes: ChangeCount[];
}

export type KindImporter = (run: KindRun) => Promise<KindResult>;

export function changeCount(what: string): ChangeCount {
  return { what, inserted: 0, updated: 0, unchanged: 0 };
}
