#include "domain/enforcement/tip_store.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/records/record_store.h"

namespace pcmd::enforcement {
namespace {

using access::Action;
using access::Resource;
using access::Scope;
using base::Date;
using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

constexpr const char* kDenouncerContext = "tip.denouncer";
constexpr std::size_t kMaxContent = 4000;
constexpr std::size_t kMaxPlace = 300;
constexpr std::size_t kMaxAgency = 300;
constexpr std::size_t kMaxNote = 2000;

constexpr const char* kCols =
    "id, unit_code, channel, kind, received_at, received_on, establishment_id, place, "
    "subject_unit, "
    "content, is_anonymous, status, assignee, deadline_days, extended_days, extensions, deadline, "
    "verified_at, classified_at, assigned_at, handled_at, closed_at, outcome, transferred_to, "
    "inspection_id, version, created_at, updated_at, created_by, updated_by, deleted_at";

constexpr const char* kOpenStatuses = "('received', 'verified', 'classified', 'assigned')";

Tip FromRow(const Row& r) {
  Tip t;
  t.id = r.Text(0);
  t.unit_code = r.Text(1);
  t.channel = r.Text(2);
  t.kind = r.Text(3);
  t.received_at = r.Text(4);
  t.received_on = Date::Parse(r.Text(5)).value_or(Date());
  t.establishment_id = r.Text(6);
  t.place = r.Text(7);
  t.subject_unit = r.Text(8);
  t.content = r.Text(9);
  t.is_anonymous = r.Int(10) != 0;
  t.status = ParseTipStatus(r.Text(11)).value_or(TipStatus::kReceived);
  t.assignee = r.Text(12);
  t.deadline_days = static_cast<int>(r.Int(13));
  t.extended_days = static_cast<int>(r.Int(14));
  t.extensions = static_cast<int>(r.Int(15));
  t.deadline = Date::Parse(r.Text(16)).value_or(Date());
  t.verified_at = r.Text(17);
  t.classified_at = r.Text(18);
  t.assigned_at = r.Text(19);
  t.handled_at = r.Text(20);
  t.closed_at = r.Text(21);
  t.outcome = r.Text(22);
  t.transferred_to = r.Text(23);
  t.inspection_id = r.Text(24);
  t.version = r.Int(25);
  t.created_at = r.Text(26);
  t.updated_at = r.Text(27);
  t.created_by = r.Text(28);
  t.updated_by = r.Text(29);
  t.is_deleted = !r.IsNull(30);
  return t;
}

Status NotFoundTip() {
  return base::NotFound("no such tip")
      .WithVi("Không tìm thấy tin báo")
      .WithMachineCode("not_found");
}

Status Stale() {
  return base::Conflict("the tip was changed by someone else; reload it")
      .WithVi("Tin đã được người khác sửa; hãy tải lại")
      .WithMachineCode("stale_version");
}

Status OnlyAssignedHandling() {
  return base::PermissionDenied("your role may only record the handling of tips assigned to you")
      .WithVi("Vai trò của bạn chỉ được ghi kết quả xử lý tin được giao cho mình")
      .WithMachineCode("forbidden");
}

std::vector<std::string> AssigneesOf(const Tip& t) {
  if (t.assignee.empty()) {
    return {};
  }
  return {t.assignee};
}

// May the subject change tips of this unit itself (create, edit, delete, run the steps)?
// Roles whose write scope is "assigned" only record the handling of their tips.
bool MayManage(const access::Policy& policy, const access::Subject& subject,
               const std::string& unit) {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kUpdate);
  if (scope != Scope::kSubtree && scope != Scope::kAll) {
    return false;
  }
  return policy.Allows(subject, Action::kUpdate, {Resource::kTip, unit, {}});
}

Status InsertTip(Transaction& tx, const Tip& t) {
  return tx
      .Exec(std::string("INSERT INTO tips (") + kCols +
                ") VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, "
                ":16, :17, :18, :19, :20, :21, :22, :23, :24, :25, :26, :27, :28, :29, :30, NULL)",
            {t.id,
             t.unit_code,
             t.channel,
             t.kind,
             t.received_at,
             t.received_on.ToString(),
             t.establishment_id,
             t.place,
             t.subject_unit,
             t.content,
             t.is_anonymous ? 1 : 0,
             TipStatusId(t.status),
             t.assignee,
             t.deadline_days,
             t.extended_days,
             t.extensions,
             t.deadline.ToString(),
             t.verified_at,
             t.classified_at,
             t.assigned_at,
             t.handled_at,
             t.closed_at,
             t.outcome,
             t.transferred_to,
             t.inspection_id,
             t.version,
             t.created_at,
             t.updated_at,
             t.created_by,
             t.updated_by})
      .status();
}

// Stores `next` over the version `expected`; kConflict "stale_version" when it moved.
Status UpdateTip(Transaction& tx, const Tip& next, std::int64_t expected, bool is_delete = false) {
  PCMD_ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx.Exec(std::string(
                  "UPDATE tips SET channel = :1, kind = :2, establishment_id = :3, place = :4, "
                  "subject_unit = :5, content = :6, status = :7, assignee = :8, "
                  "deadline_days = :9, extended_days = :10, extensions = :11, deadline = :12, "
                  "verified_at = :13, classified_at = :14, assigned_at = :15, handled_at = :16, "
                  "closed_at = :17, outcome = :18, transferred_to = :19, inspection_id = :20, "
                  "version = :21, updated_at = :22, updated_by = :23") +
                  (is_delete ? ", deleted_at = :24" : "") +
                  " WHERE id = :25 AND version = :26 AND deleted_at IS NULL",
              [&] {
                // Placeholders are bound in the order they appear: deleted_at's value, when
                // present, comes between updated_by's and id's.
                store::Params p = {next.channel, next.kind, next.establishment_id, next.place, next.subject_unit,
                                   next.content, TipStatusId(next.status), next.assignee, next.deadline_days,
                                   next.extended_days, next.extensions, next.deadline.ToString(), next.verified_at,
                                   next.classified_at, next.assigned_at, next.handled_at, next.closed_at, next.outcome,
                                   next.transferred_to, next.inspection_id, next.version, next.updated_at,
                                   next.updated_by};
                if (is_delete) p.emplace_back(next.updated_at);
                p.emplace_back(next.id);
                p.emplace_back(expected);
                return p;
              }()));
  if (changed == 0) {
    return Stale();
  }
  return Status::Ok();
}

