/**
 * A small hand-built register for resolver unit tests: real names and codes around Tân Hồng (two
 * former units and a new one that reuses a code), a few Thống Nhất, a numbered ward and a name that
 * starts with a type word ("Quan Sơn"). The national table test uses the real register instead.
 */
import type { ResolvableUnit, UnitKind, UnitLevel } from "../../src/domain/unit.ts";

const OLD_END = "2025-06-30";
const NEW_START = "2025-07-01";

interface Spec {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  parent?: number;
  until?: boolean;
  from?: boolean;
  successors?: number[];
}

const specs: Spec[] = [
  // Before 1 July 2025.
  { id: 1, code: "30", name: "Tỉnh Hải Dương", kind: "tỉnh", level: "province", until: true },
  { id: 2, code: "27", name: "Tỉnh Bắc Ninh", kind: "tỉnh", level: "province", until: true },
  { id: 3, code: "87", name: "Tỉnh Đồng Tháp", kind: "tỉnh", level: "province", until: true },
  { id: 4, code: "38", name: "Tỉnh Thanh Hóa", kind: "tỉnh", level: "province", until: true },
  {
    id: 5,
    code: "79",
    name: "Thành phố Hồ Chí Minh",
    kind: "thành phố trung ương",
    level: "province",
    until: true,
  },
  { id: 10, code: "296", name: "Huyện Bình Giang", kind: "huyện", level: "district", parent: 1, until: true },
  { id: 11, code: "294", name: "Huyện Gia Lộc", kind: "huyện", level: "district", parent: 1, until: true },
  {
    id: 12,
    code: "261",
    name: "Thành phố Từ Sơn",
    kind: "thành phố",
    level: "district",
    parent: 2,
    until: true,
  },
  { id: 13, code: "869", name: "Huyện Tân Hồng", kind: "huyện", level: "district", parent: 3, until: true },
  { id: 14, code: "387", name: "Huyện Quan Sơn", kind: "huyện", level: "district", parent: 4, until: true },
  { id: 15, code: "764", name: "Quận Gò Vấp", kind: "quận", level: "district", parent: 5, until: true },
  {
    id: 20,
    code: "10972",
    name: "Xã Tân Hồng",
    kind: "xã",
    level: "commune",
    parent: 10,
    until: true,
    successors: [101],
  },
  {
    id: 21,
    code: "09391",
    name: "Phường Tân Hồng",
    kind: "phường",
    level: "commune",
    parent: 12,
    until: true,
    successors: [102],
  },
  {
    id: 22,
    code: "29926",
    name: "Thị trấn Sa Rài",
    kind: "thị trấn",
    level: "commune",
    parent: 13,
    until: true,
    successors: [103],
  },
  {
    id: 23,
    code: "11008",
    name: "Xã Thống Nhất",
    kind: "xã",
    level: "commune",
    parent: 11,
    until: true,
    successors: [104],
  },
  {
    id: 24,
    code: "15397",
    name: "Thị trấn Thống Nhất",
    kind: "thị trấn",
    level: "commune",
    parent: 4,
    until: true,
  },
  {
    id: 25,
    code: "26881",
    name: "Phường 12",
    kind: "phường",
    level: "commune",
    parent: 15,
    until: true,
    successors: [105],
  },
  {
    id: 26,
    code: "10975",
    name: "Xã Thúc Kháng",
    kind: "xã",
    level: "commune",
    parent: 10,
    until: true,
    successors: [101],
  },
  // From 1 July 2025.
  {
    id: 90,
    code: "31",
    name: "Thành phố Hải Phòng",
    kind: "thành phố trung ương",
    level: "province",
    from: true,
  },
  { id: 91, code: "24", name: "Tỉnh Bắc Ninh", kind: "tỉnh", level: "province", from: true },
  { id: 92, code: "82", name: "Tỉnh Đồng Tháp", kind: "tỉnh", level: "province", from: true },
  {
    id: 93,
    code: "79",
    name: "Thành phố Hồ Chí Minh",
    kind: "thành phố trung ương",
    level: "province",
    from: true,
  },
  { id: 101, code: "10972", name: "Xã Đường An", kind: "xã", level: "commune", parent: 90, from: true },
  { id: 102, code: "09367", name: "Phường Từ Sơn", kind: "phường", level: "commune", parent: 91, from: true },
  { id: 103, code: "29926", name: "Xã Tân Hồng", kind: "xã", level: "commune", parent: 92, from: true },
  { id: 104, code: "11020", name: "Xã Yết Kiêu", kind: "xã", level: "commune", parent: 90, from: true },
  {
    id: 105,
    code: "26882",
    name: "Phường An Hội Tây",
    kind: "phường",
    level: "commune",
    parent: 93,
    from: true,
  },
  { id: 106, code: "26299", name: "Xã Thống Nhất", kind: "xã", level: "commune", parent: 92, from: true },
];

function build(): ResolvableUnit[] {
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  return specs.map((spec) => {
    const ancestors: ResolvableUnit["ancestors"] = [];
    for (let parent = spec.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
      const found = byId.get(parent)!;
      ancestors.push({ id: found.id, name: found.name, kind: found.kind, code: found.code });
    }
    return {
      id: spec.id,
      code: spec.code,
      name: spec.name,
      kind: spec.kind,
      level: spec.level,
      parentId: spec.parent ?? null,
      validFrom: spec.from ? NEW_START : null,
      validTo: spec.until ? OLD_END : null,
      source: "test",
      ancestors,
      successors: (spec.successors ?? []).map((id) => {
        const successor = byId.get(id)!;
        return { id, name: successor.name, code: successor.code, kind: "full" as const };
      }),
    };
  });
}

export const sampleUnits: readonly ResolvableUnit[] = build();

/** Ids of the sample units, for readable assertions. */
export const ids = {
  haiDuong: 1,
  bacNinhOld: 2,
  binhGiang: 10,
  tuSon: 12,
  huyenTanHong: 13,
  tanHongBinhGiang: 20,
  tanHongTuSon: 21,
  saRai: 22,
  thongNhatGiaLoc: 23,
  thongNhatYenDinh: 24,
  phuong12GoVap: 25,
  duongAn: 101,
  tanHongDongThap: 103,
  thongNhatDongThap: 106,
} as const;
