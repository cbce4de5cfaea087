/**
 * What each audit action means, in the words an officer reads: the log keeps short English keys for
 * programs (`tthc.put`), the admin API answers each row with this sentence beside it.
 */
const LABELS: Readonly<Record<string, string>> = {
  import: "Nhập một tệp dữ liệu",
  "assessment.create": "Thêm bản đánh giá (điểm) của đơn vị trong năm",
  "assessment.update": "Sửa bản đánh giá (điểm) của đơn vị trong năm",
  "tthc.put": "Cập nhật số liệu thủ tục hành chính của một kỳ",
  "schedule.replace-week": "Thay lịch làm việc của một tuần",
  "unit.create": "Thêm đơn vị hành chính",
  "unit.update": "Sửa thông tin đơn vị hành chính",
  "lineage.create": "Ghi quan hệ đơn vị cũ → đơn vị mới",
  "register.load": "Nạp sổ đăng ký đơn vị toàn quốc",
  "methodology.create": "Thêm phương pháp chấm điểm",
  "results.publish": "Công bố (đóng băng) kết quả",
  "results.withdraw": "Rút công bố kết quả về bản nháp",
  "publication.create": "Ghi nhận một lần công bố",
  "publication.announce": "Đã thông báo kết quả tới người theo dõi",
  "admin.publish": "Công bố kết quả qua API quản trị",
  "admin.unpublish": "Rút công bố qua API quản trị",
  "admin.invites": "Tạo mã mời hàng loạt",
  "admin-token.create": "Cấp mã truy cập API quản trị",
  "admin-token.revoke": "Thu hồi mã truy cập API quản trị",
  "invite.create": "Tạo mã mời /dangky",
  "invite.redeem": "Một cuộc trò chuyện dùng mã mời",
  "subscription.set": "Liên kết cuộc trò chuyện với đơn vị",
  "subscription.remove": "Bỏ liên kết cuộc trò chuyện",
  "notice.enqueue": "Xếp một thông báo để gửi",
  "chat.erase": "Xóa dữ liệu một cuộc trò chuyện theo yêu cầu",
  "chat.touch": "Ghi nhận một cuộc trò chuyện mới hoặc đổi tên",
  "chat.migrate": "Nhóm Telegram đổi mã (lên siêu nhóm)",
  "chat.quiet-hours": "Đổi giờ yên lặng của một cuộc trò chuyện",
  "chat.opt-outs": "Đổi các thông báo một cuộc trò chuyện đã tắt",
  "chat.blocked": "Cuộc trò chuyện đã chặn bot",
  "chat.active": "Cuộc trò chuyện nhận tin trở lại",
  "retention.prune": "Xóa dữ liệu quá thời hạn lưu",
};

/** The Vietnamese sentence of an action; an action without one is named as it is. */
export function auditLabel(action: string): string {
  return LABELS[action] ?? `Thao tác ${action}`;
}

/** Who did it, in words: a token by its number, the bootstrap token, the command line. */
export function actorLabel(actor: string): string {
  const token = /^admin-token:(\d+)$/u.exec(actor)?.[1];
  if (token !== undefined) return `mã truy cập số ${token}`;
  if (actor === "admin-token:bootstrap") return "mã quản trị gốc (ADMIN_TOKEN)";
  if (actor === "cli" || actor.startsWith("cli:")) return "dòng lệnh máy chủ";
  return actor;
}