Status AppendEvent(Transaction& tx, const std::string& tip_id, const TipEvent& e) {
  PCMD_ASSIGN_OR_RETURN(
      Rows rows,
      tx.Query("SELECT COALESCE(MAX(seq), 0) FROM tip_events WHERE tip_id = :1", {tip_id}));
  const std::int64_t seq = (rows.empty() ? 0 : rows[0].Int(0)) + 1;
  return tx
      .Exec(
          "INSERT INTO tip_events (tip_id, seq, step, at, by_account, note, assignee, kind, "
          "outcome, agency, days, legal_basis) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, "
          ":11, :12)",
          {tip_id, seq, e.step, e.at, e.by, e.note, e.assignee, e.kind, e.outcome, e.agency, e.days,
           e.legal_basis})
      .status();
}

Result<std::optional<Tip>> Load(Transaction& tx, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(
      Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM tips WHERE id = :1", {id}));
  if (rows.empty()) {
    return std::optional<Tip>();
  }
  return std::optional<Tip>(FromRow(rows[0]));
}

// The rule of a kind: the stored one, else the default.
Result<TipDeadlineRule> RuleOf(Transaction& tx, const std::string& kind) {
  TipDeadlineRule rule = DefaultTipDeadlineRule(kind);
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT days, max_extensions, max_extension_days FROM "
                                            "tip_deadline_rules WHERE kind = :1",
                                            {kind}));
  if (!rows.empty()) {
    rule.days = static_cast<int>(rows[0].Int(0));
    rule.max_extensions = static_cast<int>(rows[0].Int(1));
    rule.max_extension_days = static_cast<int>(rows[0].Int(2));
  }
  return rule;
}

void CheckText(base::Validation& v, const std::string& field, const std::string& text,
               std::size_t max, const std::string& label_vi, const std::string& label_en) {
  if (!base::IsValidUtf8(text) || base::Utf8Length(text) > max) {
    v.Add(field, "too_long", label_vi + " dài tối đa " + std::to_string(max) + " ký tự",
          label_en + " must be at most " + std::to_string(max) + " characters");
  }
}

void CheckCode(base::Validation& v, const records::CodeLists& codes, const std::string& field,
               const std::string& list, const std::string& code, const std::string& label_vi,
               const std::string& label_en) {
  if (code.empty()) {
    v.Add(field, "required", label_vi + " là bắt buộc", label_en + " is required");
    return;
  }
  auto active = codes.IsActive(list, code);
  if (!active.ok() || !*active) {
    v.Add(field, "invalid_code", label_vi + ": mã không có trong danh mục " + list,
          label_en + ": not a code of the list " + list);
  }
}

std::string SeedSql() {
  static const records::CodeSeed seeds[] = {
      {"tip_channel", "hotline", "Đường dây nóng", "Hotline", 1},
      {"tip_channel", "in_person", "Trực tiếp", "In person", 2},
      {"tip_channel", "letter", "Thư, đơn", "Letter", 3},
      {"tip_channel", "online_form", "Biểu mẫu trực tuyến", "Online form", 4},
      {"tip_channel", "agency_referral", "Cơ quan, tổ chức chuyển đến", "Referred by an agency", 5},
      {"tip_kind", "denunciation_crime", "Tố giác về tội phạm", "Denunciation of a crime", 1},
      {"tip_kind", "crime_report", "Tin báo về tội phạm", "Crime report", 2},
      {"tip_kind", "denunciation", "Tố cáo hành vi vi phạm", "Denunciation of a violation", 3},
      {"tip_kind", "complaint", "Khiếu nại", "Complaint", 4},
      {"tip_kind", "administrative_report", "Phản ánh, kiến nghị", "Report or petition", 5},
      {"tip_outcome", "substantiated", "Đúng", "Substantiated", 1},
      {"tip_outcome", "partly_substantiated", "Đúng một phần", "Partly substantiated", 2},
      {"tip_outcome", "not_substantiated", "Sai, không có căn cứ", "Not substantiated", 3},
      {"tip_outcome", "transferred", "Chuyển cơ quan có thẩm quyền", "Transferred", 4},
      {"tip_outcome", "withdrawn", "Người gửi rút tin", "Withdrawn by the sender", 5},
  };
  return records::SeedCodesSql(std::vector<records::CodeSeed>(std::begin(seeds), std::end(seeds)));
}

}  // namespace

// ---- identities -------------------------------------------------------------------------

std::string EncodeDenouncer(const Denouncer& d) {
  return nlohmann::json{{"name", d.name},
                        {"id_number", d.id_number},
                        {"address", d.address},
                        {"phone", d.phone},
                        {"email", d.email}}
      .dump();
}

Result<Denouncer> DecodeDenouncer(const std::string& json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return base::Internal("a stored identity is not readable");
  }
  Denouncer d;
  auto get = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  d.name = get("name");
  d.id_number = get("id_number");
  d.address = get("address");
  d.phone = get("phone");
  d.email = get("email");
  return d;
}

void ValidateDenouncer(const Denouncer& d, const std::string& prefix, base::Validation& v) {
  if (d.name.empty() && d.id_number.empty() && d.address.empty() && d.phone.empty() &&
      d.email.empty()) {
    v.Add(prefix.empty() ? "name" : prefix.substr(0, prefix.size() - 1), "required",
          "Cần ít nhất một thông tin về người tố giác",
          "at least one field of the identity is required");
    return;
  }
  CheckText(v, prefix + "name", d.name, 200, "Họ tên", "name");
  CheckText(v, prefix + "address", d.address, 300, "Địa chỉ", "address");
  if (d.id_number.size() > 20 ||
      !std::all_of(d.id_number.begin(), d.id_number.end(),
                   [](unsigned char c) { return std::isalnum(c) != 0; })) {
    v.Add(prefix + "id_number", "invalid_format",
          "Số giấy tờ tùy thân chỉ gồm chữ và số, tối đa 20 ký tự",
          "id_number must be letters and digits, at most 20");
  }
  if (d.phone.size() > 20 || !std::all_of(d.phone.begin(), d.phone.end(), [](unsigned char c) {
        return std::isdigit(c) != 0 || c == '+' || c == ' ' || c == '.' || c == '-';
      })) {
    v.Add(prefix + "phone", "invalid_format",
          "Số điện thoại chỉ gồm chữ số, dấu +, khoảng trắng, tối đa 20 ký tự",
          "phone must be digits, +, spaces, at most 20 characters");
  }
  if (!d.email.empty() && (d.email.size() > 200 || d.email.find('@') == std::string::npos ||
                           d.email.find(' ') != std::string::npos)) {
    v.Add(prefix + "email", "invalid_format", "Thư điện tử không hợp lệ", "email is not valid");
  }
}

