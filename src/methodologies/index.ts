/**
 * The built-in methodologies. Each is a JSON file checked by the core schema when this module loads, so a
 * province replaces a file (same name) without touching code, and a bad file fails at start-up, not mid-score.
 */
import { findMethodology, type Methodology, parseMethodology } from "../core/index.ts";
import haiduongCommune2021 from "./haiduong-commune-2021.json" with { type: "json" };
import haiduongCommune2022 from "./haiduong-commune-2022.json" with { type: "json" };
import phuyenCommune2022 from "./phuyen-commune-2022.json" with { type: "json" };
import phuyenDistrict2022 from "./phuyen-district-2022.json" with { type: "json" };

export const builtinMethodologies: readonly Methodology[] = Object.freeze(
  [haiduongCommune2021, haiduongCommune2022, phuyenDistrict2022, phuyenCommune2022].map(parseMethodology),
);

/** Throws ScoringError UNKNOWN_METHODOLOGY (listing the known ids) for an unknown id. */
export function getBuiltinMethodology(id: string): Methodology {
  return findMethodology(builtinMethodologies, id);
}
