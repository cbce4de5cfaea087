/**
 * The admin API's answers, in zod: ./routes.ts declares each route's 200 and error bodies with these, so
 * `/admin/openapi.json` documents what the handlers of ./api.ts return (test/admin/openapi.test.ts parses
 * every real answer with its route's schema). Requests are ./schemas.ts's. Descriptions in Vietnamese.
 */
import { z } from "@hono/zod-openapi";
import { IMPORT_KINDS } from "../imports/index.ts";

// ---------- shared pieces ----------

const text = (description: string) => z.string().describe(description);
const count = (description: string) => z.number().int().min(0).describe(description);
const instant = (description: string) => z.string().describe(`${description} (thời điểm ISO 8601, UTC)`);
const isoDate = (description: string) => z.string().describe(`${description} (YYYY-MM-DD)`);
const nullable = <T extends z.ZodType>(schema: T, description: string) =>
  schema.nullable().describe(description);

const unitRef = z
  .object({ code: text("Mã đơn vị (mã GSO)"), name: text("Tên đơn vị") })
  .describe("Đơn vị: mã và tên");
const methodologyRef = z
  .object({ id: text("Mã phương pháp chấm điểm"), version: text("Phiên bản phương pháp") })
  .describe("Phương pháp chấm điểm đã dùng");

// ---------- errors ----------

export const errorBody = z.object({ error: z.string().describe("Lý do, bằng tiếng Việt") });

const fieldProblem = z.object({
  field: text('Tên trường bị từ chối (ví dụ "year", "week"; "(thân yêu cầu)" khi là cả thân)'),
  message: text("Vì sao, bằng tiếng Việt"),
});

/** A body, query or path parameter zod refused (fieldProblems of ./schemas.ts): one line per field. */
export const fieldErrorBody = errorBody
  .extend({ fields: z.array(fieldProblem).min(1).describe("Từng trường bị từ chối và lý do") })
  .describe("Yêu cầu không hợp lệ: nêu từng trường");

/** A JSON body route's 400: the fields named, or (no `fields`) a body that is not JSON at all. */
export const jsonFieldErrorBody = errorBody
  .extend({
    fields: z
      .array(fieldProblem)
      .min(1)
      .optional()
      .describe("Từng trường bị từ chối và lý do; không có khi thân yêu cầu không phải JSON hợp lệ"),
  })
  .describe("Yêu cầu không hợp lệ: nêu từng trường");

/** An import naming units outside the token's subtree: the rows, one sentence each. */
/** One refused row, the same shape wherever a file is refused (an import, a scope check, a score sheet). */
const problemItem = (codes: string) =>
  z.object({
    line: nullable(
      z.number().int(),
      "Dòng của tệp CSV (dòng tiêu đề là 1) hoặc số thứ tự bản ghi JSON; null: cả tệp",
    ),
    code: text(`Mã lỗi cho chương trình: ${codes}`),
    message: text('Một câu tiếng Việt, bắt đầu bằng vị trí: "Dòng 7: …"'),
  });

export const importScopeErrorBody = errorBody
  .extend({
    problems: z
      .array(problemItem("OUTSIDE_SCOPE"))
      .optional()
      .describe("Các dòng nêu đơn vị ngoài phạm vi của mã truy cập (khi từ chối theo dòng)"),
  })
  .describe("Đơn vị ngoài phạm vi của mã truy cập");

/** ImportRefusedError (src/imports/problems.ts): every reason, in file order; nothing was written. */
export const importRefusedBody = errorBody
  .extend({
    problems: z
      .array(problemItem("ví dụ BAD_VALUE, UNKNOWN_UNIT, MISSING_COLUMN, BAD_FILE"))
      .min(1)
      .describe("Từng lỗi theo thứ tự trong tệp (tối đa 100)"),
  })
  .describe("Tệp bị từ chối; cơ sở dữ liệu không thay đổi");

/** A score sheet refused row by row, or a scoring refusal (unknown methodology, a unit twice). */
export const scoreRefusedBody = z
  .union([
    errorBody
      .extend({
        problems: z
          .array(problemItem('BAD_SHEET; câu nêu số dòng: "Dòng 2: …", "Đơn vị Tuy Hòa (dòng 2–9): …"'))
          .min(1)
          .describe("Lỗi theo số dòng"),
      })
      .describe("Bảng điểm bị từ chối theo dòng"),
    errorBody
      .extend({ code: text("Mã lỗi, ví dụ UNKNOWN_METHODOLOGY, DUPLICATE_UNIT") })
      .describe("Không tính được điểm (phương pháp không có, đơn vị trùng…)"),
  ])
  .describe("Bảng điểm bị từ chối");

