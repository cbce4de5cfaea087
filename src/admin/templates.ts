/**
 * The CSV templates of `/admin/templates/<kind>.csv`: each import kind's header (required columns, then
 * optional ones), as the importers in src/imports/kinds read them, and with `?example=1` one filled row to
 * copy (dates as YYYY-MM-DD, decimals with a point or, quoted, a comma). Methodologies are JSON: no template.
 */
import type { ImportKind } from "../imports/index.ts";

export const TEMPLATES: Partial<Record<ImportKind, string>> = {
  units: "code,name,kind,parent_code,valid_from,valid_to,predecessor_codes",
  assessments: "unit_code,year,criterion_code,score,self_score,appraised_score,note,methodology_id,group",
  tthc:
    "unit_code,period_start,period_end,received,resolved_early,resolved_on_time,resolved_late," +
    "pending_in_time,pending_overdue,apologies_sent,resolved,as_of",
  schedule: "scope_code,date,start_time,end_time,title,location,participants,week",
};

/** One row of each kind, as a clerk would fill it: Kinh Môn's Phường An Lưu (10675) in 2021–2024. */
export const EXAMPLES: Partial<Record<ImportKind, string>> = {
  units: "10675,Phường An Lưu,phường,292,,2025-06-30,",
  assessments: '10675,2021,F1,"10,98",,,,haiduong-commune-2021,',
  tthc: "10675,2024-01-01,2024-03-31,120,10,100,8,2,0,8,,2024-04-05",
  schedule:
    "292,2024-03-04,08:00,11:00,Giao ban công tác cải cách hành chính,Phòng họp UBND thị xã,Chủ tịch UBND thị xã,",
};
