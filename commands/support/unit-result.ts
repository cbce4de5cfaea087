/**
 * The opening every per-unit result command shares: the year out of the arguments, the unit (or a
 * choice, or the closest names), then that unit's published card for the year (or why there is none).
 */
import type { PublishedCardResult } from "../../src/store/index.ts";
import type { Reply } from "../reply.ts";
import type { CommandDeps, CommandInput } from "../types.ts";
import { takeYear } from "./args.ts";
import { publishedYear } from "./published-year.ts";
import { type PickedUnit, pickUnit, WITH_RESULTS } from "./unit-arg.ts";

export type UnitResultPicked = { unit: PickedUnit; published: PublishedCardResult } | { reply: Reply };

/** `command` is the command's name without the slash ("diem"). */
export async function pickUnitResult(
  input: CommandInput,
  deps: CommandDeps,
  command: string,
  example: string,
): Promise<UnitResultPicked> {
  const year = takeYear(input.args);
  const picked = await pickUnit(input, deps, {
    text: year.rest,
    year: year.value,
    levels: ["commune", "district"],
    commandFor: (id) => `/${command} #${id}${year.value === null ? "" : ` ${year.value}`}`,
    example,
    prefer: WITH_RESULTS,
  });
  if ("reply" in picked) return picked;
  const unit = picked.unit;
  const found = await publishedYear(deps, unit, year.value, (id, y) => `/${command} #${id} ${y}`);
  if ("reply" in found) return found;
  return { unit, published: found.published };
}