/** PublishingError (src/publishing/errors.ts): a refused publish or unpublish. */
export const publishingErrorBody = errorBody
  .extend({
    code: text("Mã lỗi, ví dụ SCOPE_NOT_FOUND, UNITS_LACK_SCORES, ALREADY_PUBLISHED, ANNOUNCED"),
    lines: z.array(text("Một đơn vị liên quan, một câu")).describe("Các đơn vị liên quan (có thể rỗng)"),
  })
  .describe("Không công bố hoặc rút công bố được");

// ---------- 200 answers ----------

/** A chat as officers see it: the store's number, never the platform's id. */
const chatRef = z
  .number()
  .int()
  .describe("Số của cuộc trò chuyện trong cơ sở dữ liệu (không phải mã nền tảng)");
const platform = z.enum(["telegram", "zalo", "web"]).describe("Nền tảng");

export const meAnswer = z
  .object({
    token: nullable(z.number().int(), "Số của mã truy cập; null: mã quản trị gốc (ADMIN_TOKEN)"),
    role: z.enum(["province", "district"]).describe("province: cấp tỉnh, district: cấp huyện"),
    scope: text('Phạm vi: "Thị xã Kinh Môn (292)", hoặc "mọi đơn vị" với ADMIN_TOKEN'),
    expiresAt: nullable(z.string(), "Hết hạn lúc (ISO 8601); null: không hết hạn"),
    expires: nullable(z.string(), "Hết hạn lúc, giờ Việt Nam: dd/mm/yyyy hh:mm; null: không hết hạn"),
  })
  .describe("Mã truy cập đang dùng");

export const chatsAnswer = z
  .object({
    units: z
      .array(
        z.object({
          id: z.number().int().describe("Số của phiên bản đơn vị trong cơ sở dữ liệu"),
          code: text("Mã đơn vị (mã GSO)"),
          name: text("Tên đơn vị"),
          validFrom: nullable(isoDate("Hiệu lực từ"), "Hiệu lực từ ngày; null: không rõ"),
          validTo: nullable(isoDate("Hiệu lực đến"), "Hiệu lực đến ngày; null: vẫn còn"),
        }),
      )
      .describe("Các phiên bản của đơn vị mã này thuộc phạm vi"),
    chats: z
      .array(
        z.object({
          chatRef,
          platform,
          type: text("Loại cuộc trò chuyện của nền tảng (group, private…)"),
          title: nullable(z.string(), "Tên nhóm hoặc người; null: không rõ"),
          status: z.enum(["active", "blocked"]).describe("active: đang nhận tin, blocked: đã chặn bot"),
          role: z.enum(["chair", "officer"]).describe("chair: chủ tịch UBND, officer: cán bộ"),
          unitId: z.number().int().describe("Số của đơn vị đã liên kết"),
          unitCode: text("Mã đơn vị đã liên kết"),
          unitName: text("Tên đơn vị đã liên kết"),
          linkedAt: instant("Lúc liên kết"),
        }),
      )
      .describe("Các cuộc trò chuyện đã liên kết, theo mã đơn vị rồi thời điểm liên kết"),
  })
  .describe("Đơn vị và các cuộc trò chuyện đã liên kết");

/** ImportReport of src/imports/run-import.ts. */
export const importAnswer = z
  .object({
    kind: z.enum(IMPORT_KINDS).describe("Loại dữ liệu"),
    file: text("Tên tệp (tham số name, tên tệp tải lên, hoặc <loại>.<csv|json>)"),
    dryRun: z.boolean().describe("true: chỉ kiểm tra và đếm, không ghi gì"),
    rows: count("Số dòng dữ liệu đã đọc (số bản ghi JSON; 1 với một phương pháp)"),
    changes: z
      .array(
        z.object({
          what: text('Loại bản ghi, ví dụ "đơn vị", "điểm tiêu chí"'),
          inserted: count("Số bản ghi thêm mới"),
          updated: count("Số bản ghi cập nhật"),
          unchanged: count("Số bản ghi giữ nguyên"),
        }),
      )
      .describe("Số thay đổi theo loại bản ghi (hoặc sẽ thay đổi, khi dry_run=1)"),
  })
  .describe("Kết quả nhập tệp");

