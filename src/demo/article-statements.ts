/**
 * What the articles say in words about named units, quoted: the reasons they give for a head rating,
 * and where they contradict themselves. Replies show these lines as the source's, never settle them.
 */

/** Per fixture key, per unit name: the article's reason for the unit's head rating. */
export const STATED_REASONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "gia-loc-2022": Object.fromEntries(
    ["Thị trấn Gia Lộc", "Hoàng Diệu", "Yết Kiêu", "Gia Tân", "Gia Lương", "Phạm Trấn"].map((name) => [
      name,
      "Bài công bố: đạt hơn 80% số điểm quy định “nhưng 1 số lĩnh vực chưa đạt 70% số điểm quy định, vì vậy chỉ xếp loại hoàn thành nhiệm vụ”.",
    ]),
  ),
  "kinh-mon-2021": Object.fromEntries(
    ["An Lưu", "An Sinh", "Phú Thứ"].map((name) => [
      name,
      "Bài công bố: “có chỉ số tổng hợp đạt trên 90%, tuy nhiên chỉ số lĩnh vực hiện đại hóa nền hành chính chỉ đạt dưới 70%”, nên xếp loại Hoàn thành nhiệm vụ.",
    ]),
  ),
};

const KINH_MON_TWICE = (name: string) =>
  `Nguồn mâu thuẫn: ${name} có tên ở cả nhóm “trên 90%” và nhóm “trên 80%” (nhóm này ghi “gồm 18 xã, phường” nhưng liệt kê 20 tên); ở đây xếp vào nhóm trên 90%.`;

/** Per fixture key, per unit name: the article's contradictions about the unit, one line each. */
export const UNIT_CONFLICTS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  "kinh-mon-2021": {
    "An Sinh": [KINH_MON_TWICE("An Sinh")],
    "Phú Thứ": [KINH_MON_TWICE("Phú Thứ")],
  },
};