// ---- counts -----------------------------------------------------------------------------

void TipCounts::Add(const Tip& tip) {
  ++received;
  if (!tip.verified_at.empty()) {
    ++verified;
  }
  if (!tip.classified_at.empty()) {
    ++classified;
  }
  switch (tip.timeliness) {
    case Timeliness::kOnTime:
      ++handled;
      ++handled_on_time;
      break;
    case Timeliness::kLate:
      ++handled;
      ++handled_late;
      break;
    case Timeliness::kOverdue:
      ++open;
      ++overdue;
      break;
    case Timeliness::kDueSoon:
      ++open;
      ++due_soon;
      break;
    case Timeliness::kNotDue: ++open; break;
  }
}

// ---- the store --------------------------------------------------------------------------

void TipStore::Annotate(Tip& tip, Date today) const {
  std::optional<Date> handled_on;
  if (!tip.handled_at.empty()) {
    handled_on = LocalDateOf(tip.handled_at);
  }
  tip.timeliness = TimelinessOf(tip.deadline, handled_on, today);
  tip.days_left = tip.deadline.days() - today.days();
}

Result<std::vector<std::string>> TipStore::UnitsInScope(
    const access::Subject& subject, const std::optional<std::string>& unit) const {
  return units_.CodesBelow(subject.unit_code, unit);
}

// Checks the references of a tip's subject: an establishment the caller reads, a unit that
// exists on the received date.
Status TipStore::CheckSubject(const access::Subject& subject, const Tip& tip,
                              base::Validation& v) const {
  if (!tip.subject_unit.empty() && !units_.Find(tip.subject_unit, tip.received_on).ok()) {
    v.Add("subject_unit", "not_found", "Không có đơn vị với mã này vào ngày tiếp nhận",
          "no unit with that code on the received date");
  }
  if (tip.establishment_id.empty()) {
    return Status::Ok();
  }
  std::optional<Row> row;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT type, unit_code, deleted_at FROM records WHERE id = :1",
                                   {tip.establishment_id}));
    if (!rows.empty()) row = rows[0];
    return Status::Ok();
  }));
  if (!row || row->Text(0) != "establishment" || !row->IsNull(2) ||
      !policy_.Allows(subject, Action::kRead, {Resource::kEstablishment, row->Text(1), {}})) {
    v.Add("establishment_id", "not_found", "Không tìm thấy cơ sở kinh doanh dịch vụ này",
          "no such establishment");
  }
  return Status::Ok();
}

Status TipStore::CheckAssignee(const Tip& tip, const std::string& assignee) const {
  PCMD_ASSIGN_OR_RETURN(auto accounts, accounts_.ListSystem());
  const access::Account* found = nullptr;
  for (const auto& a : accounts) {
    if (a.id == assignee) {
      found = &a;
    }
  }
  if (!found) {
    return base::Validation::Fail("assignee", "not_found", "Không tìm thấy tài khoản được giao",
                                  "no such account");
  }
  if (found->is_disabled) {
    return base::Validation::Fail("assignee", "disabled", "Tài khoản được giao đã bị khóa",
                                  "the account is disabled");
  }
  using access::Role;
  const Role r = found->role;
  if (r != Role::kInspector && r != Role::kDistrictOfficer && r != Role::kProvinceOfficer &&
      r != Role::kIntakeOfficer) {
    return base::Validation::Fail(
        "assignee", "invalid_role",
        "Chỉ giao cho kiểm tra viên, cán bộ tiếp nhận, cán bộ huyện hoặc cán bộ Sở",
        "only inspectors, intake, district or province officers handle tips");
  }
  // The assignee must reach the tip once it is assigned: the tip's unit is the account's
  // unit or below it.
  const access::Subject as{found->id, found->role, found->unit_code};
  if (!policy_.Allows(as, Action::kRead, {Resource::kTip, tip.unit_code, {found->id}})) {
    return base::Validation::Fail(
        "assignee", "out_of_scope",
        "Người được giao phải thuộc đơn vị của tin hoặc cấp trên của đơn vị đó",
        "the account's unit must be the tip's unit or above it");
  }
  return Status::Ok();
}

