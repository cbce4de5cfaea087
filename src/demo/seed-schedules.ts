/**
 * Kinh Môn's leaders' work schedules for weeks 9–12 of 2024. The town's portal (seed 000) lists only
 * the weekly notices, their titles and date ranges; the items inside are generated and flagged sample.
 * Week 9's notice printed its last day as "03/3/3024"; the week is 26/02–03/03/2024.
 */
import { addDays, isoWeekRange } from "../imports/dates.ts";
import type { ScheduleItem } from "../store/index.ts";

export const SCHEDULE_YEAR = 2024;
export const SCHEDULE_WEEKS = [9, 10, 11, 12] as const;

const NOTICE = "Thông báo lịch làm việc của Lãnh đạo Hội đồng nhân dân và Ủy ban nhân dân thị xã";
const PORTAL = "Trang thông tin điện tử thị xã Kinh Môn, mục thông báo lịch làm việc";

function noticeTitle(week: number, from: string, to: string): string {
  const [, fm, fd] = from.split("-");
  const [ty, tm, td] = to.split("-");
  const printedYear = week === 9 ? "3024" : ty; // as printed; see the module comment
  return `${NOTICE} Tuần ${String(week).padStart(2, "0")} (từ ngày ${fd} tháng ${Number(fm)} đến ngày ${Number(td)}/${Number(tm)}/${printedYear})`;
}

interface Template {
  /** 0 = Monday. */
  day: number;
  start: string;
  end: string | null;
  title: string;
  location: string;
  participants: string;
}

const TEMPLATES: readonly Template[] = [
  {
    day: 0,
    start: "07:30",
    end: "09:00",
    title: "Giao ban Thường trực HĐND, lãnh đạo UBND thị xã",
    location: "Phòng họp số 1, UBND thị xã",
    participants: "Chủ tịch, các Phó Chủ tịch UBND thị xã",
  },
  {
    day: 1,
    start: "08:00",
    end: "11:00",
    title: "Kiểm tra công tác cải cách hành chính và bộ phận một cửa tại xã, phường",
    location: "UBND các xã, phường",
    participants: "Phó Chủ tịch UBND thị xã, Phòng Nội vụ",
  },
  {
    day: 2,
    start: "14:00",
    end: "16:30",
    title: "Họp Ban Chỉ đạo cải cách hành chính thị xã",
    location: "Hội trường UBND thị xã",
    participants: "Chủ tịch UBND thị xã, thành viên Ban Chỉ đạo",
  },
  {
    day: 3,
    start: "08:00",
    end: "11:30",
    title: "Tiếp công dân định kỳ",
    location: "Trụ sở tiếp công dân thị xã",
    participants: "Chủ tịch UBND thị xã",
  },
  {
    day: 4,
    start: "14:00",
    end: null,
    title: "Làm việc với các phòng chuyên môn về giải quyết hồ sơ thủ tục hành chính",
    location: "Phòng họp số 2, UBND thị xã",
    participants: "Phó Chủ tịch UBND thị xã, các phòng chuyên môn",
  },
];

export interface DemoWeek {
  isoYear: number;
  isoWeek: number;
  items: ScheduleItem[];
}

export function demoScheduleWeeks(): DemoWeek[] {
  return SCHEDULE_WEEKS.map((isoWeek) => {
    const week = { isoYear: SCHEDULE_YEAR, isoWeek };
    const { from, to } = isoWeekRange(week);
    // The source's own slip is said in the line that quotes it, not silently corrected.
    const slip = isoWeek === 9 ? ` (nguồn in năm “3024”: tuần 09 là 26/02–03/03/${SCHEDULE_YEAR})` : "";
    const source = `${PORTAL}: "${noticeTitle(isoWeek, from, to)}"${slip}; các mục lịch là dữ liệu minh họa`;
    return {
      ...week,
      items: TEMPLATES.map((t) => ({
        date: addDays(from, t.day),
        startTime: t.start,
        endTime: t.end,
        title:
          // The portal also posted a change to the chairman's citizen day of 14/03/2024 (week 11).
          isoWeek === 11 && t.day === 3 ? `${t.title} (đã thay đổi lịch, xem thông báo riêng)` : t.title,
        location: t.location,
        participants: t.participants,
        source,
        sample: true,
      })),
    };
  });
}
