/**
 * The opening every per-unit result command shares: the year out of the arguments, the unit (or a
 * choice, or the closest names), then that unit's published card for the year (or why there is none).
 */
import type { PublishedCardResult } from "../../src/store/index.ts";
import type { Reply } from "../reply.ts";
import type { CommandDeps, CommandInput } from "../types.ts";
import { pickReading } from "./pick.ts";
import { publishedYear } from "./published-year.ts";
import type { PickedUnit } from "./unit-arg.ts";
import { readYear } from "./years.ts";

export type UnitResultPicked = { unit: PickedUnit; published: PublishedCardResult } | { reply: Reply };

/** `command` is the command's name without the slash ("diem"). */
export async function pickUnitResult(
  input: CommandInput,
  deps: CommandDeps,
  command: string,
  example: string,
): Promise<UnitResultPicked> {
  const picked = await pickReading(input, deps, readYear(input.args, input.now), ({ value, rest }) => ({
    text: rest,
    year: value,
    levels: ["commune", "district"],
    commandFor: (id) => `/${command} #${id}${value === null ? "" : ` ${value}`}`,
    example,
  }));
  if ("reply" in picked) return picked;
  const { unit, reading } = picked;
  const found = await publishedYear(deps, unit, reading.value, (id, y) => `/${command} #${id} ${y}`);
  if ("reply" in found) return found;
  return { unit, published: found.published };
}