Result<Tip> TipStore::Create(const access::Subject& subject, const store::Actor& actor,
                             const NewTip& in, bool* created) {
  *created = false;
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kCreate);
  if (scope != Scope::kSubtree && scope != Scope::kAll) {
    return base::PermissionDenied("your role may not create tips")
        .WithVi("Vai trò của bạn không được phép tiếp nhận tin")
        .WithMachineCode("forbidden");
  }
  if (in.denouncer && access::Policy::ScopeOf(subject.role, Resource::kDenouncer,
                                              Action::kCreate) == Scope::kNone) {
    return Status(base::StatusCode::kPermissionDenied,
                  "your role may not record a denouncer's identity")
        .WithVi("Vai trò của bạn không được ghi thông tin người tố giác")
        .WithMachineCode("forbidden")
        .WithField({"denouncer", "forbidden",
                    "Vai trò của bạn không được ghi thông tin người tố giác",
                    "your role may not record a denouncer's identity"});
  }
  const Date today = Today();
  base::Validation v;
  Tip t;
  if (in.id && !base::IsUuid(*in.id)) {
    v.Add("id", "invalid_format", "Mã tin phải là UUID", "id must be a UUID");
  }
  t.id = in.id ? *in.id : base::NewUuid();
  for (auto& c : t.id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto instant = ParseInstant(in.received_at);
  if (in.received_at.empty()) {
    v.Add("received_at", "required", "Thời điểm tiếp nhận là bắt buộc", "received_at is required");
  } else if (!instant.ok()) {
    v.Add("received_at", "invalid_format", "Thời điểm tiếp nhận " + instant.status().message_vi(),
          "received_at " + instant.status().message());
  } else if (instant->local_date > today) {
    v.Add("received_at", "in_future", "Thời điểm tiếp nhận không được ở tương lai",
          "received_at must not be in the future");
  } else {
    t.received_at = instant->iso_utc;
    t.received_on = instant->local_date;
  }
  const Date unit_date = instant.ok() ? instant->local_date : today;
  t.unit_code = in.unit_code;
  if (in.unit_code.empty()) {
    v.Add("unit", "required", "Đơn vị là bắt buộc", "unit is required");
  } else if (!units_.Find(in.unit_code, unit_date).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này vào ngày tiếp nhận",
          "no unit with that code on the received date");
  } else if (!policy_.Allows(subject, Action::kCreate, {Resource::kTip, in.unit_code, {}})) {
    return base::Validation::Fail("unit", "out_of_scope",
                                  "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  "the unit must be your unit or a unit below it");
  }
  t.channel = in.channel;
  t.kind = in.kind;
  CheckCode(v, code_lists_, "channel", "tip_channel", in.channel, "Hình thức tiếp nhận", "channel");
  CheckCode(v, code_lists_, "kind", "tip_kind", in.kind, "Loại tin", "kind");
  t.content = in.content;
  if (in.content.empty()) {
    v.Add("content", "required", "Nội dung là bắt buộc", "content is required");
  } else {
    CheckText(v, "content", in.content, kMaxContent, "Nội dung", "content");
  }
  t.place = in.place;
  CheckText(v, "place", in.place, kMaxPlace, "Địa điểm", "place");
  t.subject_unit = in.subject_unit;
  t.establishment_id = in.establishment_id;
  t.is_anonymous = in.is_anonymous;
  if (in.denouncer && in.is_anonymous) {
    v.Add("denouncer", "not_allowed", "Tin nặc danh không có thông tin người tố giác",
          "an anonymous tip has no identity");
  } else if (in.denouncer) {
    ValidateDenouncer(*in.denouncer, "denouncer.", v);
  }
  PCMD_RETURN_IF_ERROR(CheckSubject(subject, t, v));
  PCMD_RETURN_IF_ERROR(v.ToStatus());

  const std::string now = now_();
  t.status = TipStatus::kReceived;
  t.version = 1;
  t.created_at = t.updated_at = now;
  t.created_by = t.updated_by = actor.id;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto existing, Load(tx, t.id));
    if (existing) {
      bool same = !existing->is_deleted && existing->unit_code == t.unit_code &&
                  existing->channel == t.channel && existing->kind == t.kind &&
                  existing->received_at == t.received_at &&
                  existing->establishment_id == t.establishment_id && existing->place == t.place &&
                  existing->subject_unit == t.subject_unit && existing->content == t.content &&
                  existing->is_anonymous == t.is_anonymous;
      if (same) {
        PCMD_ASSIGN_OR_RETURN(
            Rows ids, tx.Query("SELECT sealed FROM tip_denouncers WHERE tip_id = :1", {t.id}));
        if (ids.empty() != !in.denouncer.has_value()) {
          same = false;
        } else if (!ids.empty()) {
          auto plain = box_.Unseal(ids[0].Text(0), kDenouncerContext);
          same = plain.ok() && *plain == EncodeDenouncer(*in.denouncer);
        }
      }
      if (!same) {
        return base::Conflict("a different tip already has this id")
            .WithVi("Mã tin đã được dùng cho một tin khác")
            .WithMachineCode("id_conflict");
      }
      t = *existing;  // the same tip sent again
      return Status::Ok();
    }
    PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, t.kind));
    t.deadline_days = rule.days;
    t.deadline = TipDeadline(t.received_on, t.deadline_days, 0);
    PCMD_RETURN_IF_ERROR(InsertTip(tx, t));
    TipEvent e;
    e.step = "receive";
    e.at = t.received_at;
    e.by = actor.id;
    e.kind = t.kind;
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, t.id, e));
    PCMD_RETURN_IF_ERROR(tx.AppendChange("tip", t.id, "create"));
    if (in.denouncer) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO tip_denouncers (tip_id, sealed, created_at, created_by, "
                  "updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                  {t.id, box_.Seal(EncodeDenouncer(*in.denouncer), kDenouncerContext), now,
                   actor.id, now, actor.id})
              .status());
      PCMD_RETURN_IF_ERROR(tx.AppendChange("tip_denouncer", t.id, "create"));
    }
    *created = true;
    return Status::Ok();
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(t, today);
  return t;
}

Result<Tip> TipStore::Get(const access::Subject& subject, const std::string& id) const {
  std::optional<Tip> tip;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(tip, Load(tx, id));
    return Status::Ok();
  }));
  if (!tip || tip->is_deleted ||
      !policy_.Allows(subject, Action::kRead,
                      {Resource::kTip, tip->unit_code, AssigneesOf(*tip)})) {
    return NotFoundTip();
  }
  Annotate(*tip, Today());
  return *tip;
}

