import { describe, expect, it } from "vitest";
import { commands, parseCommand } from "../../commands/index.ts";

const parse = (text: string, botName?: string) => parseCommand(text, commands, botName);
const name = (text: string, botName?: string) => {
  const parsed = parse(text, botName);
  return parsed.kind === "command" ? parsed.command.name : parsed.kind;
};

describe("finding the command in what a chair typed", () => {
  it("reads /cmd, /cmd@Bot and the arguments after it", () => {
    expect(parse("/diem Tan Hong 2022")).toMatchObject({ kind: "command", args: "Tan Hong 2022" });
    expect(parse("/diem@CchcBot tan hong", "CchcBot")).toMatchObject({ kind: "command", args: "tan hong" });
    expect(parse("/diem@cchcbot", "@CchcBot")).toMatchObject({ kind: "command", args: "" });
  });

  it("leaves a command addressed to another bot alone", () => {
    expect(parse("/diem@OtherBot tan hong", "CchcBot")).toEqual({ kind: "other-bot" });
  });

  it("takes names and aliases with or without diacritics, in any case", () => {
    expect(name("/Điểm")).toBe("diem");
    expect(name("/DIEM")).toBe("diem");
    expect(name("/trogiup")).toBe("help");
    expect(name("/trợ_giúp")).toBe("help");
    expect(name("/xephang")).toBe("hang");
    expect(name("tiêu chí Tân Hồng")).toBe("tieuchi");
  });

  it("runs bare words without a slash, the longest alias first", () => {
    expect(parse("diem tan hong 2022")).toMatchObject({ kind: "command", args: "tan hong 2022" });
    expect(parse("Xem điểm Tân Hồng")).toMatchObject({ kind: "command", args: "Tân Hồng" });
    expect(name("lịch tuần sau")).toBe("lich");
    expect(parse("lịch tuần sau")).toMatchObject({ args: "sau" });
    expect(name("/chao")).toBe("start");
  });

  it("runs a slash command with one slip of the thumb, but suggests for bigger typos", () => {
    expect(name("/diemm")).toBe("diem");
    expect(name("/dime")).toBe("diem");
    expect(name("/deim")).toBe("diem");
    expect(name("/tthcc")).toBe("tthc");
    const far = parse("/dim tan hong");
    expect(far).toMatchObject({ kind: "unknown", slash: true, args: "tan hong" });
    if (far.kind === "unknown") expect(far.suggestions.map((c) => c.name)).toContain("diem");
  });

  it("never runs a near-miss without a slash: it only suggests", () => {
    const parsed = parse("dime tan hong");
    expect(parsed.kind).toBe("unknown");
    if (parsed.kind === "unknown") expect(parsed.suggestions.map((c) => c.name)).toEqual(["diem"]);
    expect(parse("xin cám ơn bạn").kind).toBe("smalltalk");
  });

  it("answers greetings, thanks and ok as small talk, but not a question that starts with one", () => {
    const talk = (text: string) => {
      const parsed = parse(text);
      return parsed.kind === "smalltalk" ? parsed.talk : parsed.kind;
    };
    expect(talk("alo")).toBe("greeting");
    expect(talk("Chào bot!")).toBe("greeting");
    expect(talk("hi")).toBe("greeting");
    expect(talk("xin chào")).toBe("greeting");
    expect(talk("cảm ơn")).toBe("thanks");
    expect(talk("Thanks")).toBe("thanks");
    expect(talk("ok cảm ơn bot nhé")).toBe("thanks");
    expect(talk("ok")).toBe("ack");
    expect(talk("Vâng ạ")).toBe("ack");
    expect(talk("chào bot, điểm xã tôi")).toBe("command");
  });

  it("finds the command inside a sentence and keeps only the unit and the year", () => {
    expect(parse("xa Tan Hong duoc bao nhieu diem")).toMatchObject({
      kind: "command",
      command: { name: "diem" },
      args: "xa Tan Hong",
      inSentence: true,
    });
    expect(parse("điểm của xã tôi năm nay thế nào?")).toMatchObject({
      command: { name: "diem" },
      args: "năm nay",
    });
    expect(parse("xã Thống Nhất huyện Gia Lộc xếp thứ mấy năm 2022")).toMatchObject({
      command: { name: "hang" },
      args: "xã Thống Nhất huyện Gia Lộc năm 2022",
    });
    expect(parse("cho tôi xem hồ sơ trễ hạn của Bắc An")).toMatchObject({
      command: { name: "tthc" },
      args: "Bắc An",
    });
    // Name words that look like polite words stay: Cửa Lò, Chí Minh, Điềm He (not "điểm").
    expect(parse("cua lo duoc bao nhieu diem")).toMatchObject({ args: "cua lo" });
    expect(parse("chi minh bao nhieu diem")).toMatchObject({ args: "chi minh" });
    expect(parse("Thị trấn Điềm He xếp thứ mấy")).toMatchObject({
      command: { name: "hang" },
      args: "Thị trấn Điềm He",
    });
  });

  it("treats empty, emoji-only and huge input without throwing", () => {
    expect(parse("   ")).toEqual({ kind: "empty" });
    expect(parse("👍").kind).toBe("unknown");
    expect(parse(`/diem ${"x".repeat(10_000)}`).kind).toBe("command");
    expect(parse("x".repeat(10_000)).kind).toBe("unknown");
  });
});

describe("the registry", () => {
  it("has unique names and aliases, all typed without diacritics, and a Vietnamese description", () => {
    const seen = new Set<string>();
    for (const command of commands) {
      for (const word of [command.name, ...command.aliases]) {
        expect(word).toMatch(/^[a-z ]+$/);
        expect(seen.has(word), word).toBe(false);
        seen.add(word);
      }
      expect(command.description.length).toBeGreaterThan(10);
      expect(command.usage.startsWith(`/${command.name}`)).toBe(true);
    }
  });
});
