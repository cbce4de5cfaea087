/**
 * The CSV templates of `/admin/templates/<kind>.csv`: each import kind's header (required columns, then
 * optional ones), as the importers in src/imports/kinds read them. Methodologies are JSON: no template.
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
