/**
 * The store: the only module with SQL. Runtime-neutral (it is handed a libSQL `Client`, from
 * `@libsql/client` on Node or `@libsql/client/web` on Workers), and time is always passed in.
 *
 * @example
 * const store = createStore(client);
 * const fresh = await store.updates.markProcessed("telegram", String(update.update_id), now);
 * await store.transaction(async (tx) => { await tx.units.insert(unit, ctx); await tx.units.addLineage(link, ctx); });
 */
import type { Client } from "@libsql/client";
import { type AdminRepo, adminRepo } from "./admin.ts";
import { type AssessmentsRepo, assessmentsRepo } from "./assessments.ts";
import { type AuditRepo, auditRepo } from "./audit.ts";
import { type ChatsRepo, chatsRepo } from "./chats.ts";
import { type TableChecksum, tableChecksums } from "./checksums.ts";
import { type HeartbeatRepo, heartbeatRepo } from "./heartbeat.ts";
import { type InvitesRepo, invitesRepo } from "./invites.ts";
import { type MaintenanceRepo, maintenanceRepo } from "./maintenance.ts";
import { type MethodologiesRepo, methodologiesRepo } from "./methodologies.ts";
import { type OutboxRepo, outboxRepo } from "./outbox.ts";
import { type PendingChoicesRepo, pendingChoicesRepo } from "./pending-choices.ts";
import { type PublicationsRepo, publicationsRepo } from "./publications.ts";
import { type PublishedRepo, publishedRepo } from "./published.ts";
import { type PublishedLookupRepo, publishedLookupRepo } from "./published-lookup.ts";
import { type PublishedPeersRepo, publishedPeersRepo } from "./published-peers.ts";
import { type RegisterRepo, registerRepo } from "./register.ts";
import { type ScheduleWeeksRepo, scheduleWeeksRepo } from "./schedule-weeks.ts";
import { type SchedulesRepo, schedulesRepo } from "./schedules.ts";
import { type ScoreImportRepo, scoreImportRepo } from "./score-import.ts";
import { clientSql, type Sql, transactionSql } from "./sql.ts";
import { type SubscriptionsRepo, subscriptionsRepo } from "./subscriptions.ts";
import { type TthcRepo, tthcRepo } from "./tthc.ts";
import { type UnitAdminRepo, unitAdminRepo } from "./unit-admin.ts";
import { type UnitsRepo, unitsRepo } from "./units.ts";
import { type UpdatesRepo, updatesRepo } from "./updates.ts";

/** Every repository, bound either to the client or to one open write transaction. */
export interface StoreRepos {
  units: UnitsRepo;
  register: RegisterRepo;
  methodologies: MethodologiesRepo;
  assessments: AssessmentsRepo;
  published: PublishedRepo;
  tthc: TthcRepo;
  schedules: SchedulesRepo;
  chats: ChatsRepo;
  subscriptions: SubscriptionsRepo;
  invites: InvitesRepo;
  updates: UpdatesRepo;
  audit: AuditRepo;
  publishedLookup: PublishedLookupRepo;
  /** A scope's cards side by side, a whole province's communes. */
  publishedPeers: PublishedPeersRepo;
  pendingChoices: PendingChoicesRepo;
  scheduleWeeks: ScheduleWeeksRepo;
  /** Notices (one job run's broadcast each) and their deliveries, one per chat. */
  outbox: OutboxRepo;
  /** /health's proof that a write can commit. */
  heartbeat: HeartbeatRepo;
  /** Counts, integrity, copies and retention. */
  maintenance: MaintenanceRepo;
  /** Admin side: published scope-years and their announcement (the unpublish guard). */
  publications: PublicationsRepo;
  /** Admin side: unit versions, edits and the in-memory code index imports resolve against. */
  unitAdmin: UnitAdminRepo;
  /** Admin API: officers' tokens, unit subtrees, the audit log by unit and time. */
  admin: AdminRepo;
  /** Admin side: staged bulk import of leaf scores; only inside `transaction`. */
  scoreImport: ScoreImportRepo;
  /** Row count and SHA-256 of every table, to prove that something changed nothing. */
  tableChecksums(): Promise<Record<string, TableChecksum>>;
}

export interface Store extends StoreRepos {
  /**
   * Runs `work` in one write transaction (one imported file = one transaction): committed when it
   * resolves, rolled back when it throws. Use only `tx` inside: on an in-memory database the
   * transaction holds the client's single connection.
   */
  transaction<T>(work: (tx: StoreRepos) => Promise<T>): Promise<T>;
}