export const publishAnswer = z
  .object({
    dryRun: z.boolean().describe("true: chỉ xem trước, không ghi gì"),
    scope: unitRef.describe("Huyện hoặc tỉnh được xếp hạng"),
    year: z.number().int().describe("Năm đánh giá"),
    publishedOn: isoDate("Ngày công bố"),
    methodology: methodologyRef,
    ranking: z
      .array(
        z.object({
          unitId: z.number().int().describe("Số của đơn vị trong cơ sở dữ liệu"),
          code: text("Mã GSO của đơn vị"),
          name: text("Tên đơn vị"),
          rank: z.number().int().min(1).describe("Hạng"),
          points: z.number().describe("Tổng điểm"),
          maxPoints: z.number().describe("Điểm tối đa"),
          pct: z.number().describe("Tỷ lệ điểm % (đã làm tròn theo phương pháp)"),
          group: text('Nhóm xếp loại, ví dụ "Tốt"'),
          rating: nullable(z.string(), "Xếp loại người đứng đầu; null: phương pháp không xếp loại"),
          sample: z
            .boolean()
            .describe(
              "true: điểm là dữ liệu mẫu (◇), không phải số liệu đã công bố: tin nhắn không nêu xếp loại từ dữ liệu mẫu",
            ),
        }),
      )
      .describe("Bảng xếp hạng đã (hoặc sẽ) đóng băng, theo hạng"),
  })
  .describe("Bảng xếp hạng đã (hoặc sẽ) công bố");

export const unpublishAnswer = z
  .object({
    scope: unitRef.describe("Huyện hoặc tỉnh"),
    year: z.number().int().describe("Năm đánh giá"),
    withdrawn: count("Số kết quả trở lại bản nháp"),
  })
  .describe("Số kết quả trở lại bản nháp");

export const invitesAnswer = z
  .object({
    scope: unitRef.describe("Huyện hoặc tỉnh"),
    role: z.enum(["chair", "officer"]).describe("chair: chủ tịch UBND, officer: cán bộ"),
    expiresAt: instant("Mã hết hạn lúc"),
    invites: z
      .array(
        z.object({
          code: text("Mã mời"),
          unitCode: text("Mã đơn vị nhận mã mời"),
          unitName: text("Tên đơn vị nhận mã mời"),
          redeem: text('Lệnh gửi cho bot: "/dangky <mã>"'),
        }),
      )
      .min(1)
      .describe("Các mã mời, mỗi đơn vị một hay nhiều mã"),
  })
  .describe("Các mã mời đã tạo");

// The score preview: PeerSetResult of src/core/peer-set.ts.

const rating = z.object({ code: text("Mã xếp loại"), label: text("Tên xếp loại") });
const fieldHit = z.object({
  code: text("Mã lĩnh vực"),
  name: text("Tên lĩnh vực"),
  pct: z.number().describe("Tỷ lệ %"),
  pctRounded: z.number().describe("Tỷ lệ % đã làm tròn"),
});
const criterionStanding = z.object({
  code: text("Mã tiêu chí"),
  name: text("Tên tiêu chí"),
  shortName: text("Tên ngắn"),
  depth: z.number().int().describe("1: lĩnh vực, 2: tiêu chí, 3: tiêu chí thành phần"),
  points: z.number().describe("Điểm đạt"),
  max: z.number().describe("Điểm tối đa"),
  pct: z.number().describe("Tỷ lệ %"),
  pctRounded: z.number().describe("Tỷ lệ % đã làm tròn"),
  lost: z.number().describe("Điểm bị mất"),
});

