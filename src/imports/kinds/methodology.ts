/** `import methodology`: a methodology JSON file (the scoring core's format), checked and stored. */
import { parseMethodology, ScoringError } from "../../core/index.ts";
import { StoreError } from "../../store/index.ts";
import { methodologyInputOf } from "../methodologies.ts";
import { refuseIfAny } from "../problems.ts";
import { readAllText, refuseIfNotUtf8 } from "../records.ts";
import { changeCount, type KindImporter } from "./kind.ts";

export const importMethodology: KindImporter = async ({ repos, input, options, ctx, problems }) => {
  if (input.format !== "json") {
    problems.add(null, "BAD_FILE", `Phương pháp chấm điểm phải là tệp JSON; ${input.name} không phải.`);
    refuseIfAny(problems);
  }
  const text = await readAllText(input.chunks);
  refuseIfNotUtf8(text, problems, "json");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.add(null, "BAD_FILE", `Tệp ${input.name} không phải JSON hợp lệ: ${why}`);
    refuseIfAny(problems);
  }
  const stored = changeCount("phương pháp");
  try {
    const methodology = parseMethodology(json);
    const result = await repos.methodologies.put(methodologyInputOf(methodology, options.source), ctx);
    stored[result] += 1;
  } catch (error) {
    if (error instanceof ScoringError) problems.add(null, "INVALID_METHODOLOGY", error.message);
    else if (error instanceof StoreError && error.code === "METHODOLOGY_VERSION_CHANGED") {
      problems.add(null, "METHODOLOGY_VERSION_CHANGED", error.message);
    } else throw error;
  }
  refuseIfAny(problems);
  return { rows: 1, changes: [stored] };
};
