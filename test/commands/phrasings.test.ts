/**
 * How chairs write, checked against the demo database through the chat service: each row is what was
 * typed, when (the message's time: relative years and weeks count from it), and what must come back:
 * the command's heading with the unit and the year (or week), or the refusal in Vietnamese.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyText } from "../../commands/reply.ts";
import { yearWindow } from "../../src/store/index.ts";
import {
  type ChatDatabase,
  chatOver,
  linkChat,
  message,
  openDemoDatabase,
} from "../support/chat-database.ts";

const TAN_HONG = "Xã Tân Hồng, Huyện Bình Giang, Tỉnh Hải Dương";
const THONG_NHAT = "Xã Thống Nhất, Huyện Gia Lộc, Tỉnh Hải Dương";
const BAC_AN = "Xã Bắc An, Thành phố Chí Linh, Tỉnh Hải Dương";
const KINH_MON = "Thị xã Kinh Môn, Tỉnh Hải Dương";
const SONG_CAU = "Thị xã Sông Cầu, Tỉnh Phú Yên";
const PHA_LAI = "Phường Phả Lại, Thành phố Chí Linh, Tỉnh Hải Dương";

/** Message times, Vietnam mornings. */
const at = (day: string) => new Date(`${day}T09:00:00+07:00`);
const NOW = at("2026-01-05");
const MAR_2024 = at("2024-03-20");
const JUN_2023 = at("2023-06-01");

const diem = (unit: string, year: number) => [`Chỉ số CCHC năm ${year}`, unit];
const tieuchi = (unit: string, year: number) => [`Điểm từng lĩnh vực năm ${year}`, unit];
/** `scope` as the ranking's second line says it ("huyện Gia Lộc"); `marked` the row pointed at. */
const hang = (scope: string, year: number, marked?: string) => [
  `Xếp hạng Chỉ số CCHC năm ${year}`,
  scope,
  ...(marked ? [marked] : []),
];
/** `periodEnd` "02/12/2023": the period shown ends that day. */
const tthc = (unit: string, periodEnd: string) => ["Giải quyết thủ tục hành chính", unit, `–${periodEnd}`];
const WEEK_12 = ["Lịch làm việc tuần 12 (18/03–24/03/2024)", KINH_MON];
const refused = (sentence: string) => [sentence];

type Chat = "none" | "tanhong" | "anluu";
type Row = [text: string, now: Date, expected: string[], chat?: Chat];

