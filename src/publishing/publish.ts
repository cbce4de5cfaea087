/**
 * Publishing one scope and year: the core ranks the scope's draft assessments (the previous year's
 * published results of the same scope give the rank and point changes), and every figure is frozen
 * into `published_results`, so a later methodology change never rewrites what was published.
 */
import {
  collectInputProblems,
  type LeafInputObject,
  type Methodology,
  type PreviousStanding,
  parseMethodology,
  type RankedUnitResult,
  scorePeerSet,
  type UnitInput,
  type UnitResult,
} from "../core/index.ts";
import type { FigureOrigins } from "../domain/provenance.ts";
import type { PublishedDetail } from "../domain/published.ts";
import type { UnitRecord } from "../domain/unit.ts";
import { formatIsoDate } from "../format/vi.ts";
import type {
  AssessmentRecord,
  LeafScore,
  PublishedResultInput,
  StoreRepos,
  WriteContext,
} from "../store/index.ts";
import { PublishingError } from "./errors.ts";
import { resolveScope, scopeMembers } from "./scope.ts";

export interface PublishRequest {
  /** GSO (or register) code of the district or province whose units are ranked. */
  scopeCode: string;
  year: number;
  /** ISO date the results were published. */
  publishedOn: string;
  /** What the publication cites; the assessments' common source by default. */
  source?: string;
  /** Published side facts per unit id, frozen with the unit's result ("Chỉ số hài lòng: 99,3%"). */
  annotations?: ReadonlyMap<number, readonly string[]>;
  /**
   * Where each unit's figures come from, per unit id, when not all were published by this act (the
   * demo's articles printed only some); a unit not listed: its figures are what its `sample` flag says.
   */
  origins?: ReadonlyMap<number, FigureOrigins>;
}

export interface PublishedUnitLine {
  unitId: number;
  code: string;
  name: string;
  rank: number;
  points: number;
  maxPoints: number;
  pct: number;
  group: string;
  rating: string | null;
  /** Sample scores (the demo's): what chats are told marks them, and raises no judgement from them. */
  sample: boolean;
}

export interface PublishReport {
  scope: UnitRecord;
  year: number;
  publishedOn: string;
  methodology: { id: string; version: string };
  units: PublishedUnitLine[];
}