Result<TipPage> TipStore::List(const access::Subject& subject, const TipQuery& q) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead);
  if (scope == Scope::kNone) {
    return base::PermissionDenied("your role may not read tips");
  }
  std::string where = " FROM tips WHERE deleted_at IS NULL";
  store::Params p;
  if (subject.unit_code != "VN" || q.unit) {
    PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, q.unit));
    if (units.empty()) {
      return TipPage{};
    }
    where += " AND unit_code IN (";
    for (std::size_t i = 0; i < units.size(); ++i) {
      where += (i ? ", :u" : ":u") + std::to_string(i);
      p.emplace_back(units[i]);
    }
    where += ")";
  }
  if (scope == Scope::kAssigned) {
    where += " AND assignee = :me";
    p.emplace_back(subject.account_id);
  }
  if (q.from) {
    where += " AND received_on >= :f";
    p.emplace_back(q.from->ToString());
  }
  if (q.to) {
    where += " AND received_on <= :t";
    p.emplace_back(q.to->ToString());
  }
  if (q.status) {
    where += " AND status = :s";
    p.emplace_back(*q.status);
  }
  if (q.kind) {
    where += " AND kind = :k";
    p.emplace_back(*q.kind);
  }
  if (q.assignee) {
    where += " AND assignee = :a";
    p.emplace_back(*q.assignee);
  }
  const Date today = Today();
  if (q.due == "overdue") {
    where += std::string(" AND status IN ") + kOpenStatuses + " AND deadline < :d";
    p.emplace_back(today.ToString());
  } else if (q.due == "due_soon") {
    where +=
        std::string(" AND status IN ") + kOpenStatuses + " AND deadline >= :d1 AND deadline <= :d2";
    p.emplace_back(today.ToString());
    p.emplace_back(today.AddDays(kTipDueSoonDays).ToString());
  }
  TipPage page;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*)" + where, p));
    page.total = count.empty() ? 0 : count[0].Int(0);
    store::Params pp = p;
    pp.emplace_back(q.limit);
    pp.emplace_back(q.offset);
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kCols + where +
                                       " ORDER BY received_at DESC, id LIMIT :l OFFSET :o",
                                   pp));
    for (const auto& r : rows) {
      Tip t = FromRow(r);
      Annotate(t, today);
      page.items.push_back(std::move(t));
    }
    return Status::Ok();
  }));
  return page;
}

Result<Tip> TipStore::Update(const access::Subject& subject, const store::Actor& actor,
                             const std::string& id, const TipPatch& patch) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (!MayManage(policy_, subject, current.unit_code)) {
    return base::PermissionDenied("your role may not change tips")
        .WithVi("Vai trò của bạn không được sửa tin")
        .WithMachineCode("forbidden");
  }
  if (current.status != TipStatus::kReceived && current.status != TipStatus::kVerified) {
    return base::FailedPrecondition("a tip can be changed only before it is classified")
        .WithVi("Chỉ sửa được tin trước khi phân loại")
        .WithMachineCode("invalid_transition");
  }
  if (patch.version != current.version) {
    return Stale();
  }
  Tip next = current;
  base::Validation v;
  if (patch.channel) {
    next.channel = *patch.channel;
    CheckCode(v, code_lists_, "channel", "tip_channel", next.channel, "Hình thức tiếp nhận",
              "channel");
  }
  if (patch.kind) {
    next.kind = *patch.kind;
    CheckCode(v, code_lists_, "kind", "tip_kind", next.kind, "Loại tin", "kind");
  }
  if (patch.content) {
    next.content = *patch.content;
    if (next.content.empty()) {
      v.Add("content", "required", "Nội dung là bắt buộc", "content is required");
    } else {
      CheckText(v, "content", next.content, kMaxContent, "Nội dung", "content");
    }
  }
  if (patch.place) {
    next.place = *patch.place;
    CheckText(v, "place", next.place, kMaxPlace, "Địa điểm", "place");
  }
  if (patch.subject_unit) {
    next.subject_unit = *patch.subject_unit;
  }
  if (patch.establishment_id) {
    next.establishment_id = *patch.establishment_id;
  }
  Tip check = next;
  if (check.subject_unit == current.subject_unit) {
    check.subject_unit.clear();
  }
  if (check.establishment_id == current.establishment_id) {
    check.establishment_id.clear();
  }
  PCMD_RETURN_IF_ERROR(CheckSubject(subject, check, v));
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  next.version = current.version + 1;
  next.updated_at = now;
  next.updated_by = actor.id;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    if (next.kind != current.kind) {
      PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, next.kind));
      next.deadline_days = rule.days;
      next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
    }
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, next, patch.version));
    TipEvent e;
    e.step = "edit";
    e.at = now;
    e.by = actor.id;
    if (next.kind != current.kind) {
      e.kind = next.kind;
    }
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, "update");
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(next, Today());
  return next;
}

Result<Tip> TipStore::Delete(const access::Subject& subject, const store::Actor& actor,
                             const std::string& id, std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (!MayManage(policy_, subject, current.unit_code)) {
    return base::PermissionDenied("your role may not delete tips")
        .WithVi("Vai trò của bạn không được xóa tin")
        .WithMachineCode("forbidden");
  }
  Tip gone = current;
  const std::string now = now_();
  gone.version = current.version + 1;
  gone.updated_at = now;
  gone.updated_by = actor.id;
  gone.is_deleted = true;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, gone, version, /*is_delete=*/true));
    TipEvent e;
    e.step = "delete";
    e.at = now;
    e.by = actor.id;
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, "delete");
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(gone, Today());
  return gone;
}

