/**
 * /lich in pages that fit a phone screen: a week's schedule runs to well over a thousand characters,
 * so each page holds whole items up to a budget and offers "Xem thêm" for the next one. The Monday
 * notice still sends the whole week (`scheduleReply`).
 */
import type { IsoWeek, ScheduleItem } from "../../src/store/index.ts";
import { scheduleHeading, scheduleItems, scheduleReply } from "../lich.ts";
import { italic, type Reply, replyText } from "../reply.ts";
import { SAMPLE_NOTE } from "./format.ts";
import { tokenize, without } from "./tokens.ts";

/** Characters of heading and items on one page; the short source and a page number come on top. */
const PAGE_CHARS = 420;

/** Asks for the whole week on one reply, as the Monday notice sends it. */
const WHOLE_WEEK = ["ca tuan", "tat ca", "day du"];

/**
 * "trang 2" anywhere in the arguments (what "Xem thêm" sends back); page 0 for "cả tuần" (the whole
 * week at once); page 1 otherwise.
 */
export function takePage(args: string): { page: number; rest: string } {
  const tokens = tokenize(args);
  const whole = tokens.findIndex((t, i) => WHOLE_WEEK.includes(`${t.bare} ${tokens[i + 1]?.bare}`));
  if (whole >= 0) return { page: 0, rest: without(tokens, whole, whole + 2) };
  const at = tokens.findIndex((t, i) => t.bare === "trang" && /^\d{1,2}$/u.test(tokens[i + 1]?.bare ?? ""));
  if (at < 0) return { page: 1, rest: args };
  return { page: Number(tokens[at + 1]!.bare), rest: without(tokens, at, at + 2) };
}

/** Whole items, in order, grouped so that each page's heading and items stay within the budget. */
export function schedulePages(
  week: IsoWeek,
  scopePath: string,
  items: readonly ScheduleItem[],
): ScheduleItem[][] {
  const pages: ScheduleItem[][] = [];
  let current: ScheduleItem[] = [];
  for (const item of items) {
    const tried = [...current, item];
    const text = replyText(scheduleItems(scheduleHeading(week, scopePath), tried).build());
    if (current.length > 0 && text.length > PAGE_CHARS) {
      pages.push(current);
      current = [item];
    } else {
      current = tried;
    }
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Page `page` (from 1; 0: the whole week) of the week's schedule; `command` is /lich for this week and scope. */
export function pageOf(
  week: IsoWeek,
  scopePath: string,
  items: readonly ScheduleItem[],
  page: number,
  command: string,
): Reply {
  if (page === 0) return scheduleReply(week, scopePath, items).build();
  const pages = schedulePages(week, scopePath, items);
  const at = Math.min(Math.max(page, 1), pages.length);
  const shown = pages[at - 1] ?? [];
  const dayBefore = at > 1 ? (pages[at - 2]?.at(-1)?.date ?? "") : "";
  const built = scheduleItems(scheduleHeading(week, scopePath), shown, dayBefore);
  const sources = [...new Set(items.map((item) => shortSource(item.source)))];
  built.line(italic(`Nguồn: ${sources.join("; ")}.`));
  if (items.some((item) => item.sample)) built.line(italic(SAMPLE_NOTE));
  if (pages.length > 1) built.line(`Trang ${at}/${pages.length}.`);
  if (at < pages.length)
    built.choice(`Xem thêm (trang ${at + 1}/${pages.length})`, `${command} trang ${at + 1}`);
  return built.build();
}

/** "Trang thông tin điện tử thị xã Kinh Môn", without the file and the notice's title. */
function shortSource(source: string): string {
  return source.split(/ \(|: "/u)[0]!.trim();
}
