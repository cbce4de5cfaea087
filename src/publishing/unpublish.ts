/**
 * Withdrawing a publication (back to drafts), allowed only until the results were announced to
 * subscribers: after that, chairs have read the figures and a correction is a new publication.
 */
import type { UnitRecord } from "../domain/unit.ts";
import { formatDateTime } from "../format/vi.ts";
import type { StoreRepos, WriteContext } from "../store/index.ts";
import { PublishingError } from "./errors.ts";
import { resolveScope } from "./scope.ts";

export interface UnpublishReport {
  scope: UnitRecord;
  year: number;
  /** Published results withdrawn (their assessments are drafts again). */
  withdrawn: number;
}

export async function unpublishScope(
  repos: StoreRepos,
  request: { scopeCode: string; year: number },
  ctx: WriteContext,
): Promise<UnpublishReport> {
  const { year } = request;
  const scope = await resolveScope(repos, request.scopeCode, year);
  const publication = await repos.publications.get(scope.id, year);
  if (publication?.announcedAt) {
    throw new PublishingError(
      "ANNOUNCED",
      `Kết quả năm ${year} của ${scope.name} đã được thông báo tới người theo dõi lúc ` +
        `${formatDateTime(new Date(publication.announcedAt))}; ` +
        "không thể rút công bố.",
    );
  }
  const withdrawn = await repos.published.withdraw(scope.id, year, ctx);
  if (withdrawn === 0 && publication === null) {
    throw new PublishingError("NOT_PUBLISHED", `Kết quả năm ${year} của ${scope.name} chưa được công bố.`);
  }
  return { scope, year, withdrawn };
}