Result<Tip> TipStore::Step(const access::Subject& subject, const store::Actor& actor,
                           const std::string& id, const TipStepInput& in) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (in.step == TipStep::kHandle) {
    if (!policy_.Allows(subject, Action::kUpdate,
                        {Resource::kTip, current.unit_code, AssigneesOf(current)})) {
      return OnlyAssignedHandling();
    }
  } else if (!MayManage(policy_, subject, current.unit_code)) {
    return OnlyAssignedHandling();
  }
  // The fields each step needs.
  base::Validation v;
  switch (in.step) {
    case TipStep::kVerify: break;
    case TipStep::kClassify:
      CheckCode(v, code_lists_, "kind", "tip_kind", in.kind, "Loại tin", "kind");
      break;
    case TipStep::kAssign:
      if (in.assignee.empty()) {
        v.Add("assignee", "required", "Người được giao là bắt buộc", "assignee is required");
      }
      break;
    case TipStep::kHandle:
      if (in.note.empty()) {
        v.Add("note", "required", "Kết quả xử lý là bắt buộc",
              "note (the result of the handling) is required");
      }
      break;
    case TipStep::kClose:
      CheckCode(v, code_lists_, "outcome", "tip_outcome", in.outcome, "Kết quả giải quyết",
                "outcome");
      break;
    case TipStep::kTransfer:
      if (in.agency.empty()) {
        v.Add("agency", "required", "Cơ quan tiếp nhận là bắt buộc", "agency is required");
      } else {
        CheckText(v, "agency", in.agency, kMaxAgency, "Cơ quan tiếp nhận", "agency");
      }
      break;
    case TipStep::kExtend:
      if (in.days <= 0) {
        v.Add("days", "required", "Số ngày gia hạn phải lớn hơn 0", "days must be more than 0");
      }
      if (in.note.empty()) {
        v.Add("note", "required", "Lý do gia hạn là bắt buộc", "note (the reason) is required");
      }
      break;
  }
  CheckText(v, "note", in.note, kMaxNote, "Ghi chú", "note");
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  PCMD_ASSIGN_OR_RETURN(TipStatus next_status, NextTipStatus(current.status, in.step, in.outcome));
  if (in.version != current.version) {
    return Stale();
  }
  if (in.step == TipStep::kAssign) {
    PCMD_RETURN_IF_ERROR(CheckAssignee(current, in.assignee));
  }
  if (in.step == TipStep::kHandle && !in.inspection_id.empty()) {
    std::optional<Row> row;
    PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(Rows rows,
                            tx.Query("SELECT type, unit_code, deleted_at, data FROM records "
                                     "WHERE id = :1",
                                     {in.inspection_id}));
      if (!rows.empty()) row = rows[0];
      return Status::Ok();
    }));
    bool visible = row && row->Text(0) == "inspection" && row->IsNull(2);
    if (visible) {
      std::vector<std::string> members;
      const records::Values values = records::DecodeValues(row->Text(3));
      if (auto it = values.find("members"); it != values.end()) {
        if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) {
          members = *l;
        }
      }
      if (access::Policy::ScopeOf(subject.role, Resource::kInspection, Action::kRead) !=
          Scope::kNone) {
        visible =
            policy_.Allows(subject, Action::kRead, {Resource::kInspection, row->Text(1), members});
      } else {
        // Roles that do not read inspections (intake officers) may name one of their units.
        PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, std::nullopt));
        visible = std::binary_search(units.begin(), units.end(), row->Text(1));
      }
    }
    if (!visible) {
      return base::Validation::Fail("inspection_id", "not_found",
                                    "Không tìm thấy cuộc kiểm tra này", "no such inspection");
    }
  }
  const std::string now = now_();
  const Date today = LocalDateOf(now);
  Tip next = current;
  next.status = next_status;
  next.version = current.version + 1;
  next.updated_at = now;
  next.updated_by = actor.id;
  TipEvent e;
  e.step = std::string(TipStepId(in.step));
  e.at = now;
  e.by = actor.id;
  e.note = in.note;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    switch (in.step) {
      case TipStep::kVerify: next.verified_at = now; break;
      case TipStep::kClassify: {
        next.classified_at = now;
        e.kind = in.kind;
        if (in.kind != current.kind) {
          next.kind = in.kind;
          PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, in.kind));
          next.deadline_days = rule.days;
          next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
        }
        break;
      }
      case TipStep::kAssign:
        next.assignee = in.assignee;
        next.assigned_at = now;
        e.assignee = in.assignee;
        break;
      case TipStep::kHandle:
        next.handled_at = now;
        if (!in.inspection_id.empty()) {
          next.inspection_id = in.inspection_id;
        }
        break;
      case TipStep::kClose:
        next.closed_at = now;
        next.outcome = in.outcome;
        if (next.handled_at.empty()) {
          next.handled_at = now;  // withdrawn while open
        }
        e.outcome = in.outcome;
        break;
      case TipStep::kTransfer:
        next.transferred_to = in.agency;
        next.outcome = std::string(kTransferredOutcome);
        next.handled_at = now;  // a transfer counts as handled on its date
        next.closed_at = now;
        e.agency = in.agency;
        e.outcome = next.outcome;
        break;
      case TipStep::kExtend: {
        PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, current.kind));
        if (current.extensions >= rule.max_extensions) {
          return base::FailedPrecondition("the tip was extended as often as its kind allows")
              .WithVi("Tin đã được gia hạn đủ số lần cho phép đối với loại tin này")
              .WithMachineCode("extension_limit");
        }
        if (today > current.deadline) {
          return base::FailedPrecondition(
                     "the deadline has passed; an extension is decided before it")
              .WithVi("Đã quá hạn giải quyết; việc gia hạn phải quyết định trước khi hết hạn")
              .WithMachineCode("deadline_passed");
        }
        if (in.days > rule.max_extension_days) {
          return base::Validation::Fail("days", "out_of_range",
                                        "Mỗi lần gia hạn không quá " +
                                            std::to_string(rule.max_extension_days) +
                                            " ngày đối với loại tin này",
                                        "an extension of this kind adds at most " +
                                            std::to_string(rule.max_extension_days) + " days");
        }
        next.extended_days = current.extended_days + in.days;
        next.extensions = current.extensions + 1;
        next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
        e.days = in.days;
        e.legal_basis = rule.basis_vi;
        break;
      }
    }
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, next, in.version));
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, TipStepId(in.step));
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(next, Today());
  return next;
}

Result<std::vector<TipEvent>> TipStore::History(const access::Subject& subject,
                                                const std::string& id) const {
  std::optional<Tip> tip;
  std::vector<TipEvent> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(tip, Load(tx, id));
    if (!tip) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(
        Rows rows, tx.Query("SELECT seq, step, at, by_account, note, assignee, kind, outcome, "
                            "agency, days, legal_basis FROM tip_events WHERE tip_id = :1 "
                            "ORDER BY seq",
                            {id}));
    for (const auto& r : rows) {
      TipEvent e;
      e.seq = r.Int(0);
      e.step = r.Text(1);
      e.at = r.Text(2);
      e.by = r.Text(3);
      e.note = r.Text(4);
      e.assignee = r.Text(5);
      e.kind = r.Text(6);
      e.outcome = r.Text(7);
      e.agency = r.Text(8);
      e.days = static_cast<int>(r.Int(9));
      e.legal_basis = r.Text(10);
      out.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  if (!tip || !policy_.Allows(subject, Action::kRead,
                              {Resource::kTip, tip->unit_code, AssigneesOf(*tip)})) {
    return NotFoundTip();
  }
  return out;
}

Result<Denouncer> TipStore::GetDenouncer(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& tip_id) {
  PCMD_ASSIGN_OR_RETURN(Tip tip, Get(subject, tip_id));
  if (!policy_.Allows(subject, Action::kRead,
                      {Resource::kDenouncer, tip.unit_code, AssigneesOf(tip)})) {
    return NotFoundTip();
  }
  std::string sealed;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        Rows rows, tx.Query("SELECT sealed FROM tip_denouncers WHERE tip_id = :1", {tip_id}));
    if (rows.empty()) {
      return base::NotFound("the tip has no recorded identity")
          .WithVi("Tin này không có thông tin người tố giác")
          .WithMachineCode("not_found");
    }
    sealed = rows[0].Text(0);
    return tx.Audit("read", "tip_denouncer", tip_id);
  }));
  auto plain = box_.Unseal(sealed, kDenouncerContext);
  if (!plain.ok()) {
    return base::Internal("a stored identity cannot be unsealed with this key");
  }
  return DecodeDenouncer(*plain);
}

