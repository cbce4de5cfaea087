/**
 * Notices a chat may turn off with /caidat. Result announcements are not optional: they are why a
 * chair links a chat. The keys are what `chats.opt_outs` stores and what the jobs check.
 */
export interface OptionalNotice {
  key: string;
  /** "lịch làm việc đầu tuần". */
  label: string;
  /** Folded words that name it after "bật"/"tắt". */
  words: readonly string[];
}

export const OPTIONAL_NOTICES: readonly OptionalNotice[] = [
  { key: "weekly-schedule", label: "lịch làm việc đầu tuần", words: ["lich", "lich tuan", "lich lam viec"] },
  {
    key: "tthc-reminders",
    label: "nhắc hồ sơ TTHC sắp và đã quá hạn",
    words: ["tthc", "ho so", "nhac", "nhac ho so"],
  },
];
