import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Part, reply, type Span } from "../../commands/reply.ts";
import { toTelegramHtml } from "../../src/chat/render.ts";
import { splitPlain, splitTelegramHtml } from "../../src/chat/split.ts";
import { parseTelegramHtml } from "../support/fake-telegram-api.ts";

const textOf = (html: string): string => {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed) throw new Error(`${parsed.error} in ${JSON.stringify(html)}`);
  return parsed.text;
};

const character = fc.constantFrom(..."aăđ ếxyz<>&\"'.,0123456789".split(""), "😀", "🇻🇳", "\u0301", " ", " ");
const spanText = fc.string({ unit: character, maxLength: 30 });
const span: fc.Arbitrary<Span> = fc.record({
  text: spanText,
  style: fc.constantFrom("plain", "bold", "italic", "code"),
});
const replyArbitrary = fc
  .record({
    lines: fc.array(fc.array(span, { maxLength: 6 }), { maxLength: 40 }),
    link: fc.option(fc.record({ label: spanText, url: fc.webUrl().filter((url) => url.length <= 60) }), {
      nil: undefined,
    }),
  })
  .map(({ lines, link }) => {
    const builder = reply();
    for (const line of lines) builder.line(...(line as Part[]));
    if (link) builder.link(link.label || "link", link.url);
    return builder.build();
  });

/** Nested markup beyond what the renderer produces: tags spanning lines, attributes, entities. */
const htmlText = fc.string({
  unit: fc.constantFrom("a", "b", " ", "\n", "&amp;", "&lt;", "&#128512;", "đ", "😀"),
  maxLength: 40,
});
const nestedHtml: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    htmlText,
    fc
      .tuple(fc.constantFrom("b", "i", "u", "s", "code"), fc.array(tie("node"), { maxLength: 3 }))
      .map(([tag, children]) => `<${tag}>${children.join("")}</${tag}>`),
    // Telegram allows no link inside a link.
    htmlText.map((text) => `<a href="https://x.vn/?a=1&amp;b=2">${text}</a>`),
  ),
})).node;

describe("splitTelegramHtml", () => {
  it("keeps short messages whole", () => {
    expect(splitTelegramHtml("<b>Xin chào</b>")).toEqual(["<b>Xin chào</b>"]);
    expect(splitTelegramHtml("")).toEqual([]);
  });

  it("splits at line breaks and reopens the tags open at the cut", () => {
    const chunks = splitTelegramHtml("<b>dòng một\ndòng hai\ndòng ba</b>", 20);
    expect(chunks).toEqual(["<b>dòng một\n</b>", "<b>dòng hai\n</b>", "<b>dòng ba</b>"]);
  });

  it("never cuts inside an entity or a tag with attributes", () => {
    const html = `<a href="https://x.vn/?q=1&amp;r=2">${"&amp;".repeat(30)}</a>`;
    for (const chunk of splitTelegramHtml(html, 60)) {
      expect(chunk.length).toBeLessThanOrEqual(60);
      expect(textOf(chunk)).toMatch(/^&+$/);
    }
  });

  it("splits a long rendered reply into balanced chunks under 4096 characters", () => {
    const builder = reply();
    for (let i = 1; i <= 400; i++)
      builder.line(`${i}. `, { text: "Xã Tân Hồng <cũ> & mới", style: "bold" }, " 87,03");
    const html = toTelegramHtml(builder.build());
    const chunks = splitTelegramHtml(html);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    expect(chunks.map(textOf).join("")).toBe(textOf(html));
  });

  it("keeps every chunk within the limit, balanced, and the text intact (rendered replies)", () => {
    fc.assert(
      fc.property(replyArbitrary, fc.integer({ min: 120, max: 400 }), (value, limit) => {
        const html = toTelegramHtml(value);
        const chunks = splitTelegramHtml(html, limit);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(limit);
        expect(chunks.map(textOf).join("")).toBe(textOf(html));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every chunk within the limit, balanced, and the text intact (nested markup)", () => {
    fc.assert(
      fc.property(nestedHtml, fc.integer({ min: 120, max: 300 }), (html, limit) => {
        const chunks = splitTelegramHtml(html, limit);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(limit);
        expect(chunks.map(textOf).join("")).toBe(textOf(html));
      }),
      { numRuns: 300 },
    );
  });
});

/** Tags as the splitter reads them, with its rule that a closing tag closes what it names and all inside. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>/g;
const withoutTags = (html: string) => html.replace(TAG, "");
const openAtEnd = (html: string): string[] => {
  let stack: string[] = [];
  for (const [, close, name] of html.matchAll(TAG)) {
    const tag = name!.toLowerCase();
    if (!close) stack.push(tag);
    else if (stack.lastIndexOf(tag) >= 0) stack = stack.slice(0, stack.lastIndexOf(tag));
  }
  return stack;
};

describe("splitTelegramHtml on any markup, whole or cut", () => {
  const tag = fc.constantFrom(
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<B>",
    '<a href="x">',
    "</a>",
    "<code>",
    "</code>",
  );
  const text = fc.string({
    unit: fc.constantFrom("a", " ", "\n", "&amp;", "đ", "😀", "<", ">"),
    maxLength: 12,
  });
  // Up to six tags, opened and closed in any order, between runs of text.
  const markup = fc
    .array(fc.tuple(text, tag), { maxLength: 6 })
    .chain((parts) => text.map((tail) => parts.map(([t, g]) => t + g).join("") + tail));

  it("keeps every chunk within the limit and closed, and the text between the tags intact", () => {
    fc.assert(
      fc.property(markup, fc.integer({ min: -10, max: 30 }), (html, slack) => {
        const limit = Math.max(130, html.length + slack);
        const chunks = splitTelegramHtml(html, limit);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(openAtEnd(chunk)).toEqual([]);
        }
        expect(withoutTags(chunks.join(""))).toBe(withoutTags(html));
        if (chunks.length === 1 && openAtEnd(html).length === 0) expect(chunks[0]).toBe(html);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives a short, balanced reply back as it is", () => {
    const html = toTelegramHtml(reply().line({ text: "Xã Tân Hồng", style: "bold" }, " 87,03").build());
    expect(splitTelegramHtml(html)).toEqual([html]);
    expect(splitTelegramHtml("<b>mở")).toEqual(["<b>mở</b>"]);
  });
});

describe("splitPlain", () => {
  it("prefers paragraph, then line, then space boundaries", () => {
    expect(splitPlain("aaaa bbbb\n\ncccc dddd", 12)).toEqual(["aaaa bbbb\n\n", "cccc dddd"]);
    expect(splitPlain("aaaa\nbbbb cccc", 10)).toEqual(["aaaa\nbbbb ", "cccc"]);
    expect(splitPlain("aaaaaaaaaa", 4)).toEqual(["aaaa", "aaaa", "aa"]);
  });

  it("normalises to NFC before counting", () => {
    const nfd = "Tân Hồng".normalize("NFD");
    expect(splitPlain(nfd, 2000)).toEqual(["Tân Hồng"]);
  });

  it("keeps every chunk within the limit and the text intact", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "ố", " ", "\n", "\n\n", "😀", "đ", "x"),
      maxLength: 600,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 120 }), (value, limit) => {
        const chunks = splitPlain(value, limit);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        }
        expect(chunks.join("")).toBe(value.normalize("NFC"));
      }),
      { numRuns: 300 },
    );
  });
});