/** One node of the criteria tree (NodeResult of src/core/results.ts): recursive, a component. */
export const nodeResult: z.ZodType<NodeResultShape> = z
  .object({
    code: text("Mã lĩnh vực hoặc tiêu chí"),
    name: text("Tên đầy đủ"),
    shortName: text("Tên ngắn (hoặc tên đầy đủ khi phương pháp không có)"),
    depth: z.number().int().describe("1: lĩnh vực, 2: tiêu chí, 3: tiêu chí thành phần"),
    tag: nullable(z.string(), "Nhãn của tiêu chí trong phương pháp; null: không có"),
    isLeaf: z.boolean().describe("true: tiêu chí lá (được chấm trực tiếp)"),
    max: z.number().describe("Điểm tối đa theo phương pháp"),
    applicableMax: z.number().describe("Điểm tối đa sau khi bỏ các tiêu chí không áp dụng"),
    points: z.number().describe("Điểm đạt"),
    pct: nullable(z.number(), "Tỷ lệ % (chưa làm tròn); null: không có gì áp dụng"),
    pctRounded: nullable(z.number(), "Tỷ lệ % đã làm tròn; null: không có gì áp dụng"),
    lost: z.number().describe("Điểm bị mất"),
    notApplicable: z.boolean().describe("true: không áp dụng"),
    assumed: z.boolean().describe("true: có điểm được giả định"),
    leaf: z
      .object({
        self: nullable(z.number(), "Điểm tự chấm; null: không có"),
        appraised: nullable(z.number(), "Điểm thẩm định; null: không có"),
        computed: nullable(z.number(), "Điểm theo quy tắc từ số liệu gốc; null: không có"),
        source: z
          .enum(["appraised", "points", "rule", "self", "notApplicable"])
          .describe("Điểm cuối lấy từ đâu: thẩm định, điểm, quy tắc, tự chấm, không áp dụng"),
        comment: nullable(z.string(), "Ghi chú; null: không có"),
      })
      .nullable()
      .describe("Với tiêu chí lá: điểm tự chấm, thẩm định và nguồn của điểm cuối; null với nút khác"),
    get children() {
      return z.array(nodeResult).describe("Các tiêu chí con");
    },
  })
  .describe("Điểm, điểm tối đa và tỷ lệ % của một nút trong cây tiêu chí")
  .openapi("NodeResult");

interface NodeResultShape {
  code: string;
  name: string;
  shortName: string;
  depth: number;
  tag: string | null;
  isLeaf: boolean;
  max: number;
  applicableMax: number;
  points: number;
  pct: number | null;
  pctRounded: number | null;
  lost: number;
  notApplicable: boolean;
  assumed: boolean;
  leaf: {
    self: number | null;
    appraised: number | null;
    computed: number | null;
    source: "appraised" | "points" | "rule" | "self" | "notApplicable";
    comment: string | null;
  } | null;
  children: NodeResultShape[];
}

const rankedUnit = z.object({
  unit: text("Tên đơn vị như trong bảng điểm"),
  methodology: methodologyRef,
  points: z.number().describe("Tổng điểm"),
  maxPoints: z.number().describe("Điểm tối đa của phương pháp"),
  applicableMax: z.number().describe("Điểm tối đa sau khi bỏ các tiêu chí không áp dụng"),
  pct: z.number().describe("Tỷ lệ % (chưa làm tròn)"),
  pctRounded: z.number().describe("Tỷ lệ % đã làm tròn: dùng cho nhóm, xếp loại và hạng"),
  group: z
    .object({ code: text("Mã nhóm"), label: text("Tên nhóm"), min: z.number().describe("Tỷ lệ % tối thiểu") })
    .describe("Nhóm xếp loại"),
  headRating: z
    .object({
      base: rating.describe("Xếp loại theo tỷ lệ % tổng"),
      final: rating.describe("Xếp loại sau mọi giới hạn"),
      caps: z
        .array(
          z.object({
            capAt: rating.describe("Xếp loại tối đa"),
            reason: text("Lý do"),
            fields: z.array(fieldHit).describe("Các lĩnh vực gây ra giới hạn"),
            message: text("Lý do kèm các lĩnh vực, bằng tiếng Việt"),
            assumed: z.boolean().describe("true: dựa trên điểm giả định"),
          }),
        )
        .describe("Các giới hạn làm giảm xếp loại"),
      flags: z
        .array(
          z.object({
            code: text("Mã cảnh báo"),
            text: text("Nội dung cảnh báo"),
            fields: z.array(fieldHit).describe("Các lĩnh vực liên quan"),
            message: text("Cảnh báo kèm các lĩnh vực, bằng tiếng Việt"),
            assumed: z.boolean().describe("true: dựa trên điểm giả định"),
          }),
        )
        .describe("Các cảnh báo"),
    })
    .nullable()
    .describe("Xếp loại người đứng đầu; null: phương pháp không xếp loại"),
  fields: z.array(nodeResult).describe("Cây điểm theo lĩnh vực"),
  lowest: z
    .object({
      byPct: z.array(criterionStanding).describe("Theo tỷ lệ % thấp nhất"),
      byPointsLost: z.array(criterionStanding).describe("Theo số điểm bị mất nhiều nhất"),
    })
    .describe("Các tiêu chí thấp nhất"),
  rank: z.number().int().min(1).describe("Hạng"),
  previousRank: nullable(z.number().int(), "Hạng năm trước; null: không có"),
  rankChange: nullable(z.number().int(), "Hạng năm trước − hạng: dương là tăng bậc; null: không có"),
  pointsChange: nullable(z.number(), "Điểm thay đổi so với năm trước; null: không có"),
  pctChange: nullable(z.number(), "Tỷ lệ % thay đổi so với năm trước; null: không có"),
});

