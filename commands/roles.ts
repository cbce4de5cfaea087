import type { Role } from "../src/store/index.ts";

/** How a linked chat's role is said: "chủ tịch UBND", "cán bộ". */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  chair: "chủ tịch UBND",
  officer: "cán bộ",
};
