import type { UnitKind } from "../domain/unit.ts";

const COMMUNE_PREFIXES: readonly (readonly [string, UnitKind])[] = [
  ["Xã ", "xã"],
  ["Phường ", "phường"],
  ["Thị trấn ", "thị trấn"],
  ["Đặc khu ", "đặc khu"],
];

const DISTRICT_PREFIXES: readonly (readonly [string, UnitKind])[] = [
  ["Huyện ", "huyện"],
  ["Quận ", "quận"],
  ["Thị xã ", "thị xã"],
  ["Thành phố ", "thành phố"],
];

function kindByPrefix(name: string, prefixes: readonly (readonly [string, UnitKind])[]): UnitKind | null {
  for (const [prefix, kind] of prefixes) if (name.startsWith(prefix)) return kind;
  return null;
}

/** "Xã Tân Hồng" → "xã"; null when the name carries no commune-level prefix. */
export function communeKind(name: string): UnitKind | null {
  return kindByPrefix(name, COMMUNE_PREFIXES);
}

/** "Thị xã Kinh Môn" → "thị xã"; null when the name carries no district-level prefix. */
export function districtKind(name: string): UnitKind | null {
  return kindByPrefix(name, DISTRICT_PREFIXES);
}

/** A province named "Thành phố …" is centrally run; every other one is a tỉnh. */
export function provinceKind(name: string): UnitKind {
  return name.startsWith("Thành phố ") ? "thành phố trung ương" : "tỉnh";
}

/** ASCII slug of a Vietnamese name: "Thị xã Chũ" → "thi-xa-chu". */
export function asciiSlug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/gu, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
