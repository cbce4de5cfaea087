import { bold, italic, type ReplyBuilder } from "../reply.ts";
import type { PickedUnit } from "./unit-arg.ts";

/** "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương (đến 30/06/2025)" and its notes, under a title. */
export function unitHeading(built: ReplyBuilder, unit: PickedUnit): ReplyBuilder {
  built.line(bold(unit.name), unit.path.slice(unit.name.length), unit.validity ? ` (${unit.validity})` : "");
  for (const note of unit.notes) built.line(italic(note));
  return built;
}