const ROWS: Row[] = [
  // /diem: diacritics or not, typos, years in every place and form
  ["/diem Tan Hong 2022", NOW, diem(TAN_HONG, 2022)],
  ["/diem Tân Hồng 2022", NOW, diem(TAN_HONG, 2022)],
  ["/diem tân hồng", NOW, diem(TAN_HONG, 2022)],
  ["/Điểm Tân Hồng Bình Giang", NOW, diem(TAN_HONG, 2022)],
  ["/DIEM TAN HONG BINH GIANG 2021", NOW, diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng năm 2021", NOW, diem(TAN_HONG, 2021)],
  ["/diem Tan Hong nam 2021", NOW, diem(TAN_HONG, 2021)],
  ["/diem 2020 Tân Hồng", NOW, diem(TAN_HONG, 2020)],
  ["/diem năm 2020 tan hong", NOW, diem(TAN_HONG, 2020)],
  ["/diem Tân Hồng '21", NOW, diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng ’20", NOW, diem(TAN_HONG, 2020)],
  ["/diem Tân Hồng 21", NOW, diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng năm 21", NOW, diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng năm ngoái", JUN_2023, diem(TAN_HONG, 2022)],
  ["/diem Tan Hong nam ngoai", JUN_2023, diem(TAN_HONG, 2022)],
  ["/diem Tân Hồng năm kia", JUN_2023, diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng năm trước", at("2022-05-01"), diem(TAN_HONG, 2021)],
  ["/diem Tân Hồng năm nay", at("2022-10-01"), diem(TAN_HONG, 2022)],
  ["/diem Tân Hồng năm vừa qua", at("2023-01-10"), diem(TAN_HONG, 2022)],
  ["/diem Tân Hồng, Bình Giang (2021)", NOW, diem(TAN_HONG, 2021)],
  ["/diem tna hong binh giang", NOW, diem(TAN_HONG, 2022)],
  ["/diem Tan Hongg", NOW, diem(TAN_HONG, 2022)],
  ["/diem xã Tân Hồng huyện Bình Giang tỉnh Hải Dương", NOW, diem(TAN_HONG, 2022)],
  ["/diem X. Tân Hồng, H. Bình Giang", NOW, diem(TAN_HONG, 2022)],
  ["/dime Tân Hồng 2022", NOW, diem(TAN_HONG, 2022)],
  ["/diem@CchcBot tan hong 2021", NOW, diem(TAN_HONG, 2021)],
  ["/diem Thống Nhất Gia Lộc 2022", NOW, diem(THONG_NHAT, 2022)],
  ["/diem thong nhat gia loc", NOW, diem(THONG_NHAT, 2022)],
  ["/diem Thống Nhất, Gia Lộc năm ngoái", JUN_2023, diem(THONG_NHAT, 2022)],
  ["/diem Xuân Thọ 2", NOW, diem("Xã Xuân Thọ 2, Thị xã Sông Cầu", 2022)],
  ["/diem xuan tho 2 2022", NOW, diem("Xã Xuân Thọ 2, Thị xã Sông Cầu", 2022)],
  ["/diem Xuân Thọ 1 '22", NOW, diem("Xã Xuân Thọ 1, Thị xã Sông Cầu", 2022)],
  ["/diem Phả Lại 2021", NOW, diem(PHA_LAI, 2021)],
  ["/diem pha lai '20", NOW, diem(PHA_LAI, 2020)],
  ["/diem Sông Cầu 2022", NOW, diem(SONG_CAU, 2022)],
  ["/diem Gia Lộc", NOW, diem("Thị trấn Gia Lộc, Huyện Gia Lộc", 2022)],
  ["/diem Kẻ Sặt 20", NOW, diem("Thị trấn Kẻ Sặt, Huyện Bình Giang", 2020)],
  // Names that end in "Nam" or a number stay names
  [
    "/diem Chi Lăng Nam 2023",
    NOW,
    refused("Chưa có kết quả Chỉ số CCHC nào được công bố cho Xã Chi Lăng Nam"),
  ],
  ["/diem Chi Lang Nam", NOW, refused("Chưa có kết quả Chỉ số CCHC nào được công bố cho Xã Chi Lăng Nam")],
  ["/diem chi lang nam nam 2022", NOW, refused("công bố cho Xã Chi Lăng Nam, Huyện Thanh Miện")],
  ["/diem Phường 12 Gò Vấp 2022", NOW, refused("công bố cho Phường 12, Quận Gò Vấp")],
  ["/diem phuong 12 go vap", NOW, refused("công bố cho Phường 12, Quận Gò Vấp")],
  [
    "/diem Quảng Nam 2022",
    NOW,
    refused("“Quảng Nam” là Tỉnh Quảng Nam. Lệnh này xem cho xã, phường, thị trấn"),
  ],
  ["/tieuchi quang nam", NOW, refused("“quang nam” là Tỉnh Quảng Nam.")],
  ["/diem Tân Hồng Từ Sơn", NOW, refused("công bố cho Phường Tân Hồng, Thành phố Từ Sơn")],
  ["/diem Tân Hồng 2019", NOW, refused("Không có dữ liệu năm 2019 của Xã Tân Hồng")],
  ["/diem Tan Hong 1999", NOW, refused("Không có dữ liệu năm 1999 của Xã Tân Hồng")],
  ["/diem Tân Hồng 2025", NOW, refused("Kết quả năm 2025 chưa được công bố.")],
  ["/diem xyzxyz", NOW, refused("Không tìm thấy đơn vị “xyzxyz”")],
  ["/diem", NOW, refused("Bạn muốn xem đơn vị nào?")],
  // /diem without a slash and in sentences
  ["diem tan hong 2022", NOW, diem(TAN_HONG, 2022)],
  ["Xem điểm Tân Hồng", NOW, diem(TAN_HONG, 2022)],
  ["xa Tan Hong duoc bao nhieu diem", NOW, diem(TAN_HONG, 2022)],
  ["xã Tân Hồng được bao nhiêu điểm?", NOW, diem(TAN_HONG, 2022)],
  ["Tân Hồng được mấy điểm năm 2021", NOW, diem(TAN_HONG, 2021)],
  ["điểm xã Tân Hồng năm 2020 thế nào", NOW, diem(TAN_HONG, 2020)],
  ["cho tôi xem điểm Tân Hồng Bình Giang", NOW, diem(TAN_HONG, 2022)],
  ["kết quả chỉ số CCHC của xã Tân Hồng", NOW, diem(TAN_HONG, 2022)],
  ["Điểm của xã Thống Nhất, Gia Lộc năm ngoái ra sao?", JUN_2023, diem(THONG_NHAT, 2022)],
  ["bot ơi điểm Phả Lại năm 2021 là bao nhiêu", NOW, diem(PHA_LAI, 2021)],
  ["cua lo duoc bao nhieu diem", NOW, refused("công bố cho Phường Cửa Lò")],
  ["chi minh bao nhieu diem 2021", NOW, diem("Phường Chí Minh, Thành phố Chí Linh", 2021)],
  // The linked unit
  ["/diem", NOW, diem(TAN_HONG, 2022), "tanhong"],
  ["/diem 2021", NOW, diem(TAN_HONG, 2021), "tanhong"],
  ["/diem năm 2020", NOW, diem(TAN_HONG, 2020), "tanhong"],
  ["/diem '21", NOW, diem(TAN_HONG, 2021), "tanhong"],
  ["/diem năm ngoái", JUN_2023, diem(TAN_HONG, 2022), "tanhong"],
  ["điểm của xã tôi năm nay thế nào?", JUN_2023, refused("Kết quả năm 2023 chưa được công bố."), "tanhong"],
  ["điểm của xã tôi năm ngoái thế nào?", JUN_2023, diem(TAN_HONG, 2022), "tanhong"],
  ["xã mình được bao nhiêu điểm", NOW, diem(TAN_HONG, 2022), "tanhong"],
  ["điểm đơn vị tôi năm 2021", NOW, diem(TAN_HONG, 2021), "tanhong"],
  // /tieuchi
  ["/tieuchi Sông Cầu 2022", NOW, tieuchi(SONG_CAU, 2022)],
  ["tiêu chí Tân Hồng 2021", NOW, tieuchi(TAN_HONG, 2021)],
  ["/tieuchi tan hong nam ngoai", at("2023-03-01"), tieuchi(TAN_HONG, 2022)],
  ["lĩnh vực nào của xã Thống Nhất Gia Lộc thấp nhất", NOW, tieuchi(THONG_NHAT, 2022)],
  ["/tieuchi Tân Hồng 2019", NOW, refused("Không có dữ liệu năm 2019 của Xã Tân Hồng")],
  ["/tieuchi", NOW, tieuchi(TAN_HONG, 2022), "tanhong"],
  // /hang: a district, a province, a commune (its district's ranking, marked)
  ["/hang Gia Lộc 2022", NOW, hang("18 xã, thị trấn huyện Gia Lộc", 2022)],
  ["/hang gia loc", NOW, hang("huyện Gia Lộc", 2022)],
  [
    "/hang Thị trấn Gia Lộc",
    NOW,
    hang("huyện Gia Lộc", 2022, "👉 6. Thị trấn Gia Lộc 83,95% ↓4 ◇ (đơn vị bạn hỏi)"),
  ],
  ["xếp hạng huyện Gia Lộc", NOW, hang("huyện Gia Lộc", 2022)],
  ["bảng xếp hạng Gia Lộc năm 2021", NOW, hang("huyện Gia Lộc", 2021)],
  ["/xephang Gia Loc '21", NOW, hang("huyện Gia Lộc", 2021)],
  ["/hang Tân Hồng", NOW, hang("huyện Bình Giang", 2022, "👉 1. Tân Hồng 87,032% = △ (đơn vị bạn hỏi)")],
  ["/hang Tân Hồng 2021", NOW, hang("huyện Bình Giang", 2021, "(đơn vị bạn hỏi)")],
  ["/hang tan hong nam ngoai", JUN_2023, hang("huyện Bình Giang", 2022, "(đơn vị bạn hỏi)")],
  ["/hang Phú Yên 2022", NOW, hang("9 huyện, thị xã, thành phố tỉnh Phú Yên", 2022)],
  ["/hang Sông Cầu 2022", NOW, hang("13 xã, phường thị xã Sông Cầu", 2022)],
  ["/hang Bình Giang '21", NOW, hang("huyện Bình Giang", 2021)],
  ["/hang Chí Linh 2021", NOW, hang("thành phố Chí Linh", 2021)],
  ["/hang Kinh Môn 2021", NOW, hang("thị xã Kinh Môn", 2021)],
  ["/hang Phả Lại 2021", NOW, hang("thành phố Chí Linh", 2021, "(đơn vị bạn hỏi)")],
  [
    "/hang Thống Nhất Gia Lộc",
    NOW,
    hang("huyện Gia Lộc", 2022, "👉 1. Thống Nhất 87,49% ↑12 (đơn vị bạn hỏi)"),
  ],
  ["xã Thống Nhất huyện Gia Lộc xếp thứ mấy năm 2022", NOW, hang("huyện Gia Lộc", 2022, "👉 1. Thống Nhất")],
  ["/hang Quảng Nam 2022", NOW, refused("Chưa có bảng xếp hạng nào được công bố cho Tỉnh Quảng Nam.")],
  ["/hang Quang Nam", NOW, refused("Chưa có bảng xếp hạng nào được công bố cho Tỉnh Quảng Nam.")],
  ["/hang Cẩm Giàng", NOW, refused("Chưa có bảng xếp hạng nào được công bố cho Huyện Cẩm Giàng")],
  [
    "/hang Tân Hồng Đồng Tháp",
    NOW,
    refused("Chưa có bảng xếp hạng nào được công bố cho Huyện Tân Hồng, Tỉnh Đồng Tháp"),
  ],
  ["/hang Gia Lộc 2019", NOW, refused("Không có bảng xếp hạng năm 2019. Các năm đã công bố: 2022, 2021.")],
  ["/hang", NOW, hang("huyện Bình Giang", 2022, "👉 1. Tân Hồng 87,032% = △ (đơn vị của bạn)"), "tanhong"],
  ["/hang 2021", NOW, hang("huyện Bình Giang", 2021, "(đơn vị của bạn)"), "tanhong"],
  ["xã mình xếp thứ mấy", NOW, hang("huyện Bình Giang", 2022, "(đơn vị của bạn)"), "tanhong"],
  ["xếp hạng của xã tôi năm ngoái", JUN_2023, hang("huyện Bình Giang", 2022, "(đơn vị của bạn)"), "tanhong"],
  ["/hang", NOW, hang("thị xã Kinh Môn", 2021, "(đơn vị của bạn)"), "anluu"],
  // /tthc: periods as years, quarters, months; impossible ones refused
  ["/tthc Bắc An", NOW, tthc(BAC_AN, "02/12/2023")],
  ["/tthc bac an 2023", NOW, tthc(BAC_AN, "02/12/2023")],
  ["/tthc Bắc An 2022", NOW, tthc(BAC_AN, "02/12/2022")],
  ["/tthc Bắc An năm ngoái", JUN_2023, tthc(BAC_AN, "02/12/2022")],
  ["/tthc Bắc An '21", NOW, tthc(BAC_AN, "02/12/2021")],
  ["/tthc Bắc An quý 4/2023", NOW, tthc(BAC_AN, "02/12/2023")],
  ["/tthc Bắc An quý 4 năm 2022", NOW, tthc(BAC_AN, "02/12/2022")],
  ["/tthc Bắc An tháng 12/2023", NOW, tthc(BAC_AN, "02/12/2023")],
  ["/tthc Bắc An 12/2023", NOW, tthc(BAC_AN, "02/12/2023")],
  ["/tthc Tân Hồng", NOW, tthc(TAN_HONG, "22/09/2023")],
  ["/tthc tan hong binh giang 2022", NOW, tthc(TAN_HONG, "22/09/2022")],
  ["hồ sơ trễ hạn của Bắc An", NOW, tthc(BAC_AN, "02/12/2023")],
  ["Bắc An có bao nhiêu hồ sơ trễ hạn?", NOW, tthc(BAC_AN, "02/12/2023")],
  ["thủ tục hành chính xã Tân Hồng năm 2022", NOW, tthc(TAN_HONG, "22/09/2022")],
  ["/tthc", NOW, tthc(TAN_HONG, "22/09/2023"), "tanhong"],
  ["hồ sơ của xã tôi năm 2021", NOW, tthc(TAN_HONG, "22/09/2021"), "tanhong"],
  ["/tthc Bắc An quý 1/2019", NOW, refused("Không có số liệu giải quyết TTHC quý 1/2019 của Xã Bắc An.")],
  ["/tthc Bắc An quý 7/2023", NOW, refused("Không có quý 7: một năm có 4 quý.")],
  ["/tthc Bắc An tháng 13/2023", NOW, refused("Không có tháng 13: một năm có 12 tháng.")],
  ["/tthc Bắc An 2023/12", NOW, refused("Không đọc được kỳ “2023/12”")],
  ["/tthc 31/12/2023 Bắc An", NOW, refused("Không đọc được kỳ “31/12/2023”")],
  ["/tthc Thống Nhất Gia Lộc", NOW, refused("Chưa có số liệu giải quyết TTHC của Xã Thống Nhất")],
  [
    "/tthc Tân Hồng Từ Sơn",
    NOW,
    refused("Chưa có số liệu giải quyết TTHC của Phường Tân Hồng, Thành phố Từ Sơn"),
  ],
  // /lich: week numbers with and without a year, dates, relative weeks
  ["/lich 12/2024 Kinh Mon", NOW, WEEK_12],
  ["/lich tuần 12/2024 Kinh Môn", NOW, WEEK_12],
  ["/lich 12 năm 2024 Kinh Môn", NOW, WEEK_12],
  ["/lich Kinh Môn 12/2024", NOW, WEEK_12],
  ["/lich 18/3/2024 Kinh Môn", NOW, WEEK_12],
  ["/lich ngày 24/03/2024 Kinh Môn", NOW, WEEK_12],
  ["/lich 20-3-2024 kinh mon", NOW, WEEK_12],
  ["/lich 12 Kinh Môn", MAR_2024, WEEK_12],
  ["/lich Kinh Môn", MAR_2024, WEEK_12],
  ["/lich 20/3 Kinh Môn", MAR_2024, WEEK_12],
  ["/lich tuần sau Kinh Môn", at("2024-03-13"), WEEK_12],
  ["/lich tuần trước Kinh Môn", at("2024-03-27"), WEEK_12],
  ["lịch làm việc Kinh Môn tuần 12/2024", NOW, WEEK_12],
  ["/lich 10/2024 Kinh Môn", NOW, ["Lịch làm việc tuần 10 (04/03–10/03/2024)", KINH_MON]],
  ["/lich 12/2024 Kinh Môn trang 2", NOW, [...WEEK_12, "Trang 2/3."]],
  ["/lich 12/2024 Kinh Môn cả tuần", NOW, [...WEEK_12, "Thứ Hai, 18/03", "Thứ Sáu, 22/03"]],
  ["/lich", MAR_2024, WEEK_12, "anluu"],
  ["lịch tuần này", MAR_2024, WEEK_12, "anluu"],
  ["lịch tuần sau", at("2024-03-13"), WEEK_12, "anluu"],
  ["/lich 18/3/2024", NOW, WEEK_12, "anluu"],
  ["/lich 60/2024 Kinh Môn", NOW, refused("Không có tuần 60: một năm có 52 hoặc 53 tuần.")],
  ["/lich tuần 0 Kinh Môn", NOW, refused("Không có tuần 0")],
  ["/lich 53/2024 Kinh Môn", NOW, refused("Năm 2024 không có tuần 53.")],
  ["/lich 31/2/2024 Kinh Môn", NOW, refused("Ngày 31/2/2024 không có trong lịch.")],
  ["/lich 18/3/2024", NOW, refused("Bạn muốn xem đơn vị nào?")],
  // Greetings, thanks, help
  ["alo", NOW, refused("Xin chào!")],
  ["hi", NOW, refused("Xin chào!")],
  ["chào bot", NOW, refused("Xin chào!")],
  ["Xin chào", NOW, refused("Xin chào!")],
  ["ok", NOW, refused("Vâng ạ.")],
  ["oke", NOW, refused("Vâng ạ.")],
  ["cảm ơn", NOW, refused("Không có gì ạ!")],
  ["Cảm ơn bot nhiều nhé!", NOW, refused("Không có gì ạ!")],
  ["thanks", NOW, refused("Không có gì ạ!")],
  ["cam on ban", NOW, refused("Không có gì ạ!")],
  ["/help", NOW, refused("Các lệnh chính:")],
  ["/trogiup", NOW, refused("Các lệnh chính:")],
  ["/help them", NOW, refused("/caidat")],
  ["blah blah", NOW, refused("Tôi chưa hiểu “blah”.")],
  ["Tân Hồng", NOW, refused("Bạn muốn xem gì của “Tân Hồng”?")],
  ["tan hong binh giang", NOW, refused("Bạn muốn xem gì của “tan hong binh giang”?")],
  ["Kinh Môn", NOW, refused("Bạn muốn xem gì của “Kinh Môn”?")],
  ["/dim tan hong", NOW, refused("Bạn có muốn /diem")],
];

let db: ChatDatabase;
let chat: ReturnType<typeof chatOver>["chat"];
const chatIds: Record<Chat, string> = {
  none: "phrasings",
  tanhong: "phrasings-tanhong",
  anluu: "phrasings-anluu",
};

beforeAll(async () => {
  db = await openDemoDatabase();
  chat = chatOver(db.store).chat;
  const [tanHong] = await db.store.units.findByCode("10972", yearWindow(2022), "commune");
  await linkChat(db.store, chat, chatIds.tanhong, tanHong!.id, MAR_2024);
  const anLuu = await db.client.execute(
    "SELECT u.id FROM units u JOIN units d ON d.id = u.parent_id WHERE u.name = 'Phường An Lưu' AND d.name = 'Thị xã Kinh Môn'",
  );
  await linkChat(db.store, chat, chatIds.anluu, Number(anLuu.rows[0]!.id), MAR_2024);
}, 60_000);
afterAll(() => db.close());

describe("how chairs write", () => {
  it("has at least 120 phrasings", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(120);
  });

  it.each(ROWS)("%s (%s)", async (text, now, expected, linked = "none") => {
    const answer = replyText(await chat.handle(message(text, { chatId: chatIds[linked] }), now));
    for (const part of expected) expect(answer).toContain(part);
  });

  it("does not point at a seat town when its district's name was typed", async () => {
    const answer = replyText(await chat.handle(message("/hang Gia Lộc", { chatId: chatIds.none }), NOW));
    expect(answer).not.toContain("👉");
  });
});

describe("replies that fit a phone screen", () => {
  it("keeps /help and every page of /lich within 600 characters, with Xem thêm for the rest", async () => {
    const ask = async (text: string) => chat.handle(message(text, { chatId: chatIds.none }), NOW);
    const help = await ask("/help");
    expect(replyText(help).length).toBeLessThanOrEqual(600);
    expect(help.choices).toEqual([{ label: "Xem thêm: mọi lệnh và ví dụ", command: "/help them" }]);
    expect(replyText(await ask(help.choices[0]!.command))).toContain("/xoadulieu");

    let page = await ask("/lich 12/2024 Kinh Môn");
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const text = replyText(page);
      expect(text.length).toBeLessThanOrEqual(600);
      seen.push(text);
      const more = page.choices.find((c) => c.label.startsWith("Xem thêm"));
      if (!more) break;
      page = await ask(more.command);
    }
    expect(seen).toHaveLength(3);
    // Every item of the week shows on some page, once.
    const items = seen.join("\n").match(/^• /gmu) ?? [];
    expect(items).toHaveLength(5);
  });
});

describe("in a group", () => {
  it("answers commands, but not sentences or small talk among members", async () => {
    const group = { chatType: "group" as const, chatId: "-100phrasings" };
    const say = async (text: string) => replyText(await chat.handle(message(text, group), NOW));
    expect(await say("lịch họp chiều nay thế nào")).toBe("");
    expect(await say("xã mình được bao nhiêu điểm")).toBe("");
    expect(await say("cảm ơn")).toBe("");
    expect(await say("ok")).toBe("");
    expect(await say("/diem Tân Hồng 2022")).toContain("Chỉ số CCHC năm 2022");
    expect(await say("diem tan hong 2022")).toContain("Chỉ số CCHC năm 2022");
    expect(await say("điểm Tân Hồng 2022?")).toContain("Chỉ số CCHC năm 2022");
  });
});