export const scoreAnswer = z
  .object({
    methodology: methodologyRef,
    count: count("Số đơn vị"),
    units: z.array(rankedUnit).describe("Các đơn vị theo hạng; cùng hạng thì theo tên"),
    averages: z
      .object({
        points: z.number().describe("Điểm trung bình"),
        pct: z.number().describe("Tỷ lệ % trung bình"),
        pctRounded: z.number().describe("Tỷ lệ % trung bình đã làm tròn"),
        fields: z
          .array(
            z.object({
              code: text("Mã lĩnh vực"),
              name: text("Tên (ngắn) lĩnh vực"),
              pct: nullable(z.number(), "Tỷ lệ % trung bình; null: không đơn vị nào có"),
            }),
          )
          .describe("Trung bình theo lĩnh vực"),
      })
      .describe("Các số trung bình của cả bảng"),
  })
  .describe("Tổng, %, hạng, nhóm, xếp loại người đứng đầu, tiêu chí thấp nhất của từng đơn vị");

export const unitsAnswer = z
  .object({
    scope: z
      .object({ code: text("Mã GSO"), name: text("Tên đơn vị"), level: text("Cấp: province, district") })
      .describe("Đơn vị được hỏi"),
    window: z
      .object({ from: text("Từ ngày (YYYY-MM-DD)"), to: text("Đến ngày (YYYY-MM-DD)") })
      .describe("Thời gian: các đơn vị tồn tại trong khoảng này"),
    units: z
      .array(
        z.object({
          code: text("Mã GSO: mã dùng trong cột unit_code của tệp nhập"),
          name: text("Tên đơn vị"),
          kind: text("Loại: xã, phường, thị trấn, huyện, thị xã, thành phố…"),
          level: text("Cấp: district, commune"),
          parentCode: text("Mã đơn vị cấp trên"),
          validFrom: nullable(z.string(), "Tồn tại từ ngày (YYYY-MM-DD); null: không rõ"),
          validTo: nullable(z.string(), "Tồn tại đến ngày (YYYY-MM-DD); null: còn hiện hành"),
        }),
      )
      .describe("Các đơn vị cấp dưới (mọi cấp), theo mã"),
  })
  .describe("Các đơn vị thuộc một tỉnh/huyện trong một năm: mã để điền tệp nhập");

export const tthcAnswer = z
  .object({
    units: z
      .array(
        z.object({
          unit: unitRef,
          periods: z
            .array(
              z.object({
                unitId: z.number().int().describe("Số của đơn vị trong cơ sở dữ liệu"),
                periodStart: isoDate("Đầu kỳ"),
                periodEnd: isoDate("Cuối kỳ"),
                received: nullable(z.number().int(), "Số hồ sơ tiếp nhận; null: không được công bố"),
                resolvedEarly: nullable(z.number().int(), "Giải quyết trước hạn; null: không được công bố"),
                resolvedOnTime: z.number().int().describe("Giải quyết đúng hạn"),
                resolvedLate: z.number().int().describe("Giải quyết trễ hạn"),
                pendingInTime: nullable(
                  z.number().int(),
                  "Đang giải quyết, còn hạn; null: không được công bố",
                ),
                pendingOverdue: nullable(
                  z.number().int(),
                  "Đang giải quyết, quá hạn; null: không được công bố",
                ),
                apologiesSent: nullable(z.number().int(), "Số thư xin lỗi đã gửi; null: không được công bố"),
                asOf: nullable(isoDate("Số liệu tính đến"), "Số liệu tính đến ngày; null: không rõ"),
                source: text("Nguồn số liệu"),
                sample: z.boolean().describe("true: số liệu mẫu, không phải số liệu thật"),
              }),
            )
            .describe("Các kỳ, kỳ gần nhất trước"),
        }),
      )
      .describe("Các đơn vị có số liệu: đơn vị và các đơn vị trực thuộc"),
  })
  .describe("Số liệu thủ tục hành chính theo đơn vị");

