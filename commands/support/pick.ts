/**
 * The one way every command turns its arguments into a unit: the readings of the text (a year, a
 * week or a period, and the name left over) tried in order, then the unit picked as `pickUnit` does.
 * Sharing it is what makes /diem, /hang, /tthc and /lich agree on which "Tân Hồng" is meant.
 */
import { type Reply, reply } from "../reply.ts";
import type { CommandDeps, CommandInput } from "../types.ts";
import type { Reading, Readings } from "./tokens.ts";
import { type NameFit, nameFit, type PickedUnit, type PickOptions, pickUnit } from "./unit-arg.ts";

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

/**
 * The first reading whose name is a unit's exact name; else the last (the default reading) when its
 * name is some unit's; else the first that names anything; else the first, the text as typed, so
 * that "/diem Quảng Nam 2022" is answered about "Quảng Nam", not "Quảng".
 */
async function likeliest<T>(
  input: CommandInput,
  deps: CommandDeps,
  readings: Readings<T>,
  optionsFor: (reading: Reading<T>) => PickOptions,
): Promise<{ reading: Reading<T> } | { reply: Reply }> {
  if (readings.error !== undefined) return { reply: reply().line(readings.error).build() };
  const all = readings.readings;
  const [first] = all;
  if (first === undefined)
    return { reply: reply().line("Chưa hiểu yêu cầu. Gõ /help để xem các lệnh.").build() };
  if (all.length === 1) return { reading: first };
  const fits: NameFit[] = [];
  for (const reading of all) {
    const fit = await nameFit(input, deps, optionsFor(reading));
    if (fit === "exact" && reading !== all.at(-1)) return { reading };
    fits.push(fit);
  }
  if (fits.at(-1) !== "none") return { reading: all.at(-1)! };
  const named = all.find((_, i) => fits[i] !== "none");
  return { reading: named ?? first };
}
