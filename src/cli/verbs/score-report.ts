import type { CriterionStanding, PeerSetResult, RankedUnitResult } from "../../core/index.ts";
import { formatNumber, formatPercent, formatRankChange, formatScore, formatSigned } from "../../format/vi.ts";

/** Vietnamese, vi-VN formatted report of a peer set, one block per unit in rank order. */
export function renderPeerSet(result: PeerSetResult, componentPctDecimals: number): string {
  const head = [
    `Phương pháp: ${result.methodology.id} (phiên bản ${result.methodology.version})`,
    `Số đơn vị: ${result.count} · Điểm trung bình: ${formatNumber(result.averages.points)} · Chỉ số trung bình: ${formatPercent(result.averages.pctRounded)}`,
  ];
  const blocks = result.units.map((u) => renderUnit(u, result.count, componentPctDecimals));
  return [head.join("\n"), ...blocks].join("\n\n");
}

function renderUnit(u: RankedUnitResult, count: number, pctDecimals: number): string {
  const change =
    u.rankChange === null
      ? formatRankChange(null)
      : `${formatRankChange(u.rankChange)}; ${formatSigned(u.pointsChange ?? 0)} điểm so với năm trước`;
  const lines = [
    `${u.rank}. ${u.unit}`,
    `   Tổng điểm: ${formatScore(u.points)}/${formatNumber(u.maxPoints, 2, { trimZeros: true })} · Chỉ số: ${formatPercent(u.pctRounded)} · Hạng: ${u.rank}/${count} (${change})`,
    `   Nhóm: ${u.group.label}`,
  ];
  const rating = u.headRating;
  if (rating) {
    const base = rating.base.code === rating.final.code ? "" : ` (theo tỷ lệ: ${rating.base.label})`;
    lines.push(`   Người đứng đầu: ${rating.final.label}${base}`);
    for (const cap of rating.caps) lines.push(`     - Giới hạn: ${cap.message}`);
    for (const flag of rating.flags) lines.push(`     - Lưu ý: ${flag.message}`);
  } else {
    lines.push("   Người đứng đầu: phương pháp không quy định xếp loại");
  }
  lines.push(
    `   Thấp nhất theo % điểm tối đa: ${list(u.lowest.byPct, (c) => formatPercent(c.pct, pctDecimals))}`,
    `   Mất nhiều điểm nhất: ${list(u.lowest.byPointsLost, (c) => formatNumber(c.lost))}`,
  );
  return lines.join("\n");
}

function list(items: readonly CriterionStanding[], figure: (c: CriterionStanding) => string): string {
  if (items.length === 0) return "không mất điểm ở tiêu chí nào";
  return items.map((c) => `${c.code} ${c.shortName} ${figure(c)}`).join(" · ");
}