export const scheduleAnswer = z
  .object({
    week: z
      .object({
        isoYear: z.number().int().describe("Năm ISO"),
        isoWeek: z.number().int().min(1).max(53).describe("Tuần ISO"),
      })
      .describe("Tuần ISO"),
    scopes: z
      .array(
        z.object({
          unit: unitRef,
          items: z
            .array(
              z.object({
                date: isoDate("Ngày"),
                startTime: nullable(z.string(), "Giờ bắt đầu (HH:MM); null: không rõ"),
                endTime: nullable(z.string(), "Giờ kết thúc (HH:MM); null: không rõ"),
                title: text("Nội dung"),
                location: nullable(z.string(), "Địa điểm; null: không rõ"),
                participants: nullable(z.string(), "Thành phần; null: không rõ"),
                source: text("Nguồn"),
                sample: z.boolean().describe("true: dữ liệu mẫu"),
              }),
            )
            .describe("Các mục lịch, theo ngày và giờ"),
        }),
      )
      .describe("Lịch của từng phiên bản đơn vị có lịch trong tuần"),
  })
  .describe("Lịch công tác một tuần");

const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "blocked", "skipped", "held"] as const;
const deliveryState = z
  .enum(DELIVERY_STATES)
  .describe(
    "pending: chờ, sending: đang gửi, sent: đã gửi, failed: lỗi, blocked: bị chặn, skipped: bỏ qua, held: giữ lại",
  );

export const noticeAnswer = z
  .object({
    notice: z
      .object({
        key: text("Khóa thông báo"),
        job: text("Công việc đã tạo thông báo"),
        title: text("Tiêu đề"),
        runAt: instant("Công việc chạy lúc"),
        createdAt: instant("Tạo lúc"),
      })
      .describe("Thông báo"),
    counts: z.partialRecord(deliveryState, count("Số tin")).describe("Số tin theo trạng thái"),
    deliveries: z
      .array(
        z.object({
          chatRef,
          platform,
          chatTitle: nullable(z.string(), "Tên cuộc trò chuyện; null: không rõ"),
          state: deliveryState,
          attempts: count(
            "Số lần gửi không thành (lỗi máy chủ, mất kết nối) trước khi thử lại; 0: chưa lần nào lỗi",
          ),
          notBefore: instant("Không gửi trước"),
          sentAt: nullable(z.string(), "Gửi lúc (thời điểm ISO 8601); null: chưa gửi"),
          lastError: nullable(z.string(), "Lỗi gần nhất; null: không có"),
        }),
      )
      .describe(
        "Từng lần gửi trong phạm vi (không có mã cuộc trò chuyện của nền tảng, không có nội dung tin)",
      ),
  })
  .describe("Báo cáo gửi một thông báo");

/** AuditRecord of src/store/audit.ts. */
export const auditAnswer = z
  .object({
    entries: z
      .array(
        z.object({
          id: z.number().int().describe("Số dòng nhật ký"),
          at: instant("Lúc thay đổi"),
          actor: text('Ai: "admin-token:<số mã>", "admin-token:bootstrap", "cli"…'),
          action: text('Làm gì, ví dụ "admin.publish", "import", "tthc.put", "results.publish"'),
          entity: text('Loại đối tượng, ví dụ "publication", "import", "unit"'),
          entityId: nullable(z.string(), "Đối tượng; null: không có"),
          details: z.record(z.string(), z.unknown()).describe("Chi tiết, thường có before → after"),
          unitId: nullable(z.number().int(), "Số nội bộ của đơn vị; null: không gắn đơn vị"),
          unit: nullable(
            z.object({ code: text("Mã GSO"), name: text("Tên đơn vị") }),
            "Đơn vị của thay đổi: mã và tên; null: không gắn đơn vị",
          ),
          what: text('Làm gì, bằng lời: ví dụ "Cập nhật số liệu thủ tục hành chính của một kỳ"'),
          who: text('Ai, bằng lời: "mã truy cập số 3", "dòng lệnh máy chủ"…'),
          when: text("Lúc thay đổi, giờ Việt Nam: dd/mm/yyyy hh:mm"),
        }),
      )
      .describe("Các dòng nhật ký, mới nhất trước"),
  })
  .describe("Nhật ký thay đổi");
