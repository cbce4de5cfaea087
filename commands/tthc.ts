/** /tthc [đơn vị] [kỳ]: administrative-procedure cases of one reporting period, against the targets. */
import { APOLOGY_TARGET, ON_TIME_TARGET, tthcFigures } from "../src/domain/tthc.ts";
import { formatDayOrInstant, formatInteger, formatIsoDate, formatNumber } from "../src/format/vi.ts";
import type { TthcStats } from "../src/store/index.ts";
import { bold, italic, type ReplyBuilder, reply } from "./reply.ts";
import { SAMPLE_NOTE, sourceLine } from "./support/format.ts";
import { takePeriod } from "./support/periods.ts";
import { pickReading } from "./support/pick.ts";
import { unitHeading } from "./support/unit-heading.ts";
import type { Command, CommandDeps } from "./types.ts";

const EXAMPLE = "/tthc Bắc An 2023";
const PERIODS_READ = 24;
/** What a figure nobody published reads as. */
export const UNPUBLISHED = "chưa công bố";

export const tthcCommand: Command = {
  name: "tthc",
  aliases: ["thutuc", "thu tuc", "hoso", "ho so", "motcua", "mot cua"],
  description: "Tình hình giải quyết thủ tục hành chính: đúng hạn, trễ hạn, thư xin lỗi, quá hạn",
  usage: "/tthc [đơn vị] [kỳ: 2023, quý 3/2023, 9/2023]",
  example: EXAMPLE,
  readsOnly: true,

  async run(input, deps) {
    const picked = await pickReading(input, deps, takePeriod(input.args, input.now), ({ value, rest }) => ({
      text: rest,
      year: value === null ? null : Number(value.from.slice(0, 4)),
      levels: ["commune", "district"],
      commandFor: (id) => `/tthc #${id}${value === null ? "" : ` ${value.label.replace(/^năm /u, "")}`}`,
      example: EXAMPLE,
    }));
    if ("reply" in picked) return picked.reply;
    const unit = picked.unit;

    const all = await deps.store.tthc.forUnit(unit.id, PERIODS_READ);
    const periodArg =
      picked.reading.value === null ? "" : ` ${picked.reading.value.label.replace(/^năm /u, "")}`;
    const range = picked.reading.value;
    const at =
      range === null ? 0 : all.findIndex((s) => s.periodEnd >= range.from && s.periodEnd <= range.to);
    const stats = all[at];
    if (stats === undefined && all.length === 0) {
      const before = await predecessorsWithFigures(deps, unit.id);
      if (before.length > 0) {
        const built = reply().line(
          `${unit.name} được thành lập khi sắp xếp đơn vị hành chính (01/07/2025) và chưa có số liệu riêng. ` +
            "Số liệu giải quyết TTHC của các đơn vị trước sắp xếp:",
        );
        for (const p of before) built.choice(`${p.name} (cũ)`, `/tthc #${p.id}${periodArg}`);
        return built.build();
      }
    }
    if (stats === undefined) {
      return reply()
        .line(
          range === null
            ? `Chưa có số liệu giải quyết TTHC của ${unit.path}.`
            : `Không có số liệu giải quyết TTHC ${range.label} của ${unit.name}.`,
        )
        .build();
    }

    const built = unitHeading(reply().line(bold("Giải quyết thủ tục hành chính")), unit).line(
      `Kỳ: ${formatIsoDate(stats.periodStart)}–${formatIsoDate(stats.periodEnd)}${asOf(stats)}`,
    );
    describeTthc(built, stats);
    const previous = all[at + 1];
    if (previous) compareTthc(built, stats, previous);
    built.line(italic(sourceLine(stats.source)));
    if (stats.sample) built.line(italic(SAMPLE_NOTE));
    return built.build();
  },
};

function asOf(stats: TthcStats): string {
  const shown = stats.asOf === null ? null : formatDayOrInstant(stats.asOf);
  return shown === null ? "" : ` (số liệu đến ${shown})`;
}

