/**
 * The sample of commands answered both on Node and inside workerd: generated from the demo's published
 * units and years in a fixed order, so the same 200 come out every run. Shared by the Node globalSetup
 * (which answers them on Node) and the workerd test (which answers them in the Worker).
 */
export interface UnitYear {
  name: string;
  district: string;
  year: number;
}

/** Diacritics dropped, as a chair typing on a phone without a Vietnamese keyboard would. */
const plain = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");

export const SAMPLE_SIZE = 200;

export function sampleCommands(rows: readonly UnitYear[]): string[] {
  const forms = [
    (r: UnitYear) => `/diem ${r.name} ${r.year}`,
    (r: UnitYear) => `/diem ${plain(r.name)} ${plain(r.district)} ${r.year}`,
    (r: UnitYear) => `/tieuchi ${r.name} ${r.district} ${r.year}`,
    (r: UnitYear) => `/hang ${r.district} ${r.year}`,
    (r: UnitYear) => `/diem ${plain(r.name).toLowerCase()}`,
  ];
  const out: string[] = [];
  for (let i = 0; out.length < SAMPLE_SIZE && rows.length > 0; i++) {
    const row = rows[(i * 7919) % rows.length] as UnitYear;
    out.push((forms[i % forms.length] as (r: UnitYear) => string)(row));
  }
  return out;
}

/** Chat ids of the sample (one chat per command, so no command sees another's choices). */
export const SAMPLE_CHAT_BASE = 700_000;
export const CARD_COMMAND = "/diem Tan Hong 2022";
