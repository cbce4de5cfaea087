import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitsDiacritics, foldVietnamese, stripInvisible, words } from "../../src/resolve/text.ts";

describe("foldVietnamese", () => {
  it("removes diacritics, maps đ to d, lowers case and collapses spaces", () => {
    expect(foldVietnamese("  Xã Tân   Hồng ")).toBe("xa tan hong");
    expect(foldVietnamese("ĐƯỜNG AN")).toBe("duong an");
    expect(foldVietnamese("Thừa\tThiên\nHuế")).toBe("thua thien hue");
    expect(foldVietnamese("Cư M'gar")).toBe("cu m'gar");
  });

  it("folds NFC and NFD spellings alike", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(..."aăâđeêioôơuưyáàảãạấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựĐ ".split("")),
        }),
        (text) => {
          expect(foldVietnamese(text.normalize("NFD"))).toBe(foldVietnamese(text.normalize("NFC")));
          expect(foldVietnamese(text)).toMatch(/^[a-z ]*$/);
        },
      ),
    );
  });
});

describe("stripInvisible", () => {
  it("drops zero-width characters, emoji and controls but keeps letters", () => {
    expect(stripInvisible("Tân\u200bHồng\ufeff")).toBe("TânHồng");
    expect(stripInvisible("🏛️ Ba Đình 👍🏽🇻🇳")).toBe(" Ba Đình ");
    expect(stripInvisible("a\u0000b\u202ec")).toBe("a bc");
    expect(stripInvisible("Tân\nHồng\u00ad")).toBe("Tân Hồng");
  });
});

describe("words", () => {
  it("splits on punctuation and between letters and digits", () => {
    expect(words("P.12, Q. Gò Vấp").folded).toEqual(["p", "12", "q", "go", "vap"]);
    expect(words("TP.HCM").accented).toEqual(["tp", "hcm"]);
    expect(words("Xã Tân Hồng").accented).toEqual(["xã", "tân", "hồng"]);
  });
});

describe("fitsDiacritics", () => {
  it("accepts missing marks but not different ones", () => {
    expect(fitsDiacritics("tânhong", "tânhồng", "tanhong")).toBe(true);
    expect(fitsDiacritics("tânhồng", "tảnhồng", "tanhong")).toBe(false);
    expect(fitsDiacritics("tanhong", "tânhồng", "tanhong")).toBe(true);
    expect(fitsDiacritics("tanhon", "tânhồng", "tanhong")).toBe(false);
  });
});