Status TipStore::PutDenouncer(const access::Subject& subject, const store::Actor& actor,
                              const std::string& tip_id, const Denouncer& denouncer) {
  PCMD_ASSIGN_OR_RETURN(Tip tip, Get(subject, tip_id));
  if (!policy_.Allows(subject, Action::kUpdate,
                      {Resource::kDenouncer, tip.unit_code, AssigneesOf(tip)})) {
    return NotFoundTip();
  }
  if (tip.is_anonymous) {
    return base::FailedPrecondition("an anonymous tip has no identity")
        .WithVi("Tin nặc danh không có thông tin người tố giác")
        .WithMachineCode("anonymous");
  }
  base::Validation v;
  ValidateDenouncer(denouncer, "", v);
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  const std::string sealed = box_.Seal(EncodeDenouncer(denouncer), kDenouncerContext);
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE tip_denouncers SET sealed = :1, updated_at = :2, updated_by = :3 "
                "WHERE tip_id = :4",
                {sealed, now, actor.id, tip_id}));
    if (changed == 0) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO tip_denouncers (tip_id, sealed, created_at, created_by, "
                  "updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                  {tip_id, sealed, now, actor.id, now, actor.id})
              .status());
    }
    return tx.AppendChange("tip_denouncer", tip_id, changed == 0 ? "create" : "update");
  });
}

Result<TipSummary> TipStore::Summary(const access::Subject& subject,
                                     const std::optional<std::string>& unit,
                                     const base::Period& period) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead);
  if (scope == Scope::kNone) {
    return base::PermissionDenied("your role may not read tips");
  }
  TipSummary out;
  out.unit_code = unit.value_or(subject.unit_code);
  out.period = period.id;
  out.first = period.first;
  out.last = period.last;
  PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, out.unit_code));
  if (units.empty()) {
    return out;
  }
  std::string where =
      " FROM tips WHERE deleted_at IS NULL AND received_on >= :f AND received_on <= :l";
  store::Params p = {period.first.ToString(), period.last.ToString()};
  where += " AND unit_code IN (";
  for (std::size_t i = 0; i < units.size(); ++i) {
    where += (i ? ", :u" : ":u") + std::to_string(i);
    p.emplace_back(units[i]);
  }
  where += ")";
  if (scope == Scope::kAssigned) {
    where += " AND assignee = :me";
    p.emplace_back(subject.account_id);
  }
  std::vector<Tip> tips;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + where, p));
    for (const auto& r : rows) {
      tips.push_back(FromRow(r));
    }
    return Status::Ok();
  }));
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(nullptr));
  // The group of a unit: the asked unit itself, or its child whose subtree holds it.
  auto group_of = [&](const std::string& code) -> std::string {
    if (code == out.unit_code) {
      return code;
    }
    std::string at = code;
    for (int guard = 0; guard < 64; ++guard) {
      auto it = parents.find(at);
      if (it == parents.end()) {
        return at;
      }
      const std::string& parent = it->second;
      if (parent == out.unit_code || (parent.empty() && out.unit_code == "VN")) {
        return at;
      }
      if (parent.empty()) {
        return at;
      }
      at = parent;
    }
    return at;
  };
  const Date today = Today();
  std::map<std::string, TipCounts> by_unit, by_handler;
  for (Tip& t : tips) {
    Annotate(t, today);
    out.totals.Add(t);
    by_unit[group_of(t.unit_code)].Add(t);
    by_handler[t.assignee].Add(t);
  }
  if (auto it = by_unit.find(out.unit_code); it != by_unit.end()) {
    out.units.push_back({out.unit_code, true, it->second});
    by_unit.erase(it);
  }
  for (auto& [code, counts] : by_unit) {
    out.units.push_back({code, false, counts});
  }
  for (auto& [assignee, counts] : by_handler) {
    out.handlers.push_back({assignee, counts});
  }
  return out;
}

Result<std::vector<TipNotice>> TipStore::Notices(const access::Subject& subject) const {
  std::vector<TipNotice> out;
  if (access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead) == Scope::kNone) {
    return out;
  }
  std::vector<Tip> tips;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kCols +
                                       " FROM tips WHERE deleted_at IS NULL AND assignee = :1 "
                                       "AND status IN " +
                                       kOpenStatuses + " ORDER BY deadline, received_at, id",
                                   {subject.account_id}));
    for (const auto& r : rows) {
      tips.push_back(FromRow(r));
    }
    return Status::Ok();
  }));
  const Date today = Today();
  for (Tip& t : tips) {
    if (!policy_.Allows(subject, Action::kRead, {Resource::kTip, t.unit_code, AssigneesOf(t)})) {
      continue;
    }
    Annotate(t, today);
    out.push_back(
        {t.id, t.kind, std::string(TipStatusId(t.status)), t.deadline, t.timeliness, t.days_left});
  }
  return out;
}

