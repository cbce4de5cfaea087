/** /tthc [đơn vị] [kỳ]: administrative-procedure cases of one reporting period, against the targets. */
import { formatDateTime, formatInteger, formatIsoDate, formatNumber } from "../src/format/vi.ts";
import type { TthcStats } from "../src/store/index.ts";
import { bold, italic, type ReplyBuilder, reply } from "./reply.ts";
import { takePeriod } from "./support/args.ts";
import { SAMPLE_NOTE, sourceLine } from "./support/format.ts";
import { pickUnit } from "./support/unit-arg.ts";
import { unitHeading } from "./support/unit-heading.ts";
import type { Command } from "./types.ts";

const EXAMPLE = "/tthc Bắc An 2023";
/** Cases resolved early or on time: at least 95% (the provinces' stated target). */
const ON_TIME_TARGET = 95;
/** Apology letters: every late or wrongly handled case. */
const APOLOGY_TARGET = 100;
const PERIODS_READ = 24;

export const tthcCommand: Command = {
  name: "tthc",
  aliases: ["thutuc", "thu tuc", "hoso", "ho so", "motcua", "mot cua"],
  description: "Tình hình giải quyết thủ tục hành chính: đúng hạn, trễ hạn, thư xin lỗi, quá hạn",
  usage: "/tthc [đơn vị] [kỳ: 2023, quý 3/2023, 9/2023]",
  example: EXAMPLE,

  async run(input, deps) {
    const period = takePeriod(input.args);
    const suffix = period.value === null ? "" : ` ${period.value.label.replace(/^năm /u, "")}`;
    const picked = await pickUnit(input, deps, {
      text: period.rest,
      year: period.value === null ? null : Number(period.value.from.slice(0, 4)),
      levels: ["commune", "district"],
      commandFor: (id) => `/tthc #${id}${suffix}`,
      example: EXAMPLE,
    });
    if ("reply" in picked) return picked.reply;
    const unit = picked.unit;

    const all = await deps.store.tthc.forUnit(unit.id, PERIODS_READ);
    const range = period.value;
    const at =
      range === null ? 0 : all.findIndex((s) => s.periodEnd >= range.from && s.periodEnd <= range.to);
    const stats = all[at];
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
    describe(built, stats);
    const previous = all[at + 1];
    if (previous) compare(built, stats, previous);
    built.line(italic(sourceLine(stats.source)));
    if (stats.sample) built.line(italic(SAMPLE_NOTE));
    return built.build();
  },
};

function asOf(stats: TthcStats): string {
  if (stats.asOf === null) return "";
  const instant = new Date(stats.asOf);
  return Number.isNaN(instant.getTime()) ? "" : ` (số liệu đến ${formatDateTime(instant)})`;
}

const count = (n: number) => `${formatInteger(n)} hồ sơ`;
const rate = (part: number, whole: number) => (whole === 0 ? 100 : (part / whole) * 100);
const percent = (value: number) => `${formatNumber(value, 1, { trimZeros: true })}%`;

function processed(stats: TthcStats): number {
  return stats.resolvedEarly + stats.resolvedOnTime + stats.resolvedLate;
}

function describe(built: ReplyBuilder, stats: TthcStats): void {
  const done = processed(stats);
  const inTime = stats.resolvedEarly + stats.resolvedOnTime;
  const onTimeRate = rate(inTime, done);
  built
    .line("Đã giải quyết: ", bold(count(done)), ` (tiếp nhận ${formatInteger(stats.received)})`)
    .line(
      `• Đúng/trước hạn: ${formatInteger(inTime)}`,
      // Sources often publish early and on time as one figure, recorded as on time.
      stats.resolvedEarly === 0
        ? ""
        : ` (trước hạn ${formatInteger(stats.resolvedEarly)}, đúng hạn ${formatInteger(stats.resolvedOnTime)})`,
    )
    .line(`• Trễ hạn: ${formatInteger(stats.resolvedLate)}`)
    .line(
      "Tỷ lệ đúng hạn: ",
      bold(percent(onTimeRate)),
      onTimeRate >= ON_TIME_TARGET
        ? ` ✅ đạt mục tiêu ≥ ${ON_TIME_TARGET}%`
        : ` ⚠️ chưa đạt mục tiêu ${ON_TIME_TARGET}%`,
    );
  if (stats.resolvedLate === 0) {
    built.line("Thư xin lỗi: không có hồ sơ trễ hạn phải xin lỗi.");
  } else {
    const apologyRate = rate(stats.apologiesSent, stats.resolvedLate);
    built.line(
      `Thư xin lỗi: ${formatInteger(stats.apologiesSent)}/${formatInteger(stats.resolvedLate)} hồ sơ trễ hạn ` +
        `(${percent(apologyRate)})`,
      apologyRate >= APOLOGY_TARGET ? " ✅ đạt 100%" : ` ⚠️ mục tiêu ${APOLOGY_TARGET}%`,
    );
  }
  built.line(
    `Đang giải quyết: quá hạn ${formatInteger(stats.pendingOverdue)}`,
    stats.pendingOverdue > 0 ? " ⚠️" : "",
    `, trong hạn ${formatInteger(stats.pendingInTime)}`,
  );
}

function compare(built: ReplyBuilder, stats: TthcStats, previous: TthcStats): void {
  const done = processed(stats);
  const before = processed(previous);
  const onTime = rate(stats.resolvedEarly + stats.resolvedOnTime, done);
  const onTimeBefore = rate(previous.resolvedEarly + previous.resolvedOnTime, before);
  const signed = (n: number, text: string) => (n > 0 ? `+${text}` : text);
  built.line(
    `So với kỳ trước (${formatIsoDate(previous.periodStart)}–${formatIsoDate(previous.periodEnd)}): ` +
      `${signed(done - before, formatInteger(done - before))} hồ sơ, tỷ lệ đúng hạn ` +
      `${signed(onTime - onTimeBefore, formatNumber(onTime - onTimeBefore, 1))} điểm %`,
  );
}
