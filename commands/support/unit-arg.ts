/**
 * Turns the unit part of a command's arguments into one unit, or into the reply that asks the chair
 * to pick one, names the closest units, or says how to ask. Empty text means the chat's linked unit;
 * "#123" is a unit id (what choices send back, since GSO codes were reused in 2025).
 */
import type { UnitKind, UnitLevel } from "../../src/domain/unit.ts";
import type { Match, ResolveOptions, Resolver } from "../../src/resolve/index.ts";
import { type Reply, reply } from "../reply.ts";
import type { CommandDeps, CommandInput, LinkedUnit } from "../types.ts";
import { quoted } from "./format.ts";

export interface PickedUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương". */
  path: string;
  /** "đến 30/06/2025" for a former unit, "" when open. */
  validity: string;
  /** "Xã Tân Hồng (cũ), nay thuộc Xã Đường An"; why this one of several namesakes. */
  notes: string[];
  /** Nearest first: district, province. */
  ancestorIds: number[];
}

/** Which of several namesakes have something to show, and how to say so. */
interface Preference {
  /** The ids among `unitIds` that have such data. */
  has(deps: CommandDeps, unitIds: readonly number[]): Promise<Set<number>>;
  /** "có kết quả đã công bố". */
  what: string;
}

export interface PickOptions {
  /** The unit part of the arguments (years and weeks already taken out). */
  text: string;
  /** The year the unit should have existed in; the latest published year when null. */
  year: number | null;
  levels: readonly UnitLevel[];
  /** The command a choice runs for a unit: `(id) => "/diem #" + id + " 2022"`. At most 64 bytes. */
  commandFor(unitId: number): string;
  /** "/diem Tân Hồng Bình Giang", shown when the chair has to type a name. */
  example: string;
  /**
   * When no namesake has data, the levels the command means first: "/hang Cẩm Giàng" is the district,
   * not its seat town of the same name.
   */
  preferLevels?: readonly UnitLevel[];
}

export type Picked = { unit: PickedUnit } | { reply: Reply };

/**
 * Among namesakes, the only one with data is taken, the same one for every command ("Tân Hồng" is
 * the Bình Giang commune for /diem, /hang and /tthc alike: the Từ Sơn ward and the Đồng Tháp district
 * have nothing published), and those with data are listed first otherwise. A published result of
 * its own counts first; a published ranking of its units ("Phú Yên") next.
 */
const PREFERENCES: readonly Preference[] = [
  {
    has: (deps, ids) => deps.store.publishedLookup.unitsWithResults(ids),
    what: "có kết quả đã công bố",
  },
  {
    has: (deps, ids) => deps.store.publishedLookup.unitsWithRankings(ids),
    what: "có bảng xếp hạng đã công bố",
  },
];

const ID_TOKEN = /^#(\d{1,9})$/u;
const MAX_CHOICES = 8;
/** How many namesakes are checked for data; "Thống Nhất" alone has 16 before the 2025 reform. */
const MAX_NAMESAKES = 100;

export async function pickUnit(
  input: CommandInput,
  deps: CommandDeps,
  options: PickOptions,
): Promise<Picked> {
  const text = options.text.trim();
  if (text === "") return linked(input, deps, options);

  const resolver = await deps.resolver();
  const id = ID_TOKEN.exec(text);
  if (id) {
    const match = resolver.byId(Number(id[1]));
    return match ? { unit: fromMatch(match, []) } : { reply: notFound(text, [], options) };
  }

  const result = resolver.resolve(text, await resolveOptionsOf(input, deps, options));
  // Near names of the command's levels ("Quảng Lâm") matter less than the exact name of another level.
  const best =
    result.kind === "unit" ? result.match : result.kind === "choice" ? result.options[0] : undefined;
  if (result.kind === "none" || (best !== undefined && best.distance > 0)) {
    const other = otherLevel(resolver, text, options);
    if (other) return { reply: other };
  }
  switch (result.kind) {
    case "unit":
      return { unit: fromMatch(result.match, result.note ? [result.note] : []) };
    case "choice":
      return preferred(deps, text, result.options, result.total, options);
    case "none":
      return { reply: notFound(text, result.suggestions.slice(0, MAX_CHOICES), options) };
    case "invalid":
      return { reply: reply().line(result.message).line(`Ví dụ: ${options.example}`).build() };
  }
}

async function preferred(
  deps: CommandDeps,
  text: string,
  namesakes: readonly Match[],
  total: number,
  options: PickOptions,
): Promise<Picked> {
  const ids = namesakes.map((o) => o.unit.id);
  for (const prefer of PREFERENCES) {
    const having = await prefer.has(deps, ids);
    const withData = namesakes.filter((o) => having.has(o.unit.id));
    const [only] = withData;
    if (only !== undefined && withData.length === 1) {
      const why = `Có ${total} đơn vị khớp với ${quoted(text)}; đây là đơn vị duy nhất ${prefer.what}. Gõ thêm tên huyện, tỉnh để xem đơn vị khác.`;
      return { unit: fromMatch(only, [...formerNote(only), why]) };
    }
    if (withData.length > 1) {
      const ordered = [...withData, ...namesakes.filter((o) => !having.has(o.unit.id))];
      return { reply: choose(text, ordered.slice(0, MAX_CHOICES), total, options) };
    }
  }
  const preferredLevel = namesakes.filter((o) => options.preferLevels?.includes(o.unit.level));
  if (preferredLevel.length === 1) return { unit: fromMatch(preferredLevel[0]!, []) };
  return { reply: choose(text, namesakes.slice(0, MAX_CHOICES), total, options) };
}