Result<std::map<std::string, int>> TipStore::OpenTipsByEstablishment() const {
  std::map<std::string, int> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT establishment_id, COUNT(*) FROM tips WHERE "
                                               "deleted_at IS NULL AND establishment_id <> '' AND "
                                               "status IN ") +
                                   kOpenStatuses + " GROUP BY establishment_id"));
    for (const auto& r : rows) {
      out[r.Text(0)] = static_cast<int>(r.Int(1));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<TipDeadlineRule>> TipStore::DeadlineRules() const {
  PCMD_ASSIGN_OR_RETURN(auto kinds, code_lists_.Get("tip_kind"));
  std::map<std::string, TipDeadlineRule> stored;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT kind, days, max_extensions, max_extension_days FROM "
                                   "tip_deadline_rules"));
    for (const auto& r : rows) {
      TipDeadlineRule rule = DefaultTipDeadlineRule(r.Text(0));
      rule.days = static_cast<int>(r.Int(1));
      rule.max_extensions = static_cast<int>(r.Int(2));
      rule.max_extension_days = static_cast<int>(r.Int(3));
      stored[rule.kind] = rule;
    }
    return Status::Ok();
  }));
  std::vector<TipDeadlineRule> out;
  for (const auto& code : kinds) {
    auto it = stored.find(code.code);
    out.push_back(it != stored.end() ? it->second : DefaultTipDeadlineRule(code.code));
  }
  return out;
}

Status TipStore::SetDeadlineRules(const store::Actor& actor,
                                  const std::vector<TipDeadlineRule>& rules) {
  base::Validation v;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    const std::string at = "items[" + std::to_string(i) + "].";
    auto known = code_lists_.IsActive("tip_kind", r.kind);
    if (!known.ok() || !*known) {
      v.Add(at + "kind", "invalid_code", "Loại tin không có trong danh mục tip_kind",
            "kind is not a code of the list tip_kind");
    }
    if (r.days < 1 || r.days > kMaxTipDeadlineDays) {
      v.Add(at + "days", "out_of_range",
            "Thời hạn phải từ 1 đến " + std::to_string(kMaxTipDeadlineDays) + " ngày",
            "days must be from 1 to " + std::to_string(kMaxTipDeadlineDays));
    }
    if (r.max_extensions < 0 || r.max_extensions > kMaxTipExtensions) {
      v.Add(at + "max_extensions", "out_of_range",
            "Số lần gia hạn phải từ 0 đến " + std::to_string(kMaxTipExtensions),
            "max_extensions must be from 0 to " + std::to_string(kMaxTipExtensions));
    }
    if (r.max_extension_days < 0 || r.max_extension_days > kMaxTipDeadlineDays) {
      v.Add(at + "max_extension_days", "out_of_range",
            "Số ngày mỗi lần gia hạn phải từ 0 đến " + std::to_string(kMaxTipDeadlineDays),
            "max_extension_days must be from 0 to " + std::to_string(kMaxTipDeadlineDays));
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    for (const auto& r : rules) {
      PCMD_ASSIGN_OR_RETURN(
          std::int64_t changed,
          tx.Exec("UPDATE tip_deadline_rules SET days = :1, max_extensions = :2, "
                  "max_extension_days = :3, updated_at = :4, updated_by = :5 WHERE kind = :6",
                  {r.days, r.max_extensions, r.max_extension_days, now, actor.id, r.kind}));
      if (changed == 0) {
        PCMD_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO tip_deadline_rules (kind, days, max_extensions, "
                    "max_extension_days, updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                    {r.kind, r.days, r.max_extensions, r.max_extension_days, now, actor.id})
                .status());
      }
      PCMD_RETURN_IF_ERROR(tx.AppendChange("tip_deadline_rule", r.kind, "update"));
    }
    return Status::Ok();
  });
}

std::vector<store::Migration> TipMigrations() {
  const std::string tables =
      "CREATE TABLE tips (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, channel TEXT NOT NULL, "
      "kind TEXT NOT NULL, received_at TEXT NOT NULL, received_on TEXT NOT NULL, "
      "establishment_id TEXT NOT NULL, place TEXT NOT NULL, subject_unit TEXT NOT NULL, "
      "content TEXT NOT NULL, is_anonymous INTEGER NOT NULL, status TEXT NOT NULL, "
      "assignee TEXT NOT NULL, deadline_days INTEGER NOT NULL, extended_days INTEGER NOT NULL, "
      "extensions INTEGER NOT NULL, deadline TEXT NOT NULL, verified_at TEXT NOT NULL, "
      "classified_at TEXT NOT NULL, assigned_at TEXT NOT NULL, handled_at TEXT NOT NULL, "
      "closed_at TEXT NOT NULL, outcome TEXT NOT NULL, transferred_to TEXT NOT NULL, "
      "inspection_id TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL, "
      "updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL, deleted_at "
      "TEXT);\n"
      "CREATE INDEX tips_unit_received ON tips (unit_code, received_on);\n"
      "CREATE INDEX tips_assignee_status ON tips (assignee, status);\n"
      "CREATE TABLE tip_events (tip_id TEXT NOT NULL REFERENCES tips (id), seq INTEGER NOT NULL, "
      "step TEXT NOT NULL, at TEXT NOT NULL, by_account TEXT NOT NULL, note TEXT NOT NULL, "
      "assignee TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, agency TEXT NOT NULL, "
      "days INTEGER NOT NULL, legal_basis TEXT NOT NULL, PRIMARY KEY (tip_id, seq));\n"
      "CREATE TABLE tip_denouncers (tip_id TEXT PRIMARY KEY REFERENCES tips (id), sealed TEXT NOT "
      "NULL, "
      "created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, "
      "updated_by TEXT NOT NULL);\n"
      "CREATE TABLE tip_deadline_rules (kind TEXT PRIMARY KEY, days INTEGER NOT NULL, "
      "max_extensions INTEGER NOT NULL, max_extension_days INTEGER NOT NULL, updated_at TEXT NOT "
      "NULL, "
      "updated_by TEXT NOT NULL);\n";
  std::string rules =
      "INSERT INTO tip_deadline_rules (kind, days, max_extensions, max_extension_days, "
      "updated_at, updated_by) VALUES ";
  bool first = true;
  for (const auto& r : DefaultTipDeadlineRules()) {
    rules += std::string(first ? "" : ", ") + "('" + r.kind + "', " + std::to_string(r.days) +
             ", " + std::to_string(r.max_extensions) + ", " + std::to_string(r.max_extension_days) +
             ", '2025-01-01T00:00:00Z', 'system')";
    first = false;
  }
  return {{400, "tips_events_denouncers_and_deadlines", tables + SeedSql() + ";\n" + rules, ""}};
}

}  // namespace pcmd::enforcement