function repos(sql: Sql): StoreRepos {
  return {
    units: unitsRepo(sql),
    register: registerRepo(sql),
    methodologies: methodologiesRepo(sql),
    assessments: assessmentsRepo(sql),
    published: publishedRepo(sql),
    tthc: tthcRepo(sql),
    schedules: schedulesRepo(sql),
    chats: chatsRepo(sql),
    subscriptions: subscriptionsRepo(sql),
    invites: invitesRepo(sql),
    updates: updatesRepo(sql),
    audit: auditRepo(sql),
    publishedLookup: publishedLookupRepo(sql),
    publishedPeers: publishedPeersRepo(sql),
    pendingChoices: pendingChoicesRepo(sql),
    scheduleWeeks: scheduleWeeksRepo(sql),
    outbox: outboxRepo(sql),
    heartbeat: heartbeatRepo(sql),
    maintenance: maintenanceRepo(sql),
    publications: publicationsRepo(sql),
    unitAdmin: unitAdminRepo(sql),
    scoreImport: scoreImportRepo(sql),
    admin: adminRepo(sql),
    tableChecksums: () => tableChecksums(sql),
  };
}

export function createStore(client: Client): Store {
  // One write transaction at a time from this process: an in-memory database has a single
  // connection that an open transaction holds, and a file's second writer would only wait for the lock.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    ...repos(clientSql(client)),
    transaction(work) {
      const turn = previous.then(() => runTransaction(client, work));
      previous = turn.catch(() => undefined);
      return turn;
    },
  };
}

async function runTransaction<T>(client: Client, work: (tx: StoreRepos) => Promise<T>): Promise<T> {
  const tx = await client.transaction("write");
  try {
    const result = await work(repos(transactionSql(tx)));
    await tx.commit();
    return result;
  } catch (error) {
    // The work's error is what the caller needs; a failing rollback (connection gone) adds nothing.
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

export {
  ADMIN_ROLES,
  type AdminRole,
  type AdminTokenInput,
  type AdminTokenRecord,
  type AuditQuery,
  type SubtreeChat,
  type UnitAuditRecord,
} from "./admin.ts";
export type { AssessmentInput, AssessmentRecord, LeafScore } from "./assessments.ts";
export type { AuditEntry, AuditRecord } from "./audit.ts";
export type {
  ChatLink,
  ChatPlatform,
  ChatRecord,
  ChatSeen,
  ChatStatus,
  LinkedChat,
  Platform,
  QuietHours,
} from "./chats.ts";
export { CHAT_PLATFORMS } from "./chats.ts";
export type { TableChecksum } from "./checksums.ts";
export { StoreError, type StoreErrorCode } from "./errors.ts";
export type { InviteRecord, RedeemResult } from "./invites.ts";
export type { Integrity, PruneCutoffs, PruneReport } from "./maintenance.ts";
export type { MethodologyInput, MethodologyRecord } from "./methodologies.ts";
export { type Migration, type MigrationReport, migrate, migrationChecksum } from "./migrate.ts";
export {
  type ClaimedDelivery,
  DELIVERY_STATES,
  type DeliveryChange,
  type DeliveryInput,
  type DeliveryRecord,
  type DeliveryState,
  type DueDelivery,
  type EnqueueResult,
  FINAL_STATES,
  type NoticeInput,
  type NoticeRecord,
  type Recipient,
  type ScopedRecipient,
} from "./outbox.ts";
export type {
  ConversationPlatform,
  PendingChoice,
  PendingChoicesChange,
  PendingChoicesKey,
} from "./pending-choices.ts";
export type { PublicationInput, PublicationRecord } from "./publications.ts";
export type {
  PeerStanding,
  PublishedCardResult,
  PublishedRankingEntry,
  PublishedResult,
  PublishedResultInput,
} from "./published.ts";
export type { PeerCard, ProvinceEntry, ProvinceSet } from "./published-peers.ts";
export type { RegisterLoadReport } from "./register.ts";
export type { ScheduledWeek } from "./schedule-weeks.ts";
export type { IsoWeek, ScheduleItem } from "./schedules.ts";
export type {
  ConflictingValues,
  DuplicateCriterion,
  ScoreImportChanges,
  StagedScore,
  StagedUnitYear,
} from "./score-import.ts";
export type { WriteContext } from "./sql.ts";
export type { Role, SubscriptionRecord } from "./subscriptions.ts";
export type { TthcStats } from "./tthc.ts";
export type { UnitPatch } from "./unit-admin.ts";
export type { DateWindow, LineageInput, LineageLink, UnitInput } from "./units.ts";
export { yearWindow } from "./units.ts";