const count = (n: number) => `${formatInteger(n)} hồ sơ`;
const percent = (value: number) => `${formatNumber(value, 1, { trimZeros: true })}%`;
const known = (n: number | null) => (n === null ? UNPUBLISHED : formatInteger(n));

/** The counts of one period against the targets; shared with the Friday reminder (src/jobs/late-cases.ts). */
export function describeTthc(built: ReplyBuilder, stats: TthcStats): void {
  const f = tthcFigures(stats);
  built
    .line(
      "Đã giải quyết: ",
      bold(count(f.processed)),
      stats.received === null ? "" : ` (tiếp nhận ${formatInteger(stats.received)})`,
    )
    .line(
      `• Đúng/trước hạn: ${formatInteger(f.inTime)}`,
      // Portals often publish early and on time as one figure: then there is nothing to break down.
      stats.resolvedEarly === null || stats.resolvedEarly === 0
        ? ""
        : ` (trước hạn ${formatInteger(stats.resolvedEarly)}, đúng hạn ${formatInteger(stats.resolvedOnTime)})`,
    )
    .line(`• Trễ hạn: ${formatInteger(f.late)}`)
    .line(
      "Tỷ lệ đúng hạn: ",
      bold(percent(f.onTimeRate)),
      f.onTimeRate >= ON_TIME_TARGET
        ? ` ✅ đạt mục tiêu ≥ ${ON_TIME_TARGET}%`
        : ` ⚠️ chưa đạt mục tiêu ${ON_TIME_TARGET}%`,
    );
  if (f.late === 0) {
    built.line("Thư xin lỗi: không có hồ sơ trễ hạn phải xin lỗi.");
  } else if (f.apologies === null || f.apologyRate === null) {
    built.line(`Thư xin lỗi: ${UNPUBLISHED} (${formatInteger(f.late)} hồ sơ trễ hạn cần thư xin lỗi)`);
  } else {
    built.line(
      `Thư xin lỗi: ${formatInteger(f.apologies)}/${formatInteger(f.late)} hồ sơ trễ hạn ` +
        `(${percent(f.apologyRate)})`,
      f.apologyRate >= APOLOGY_TARGET
        ? " ✅ đạt 100%"
        : ` ⚠️ còn thiếu ${formatInteger(f.apologiesMissing ?? 0)}, mục tiêu ${APOLOGY_TARGET}%`,
    );
  }
  if (stats.pendingOverdue === null && stats.pendingInTime === null) {
    built.line(`Đang giải quyết: ${UNPUBLISHED}`);
  } else {
    built.line(
      `Đang giải quyết: quá hạn ${known(stats.pendingOverdue)}`,
      (stats.pendingOverdue ?? 0) > 0 ? " ⚠️" : "",
      `, trong hạn ${known(stats.pendingInTime)}`,
    );
  }
}

/** The change against the period before, in cases and in on-time points. */
export function compareTthc(built: ReplyBuilder, stats: TthcStats, previous: TthcStats): void {
  const now = tthcFigures(stats);
  const before = tthcFigures(previous);
  const signed = (n: number, text: string) => (n > 0 ? `+${text}` : text);
  built.line(
    `So với kỳ trước (${formatIsoDate(previous.periodStart)}–${formatIsoDate(previous.periodEnd)}): ` +
      `${signed(now.processed - before.processed, formatInteger(now.processed - before.processed))} hồ sơ, ` +
      `tỷ lệ đúng hạn ${signed(now.onTimeRate - before.onTimeRate, formatNumber(now.onTimeRate - before.onTimeRate, 1))} điểm %`,
    previous.sample && !stats.sample ? " (kỳ trước là dữ liệu minh họa)" : "",
  );
}

/** The predecessors (units before the 2025 reform) that have TTHC figures, to offer each as a choice. */
async function predecessorsWithFigures(
  deps: CommandDeps,
  unitId: number,
): Promise<{ id: number; name: string }[]> {
  const out: { id: number; name: string }[] = [];
  for (const link of await deps.store.units.predecessors(unitId)) {
    if ((await deps.store.tthc.forUnit(link.unit.id, 1)).length > 0)
      out.push({ id: link.unit.id, name: link.unit.name });
  }
  return out;
}