interface Member {
  unit: UnitRecord;
  label: string;
  assessment: AssessmentRecord;
  scores: LeafScore[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function leafInputs(scores: readonly LeafScore[]): UnitInput["scores"] {
  const out: Record<string, LeafInputObject> = {};
  for (const s of scores) {
    out[s.criterionCode] = {
      ...(s.finalScore === null ? {} : { points: s.finalScore }),
      ...(s.selfScore === null ? {} : { self: s.selfScore }),
      ...(s.appraisedScore === null ? {} : { appraised: s.appraisedScore }),
      ...(s.note === null ? {} : { comment: s.note }),
    };
  }
  return out;
}

/** Names as the scope knows them; two units of one name are told apart by code. */
function labels(units: readonly UnitRecord[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const u of units) count.set(u.name, (count.get(u.name) ?? 0) + 1);
  return new Map(units.map((u) => [u.id, (count.get(u.name) ?? 0) > 1 ? `${u.name} (${u.code})` : u.name]));
}

/** The unit's own result: rank and changes are columns of the snapshot already. */
function unitResultOf(r: RankedUnitResult): UnitResult {
  const { rank: _rank, previousRank: _p, rankChange: _rc, pointsChange: _pc, pctChange: _pct, ...result } = r;
  return result;
}

async function methodologyOf(
  repos: StoreRepos,
  assessments: readonly AssessmentRecord[],
  scope: UnitRecord,
  year: number,
): Promise<Methodology> {
  const versions = [...new Set(assessments.map((a) => `${a.methodologyId}@${a.methodologyVersion}`))];
  if (versions.length > 1) {
    throw new PublishingError(
      "MIXED_METHODOLOGIES",
      `Các bản đánh giá năm ${year} của ${scope.name} dùng nhiều phương pháp (${versions.join(", ")}); một bảng xếp hạng chỉ theo một phương pháp.`,
    );
  }
  const first = assessments[0] as AssessmentRecord;
  const stored = await repos.methodologies.get(first.methodologyId, first.methodologyVersion);
  if (stored === null) {
    throw new PublishingError(
      "UNKNOWN_METHODOLOGY",
      `Không có phương pháp ${versions[0]} trong cơ sở dữ liệu.`,
    );
  }
  return parseMethodology(JSON.parse(stored.body));
}

async function membersWithScores(
  repos: StoreRepos,
  scope: UnitRecord,
  year: number,
  methodology: Methodology,
): Promise<Member[]> {
  const units = await scopeMembers(repos, scope, year, methodology.level);
  const assessments = new Map(
    (
      await repos.assessments.forUnits(
        units.map((u) => u.id),
        year,
      )
    ).map((a) => [a.unitId, a]),
  );
  const names = labels(units);
  const members: Member[] = [];
  const lacking: string[] = [];
  for (const unit of units) {
    const label = names.get(unit.id) ?? unit.name;
    const assessment = assessments.get(unit.id);
    if (assessment === undefined) {
      lacking.push(`${unit.name} (mã ${unit.code}): chưa có bản đánh giá năm ${year}`);
      continue;
    }
    if (assessment.status === "published") {
      lacking.push(`${unit.name} (mã ${unit.code}): kết quả năm ${year} đã được công bố ở một phạm vi khác`);
      continue;
    }
    const scores = await repos.assessments.scores(assessment.id);
    const problems = collectInputProblems(methodology, { unit: label, scores: leafInputs(scores) });
    const missing = problems.filter((p) => p.code === "MISSING_LEAF").map((p) => p.details.criterion ?? "?");
    if (missing.length > 0) {
      lacking.push(`${unit.name} (mã ${unit.code}): thiếu điểm tiêu chí ${missing.join(", ")}`);
    } else if (problems.length > 0) {
      lacking.push(`${unit.name} (mã ${unit.code}): ${problems.map((p) => p.message).join("; ")}`);
    } else {
      members.push({ unit, label, assessment, scores });
    }
  }
  if (lacking.length > 0) {
    throw new PublishingError(
      "UNITS_LACK_SCORES",
      `Không công bố ${scope.name} năm ${year}: ${lacking.length}/${units.length} đơn vị chưa đủ điểm.`,
      lacking,
      { units: lacking.length },
    );
  }
  return members;
}

/** The previous year's published standings of the scope, keyed the way this year's units are labelled. */
async function previousStandings(
  repos: StoreRepos,
  scope: UnitRecord,
  year: number,
  members: readonly Member[],
): Promise<PreviousStanding[]> {
  const labelOf = new Map(members.map((m) => [m.unit.id, m.label]));
  return (await repos.published.byScope(scope.id, year - 1)).flatMap((r) => {
    const label = labelOf.get(r.unitId);
    if (label === undefined || r.rank === null) return [];
    const detail = r.detail as PublishedDetail | null;
    return [{ unit: label, points: r.total, pct: detail?.result.pct ?? r.pct, rank: r.rank }];
  });
}

/**
 * Publishes a scope's results for a year, within the caller's transaction. Refused when the scope-year
 * is published already or a unit of the scope lacks scores (PublishingError naming them).
 */
export async function publishScope(
  repos: StoreRepos,
  request: PublishRequest,
  ctx: WriteContext,
): Promise<PublishReport> {
  const { year, publishedOn } = request;
  if (!ISO_DATE.test(publishedOn)) {
    throw new PublishingError("BAD_DATE", `Ngày công bố "${publishedOn}" phải có dạng YYYY-MM-DD.`);
  }
  const scope = await resolveScope(repos, request.scopeCode, year);
  const already = await repos.publications.get(scope.id, year);
  if (already !== null || (await repos.published.byScope(scope.id, year)).length > 0) {
    throw new PublishingError(
      "ALREADY_PUBLISHED",
      `Kết quả năm ${year} của ${scope.name} đã công bố${already ? ` ngày ${formatIsoDate(already.publishedOn)}` : ""}; ` +
        (already?.announcedAt
          ? "kết quả đã được thông báo tới người theo dõi nên không rút công bố được nữa; nếu cần đính chính, " +
            "hãy báo quản trị hệ thống."
          : "muốn công bố lại thì rút công bố trước (unpublish), khi chưa thông báo tới người theo dõi."),
    );
  }
  const children = await repos.units.children(scope.id);
  const assessments = await repos.assessments.forUnits(
    children.map((u) => u.id),
    year,
  );
  if (assessments.length === 0) {
    throw new PublishingError(
      "NO_ASSESSMENTS",
      `Chưa có bản đánh giá năm ${year} nào của các đơn vị trực tiếp thuộc ${scope.name} ` +
        `(${children[0]?.level === "district" ? "huyện, thị xã, thành phố" : "xã, phường, thị trấn"}), là các đơn vị ` +
        "được xếp hạng khi công bố phạm vi này.",
    );
  }
  const methodology = await methodologyOf(repos, assessments, scope, year);
  const members = await membersWithScores(repos, scope, year, methodology);
  const previous = await previousStandings(repos, scope, year, members);
  const ranking = scorePeerSet(
    methodology,
    members.map((m) => ({ unit: m.label, scores: leafInputs(m.scores) })),
    { previous, year },
  );

  const byLabel = new Map(members.map((m) => [m.label, m]));
  const entries: PublishedResultInput[] = ranking.units.map((u) => {
    const member = byLabel.get(u.unit) as Member;
    const detail: PublishedDetail = {
      schema: 1,
      result: unitResultOf(u),
      annotations: [...(request.annotations?.get(member.unit.id) ?? [])],
    };
    return {
      assessmentId: member.assessment.id,
      scopeUnitId: scope.id,
      peerCount: ranking.count,
      total: u.points,
      maxPoints: u.maxPoints,
      pct: u.pctRounded,
      rank: u.rank,
      rankChange: u.rankChange,
      pointsChange: u.pointsChange,
      groupCode: u.group.code,
      groupLabel: u.group.label,
      ratingCode: u.headRating?.final.code ?? null,
      ratingLabel: u.headRating?.final.label ?? null,
      reasons: [...(u.headRating?.caps ?? []), ...(u.headRating?.flags ?? [])],
      detail,
      source: member.assessment.source,
      sample: member.assessment.sample || member.scores.some((s) => s.sample),
      origins: request.origins?.get(member.unit.id) ?? null,
    };
  });
  await repos.published.freeze(entries, publishedOn, ctx);
  const sources = [...new Set(members.map((m) => m.assessment.source))];
  await repos.publications.record(
    {
      scopeUnitId: scope.id,
      year,
      publishedOn,
      methodologyId: methodology.id,
      methodologyVersion: methodology.version,
      unitCount: ranking.count,
      source: request.source ?? sources.join("; "),
      sample: entries.some((e) => e.sample),
    },
    ctx,
  );
  return {
    scope,
    year,
    publishedOn,
    methodology: { id: methodology.id, version: methodology.version },
    units: ranking.units.map((u) => {
      const member = byLabel.get(u.unit) as Member;
      return {
        unitId: member.unit.id,
        code: member.unit.code,
        name: member.unit.name,
        rank: u.rank,
        points: u.points,
        maxPoints: u.maxPoints,
        pct: u.pctRounded,
        group: u.group.label,
        rating: u.headRating?.final.label ?? null,
        sample: member.assessment.sample,
      };
    }),
  };
}