/** How well a text names a unit: exactly, only with typos or as one of several, or not at all. */
export type NameFit = "exact" | "near" | "none";

/**
 * How well the text names a unit of the command's levels. An exact name ("Phường 12", "Chi Lăng
 * Nam") means a number or a "nam" at its end belongs to the name, not to a year or week.
 */
export async function nameFit(
  input: CommandInput,
  deps: CommandDeps,
  options: PickOptions,
): Promise<NameFit> {
  const text = options.text.trim();
  if (text === "" || ID_TOKEN.test(text)) return "near";
  const result = (await deps.resolver()).resolve(text, await resolveOptionsOf(input, deps, options));
  if (result.kind === "unit") return result.match.distance === 0 ? "exact" : "near";
  if (result.kind === "choice") return result.options[0]?.distance === 0 ? "exact" : "near";
  return "none";
}

async function resolveOptionsOf(
  input: CommandInput,
  deps: CommandDeps,
  options: PickOptions,
): Promise<ResolveOptions> {
  const year = options.year ?? (await deps.store.publishedLookup.latestYear()) ?? undefined;
  const resolveOptions: ResolveOptions = {
    levels: options.levels,
    limit: MAX_NAMESAKES,
    near: nearOf(input),
  };
  if (year !== undefined) resolveOptions.year = year;
  return resolveOptions;
}

/** The linked unit as the resolver knows it (path, validity), or as the subscription carries it. */
async function linked(input: CommandInput, deps: CommandDeps, options: PickOptions): Promise<Picked> {
  const subscription = input.subscription;
  if (subscription === null) {
    return {
      reply: reply()
        .line("Bạn muốn xem đơn vị nào? Gõ tên xã, phường sau lệnh, có thể kèm huyện, tỉnh.")
        .line(`Ví dụ: ${options.example}`)
        .line("Hoặc liên kết cuộc trò chuyện với đơn vị của mình: /dangky <mã mời>.")
        .build(),
    };
  }
  const match = (await deps.resolver()).byId(subscription.unit.id);
  return { unit: match ? fromMatch(match, []) : fromLinked(subscription.unit) };
}

function nearOf(input: CommandInput): ResolveOptions["near"] {
  const unit = input.subscription?.unit;
  if (!unit) return undefined;
  return {
    districtIds: unit.districtId === null ? [] : [unit.districtId],
    provinceIds: unit.provinceId === null ? [] : [unit.provinceId],
  };
}

function labelOf(match: Match): string {
  return match.validity ? `${match.path} (${match.validity})` : match.path;
}

function choose(text: string, options: readonly Match[], total: number, pick: PickOptions): Reply {
  const more =
    total > options.length ? ` (${total} đơn vị khớp; hãy gõ thêm tên huyện, tỉnh để thu hẹp)` : "";
  return reply()
    .line(`Có nhiều đơn vị khớp với ${quoted(text)}${more}. Bạn muốn xem đơn vị nào?`)
    .choices(options.map((o) => ({ label: labelOf(o), command: pick.commandFor(o.unit.id) })))
    .build();
}

const LEVEL_WORDS: Readonly<Record<UnitLevel, string>> = {
  commune: "xã, phường, thị trấn",
  district: "huyện, thị xã, thành phố thuộc tỉnh",
  province: "tỉnh, thành phố",
};

/**
 * "/diem Quảng Nam": the name is a province's, and the command shows communes and districts. Say so,
 * and offer the ranking, rather than "Không tìm thấy".
 */
function otherLevel(resolver: Resolver, text: string, pick: PickOptions): Reply | null {
  const options: ResolveOptions = { limit: 1 };
  if (pick.year !== null) options.year = pick.year;
  const result = resolver.resolve(text, options);
  if (result.kind !== "unit" || result.match.distance > 0) return null;
  const levels = pick.levels.map((level) => LEVEL_WORDS[level]).join("; ");
  return reply()
    .line(`${quoted(text)} là ${result.match.path}. Lệnh này xem cho ${levels}.`)
    .choice(`Bảng xếp hạng ${result.match.path}`, `/hang #${result.unit.id}`)
    .build();
}

function notFound(text: string, suggestions: readonly Match[], pick: PickOptions): Reply {
  const built = reply().line(`Không tìm thấy đơn vị ${quoted(text)}.`);
  if (suggestions.length > 0) {
    built
      .line("Có phải bạn muốn tìm:")
      .choices(suggestions.map((s) => ({ label: labelOf(s), command: pick.commandFor(s.unit.id) })));
  } else {
    built.line(`Hãy gõ tên xã, phường, có thể kèm huyện, tỉnh. Ví dụ: ${pick.example}`);
  }
  return built.build();
}

function fromMatch(match: Match, notes: string[]): PickedUnit {
  const unit = match.unit;
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    level: unit.level,
    path: match.path,
    validity: match.validity,
    notes: notes.length > 0 ? notes : formerNote(match),
    ancestorIds: unit.ancestors.map((a) => a.id),
  };
}

/** "Xã Tân Hồng (cũ), nay thuộc Xã Đường An", as the resolver words it for a typed name. */
function formerNote(match: Match): string[] {
  const successors = match.unit.successors.map((s) => s.name);
  if (match.unit.validTo === null || successors.length === 0) return [];
  return [`${match.unit.name} (cũ), nay thuộc ${[...new Set(successors)].join(", ")}`];
}

function fromLinked(unit: LinkedUnit): PickedUnit {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    level: unit.level,
    path: unit.path,
    validity: "",
    notes: [],
    ancestorIds: [unit.districtId, unit.provinceId].filter(
      (id): id is number => id !== null && id !== unit.id,
    ),
  };
}
