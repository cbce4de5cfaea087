import { AppError } from "../errors.ts";

export type StoreErrorCode =
  | "MIGRATION_NAME_INVALID"
  | "MIGRATION_CHANGED"
  | "MIGRATION_UNKNOWN_APPLIED"
  | "ROW_SHAPE"
  | "UNIT_NOT_FOUND"
  | "METHODOLOGY_VERSION_CHANGED"
  | "CHAT_NOT_FOUND"
  | "CHAT_ID_TAKEN"
  | "ASSESSMENT_PUBLISHED"
  | "ASSESSMENT_NOT_FOUND"
  | "PUBLICATION_ANNOUNCED"
  | "BATCH_READS_PREVIOUS";

/** A refusal or inconsistency found by the store; `details` names the row, file or key concerned. */
export class StoreError extends AppError<StoreErrorCode> {}
