/**
 * The one way every command turns its arguments into a unit: the readings of the text (a year, a
 * week or a period, and the name left over) tried in order, then the unit picked as `pickUnit` does.
 * Sharing it is what makes /diem, /hang, /tthc and /lich agree on which "Tân Hồng" is meant.
 */
import { type Reply, reply } from "../reply.ts";
import type { CommandDeps, CommandInput } from "../types.ts";
import type { Reading, Readings } from "./tokens.ts";
import { namesExactly, type PickedUnit, type PickOptions, pickUnit } from "./unit-arg.ts";

export type PickedReading<T> = { unit: PickedUnit; reading: Reading<T> } | { reply: Reply };

export async function pickReading<T>(
  input: CommandInput,
  deps: CommandDeps,
  readings: Readings<T>,
  optionsFor: (reading: Reading<T>) => PickOptions,
): Promise<PickedReading<T>> {
  const chosen = await likeliest(input, deps, readings, optionsFor);
  if ("reply" in chosen) return chosen;
  const picked = await pickUnit(input, deps, optionsFor(chosen.reading));
  return "reply" in picked ? picked : { unit: picked.unit, reading: chosen.reading };
}

/** The first reading whose name is a unit's exact name, else the last (the default reading). */
async function likeliest<T>(
  input: CommandInput,
  deps: CommandDeps,
  readings: Readings<T>,
  optionsFor: (reading: Reading<T>) => PickOptions,
): Promise<{ reading: Reading<T> } | { reply: Reply }> {
  if (readings.error !== undefined) return { reply: reply().line(readings.error).build() };
  const all = readings.readings;
  for (const reading of all.slice(0, -1)) {
    if (await namesExactly(input, deps, optionsFor(reading))) return { reading };
  }
  const last = all.at(-1);
  return last
    ? { reading: last }
    : { reply: reply().line("Chưa hiểu yêu cầu. Gõ /help để xem các lệnh.").build() };
}
