#include "api/tips_api.h"

#include <algorithm>

#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "base/csv.h"
#include "base/id.h"
#include "base/text.h"
#include "exports/table_file.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using enforcement::Denouncer;
using enforcement::Tip;
using enforcement::TipCounts;
using nlohmann::json;

json TipJson(const Tip& t) {
  return {{"id", t.id},
          {"unit", t.unit_code},
          {"channel", t.channel},
          {"kind", t.kind},
          {"received_at", t.received_at},
          {"received_on", t.received_on.ToString()},
          {"establishment_id", Nullable(t.establishment_id)},
          {"place", Nullable(t.place)},
          {"subject_unit", Nullable(t.subject_unit)},
          {"content", t.content},
          {"is_anonymous", t.is_anonymous},
          {"status", std::string(enforcement::TipStatusId(t.status))},
          {"assignee", Nullable(t.assignee)},
          {"deadline", t.deadline.ToString()},
          {"deadline_days", t.deadline_days},
          {"extended_days", t.extended_days},
          {"extensions", t.extensions},
          {"timeliness", std::string(enforcement::TimelinessId(t.timeliness))},
          {"days_left", t.days_left},
          {"verified_at", Nullable(t.verified_at)},
          {"classified_at", Nullable(t.classified_at)},
          {"assigned_at", Nullable(t.assigned_at)},
          {"handled_at", Nullable(t.handled_at)},
          {"closed_at", Nullable(t.closed_at)},
          {"outcome", Nullable(t.outcome)},
          {"transferred_to", Nullable(t.transferred_to)},
          {"inspection_id", Nullable(t.inspection_id)},
          {"version", t.version},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at},
          {"created_by", t.created_by},
          {"updated_by", t.updated_by}};
}

json CountsJson(const TipCounts& c) {
  return {{"received", c.received},
          {"verified", c.verified},
          {"classified", c.classified},
          {"handled", c.handled},
          {"handled_on_time", c.handled_on_time},
          {"handled_late", c.handled_late},
          {"open", c.open},
          {"overdue", c.overdue},
          {"due_soon", c.due_soon}};
}

json DenouncerJson(const Denouncer& d) {
  return {{"name", Nullable(d.name)},
          {"id_number", Nullable(d.id_number)},
          {"address", Nullable(d.address)},
          {"phone", Nullable(d.phone)},
          {"email", Nullable(d.email)}};
}

json RulesJson(const std::vector<enforcement::TipDeadlineRule>& rules) {
  json items = json::array();
  for (const auto& r : rules) {
    const auto d = enforcement::DefaultTipDeadlineRule(r.kind);
    items.push_back({{"kind", r.kind},
                     {"days", r.days},
                     {"max_extensions", r.max_extensions},
                     {"max_extension_days", r.max_extension_days},
                     {"default_days", d.days},
                     {"default_max_extensions", d.max_extensions},
                     {"default_max_extension_days", d.max_extension_days},
                     {"legal_basis_vi", d.basis_vi},
                     {"legal_basis_en", d.basis_en}});
  }
  return {{"items", items}, {"due_soon_days", enforcement::kTipDueSoonDays}};
}

// The identity's fields of `object` (the body itself, or its "denouncer" member); the
// problems are named with `prefix` in `outer`.
Denouncer ReadDenouncer(const json& object, const std::string& prefix, BodyReader& outer) {
  Denouncer d;
  auto sub = BodyReader::Parse(object.dump());
  if (!sub.ok()) {
    return d;
  }
  d.name = sub->String("name", false, 200).value_or("");
  d.id_number = sub->String("id_number", false, 20).value_or("");
  d.address = sub->String("address", false, 300).value_or("");
  d.phone = sub->String("phone", false, 20).value_or("");
  d.email = sub->String("email", false, 200).value_or("");
  base::Status s = sub->Finish();
  for (const auto& f : s.fields()) {
    outer.AddError(prefix + f.field, f.code, f.message_vi, f.message_en);
  }
  return d;
}

base::Status DenouncerForbidden() {
  return base::Status(base::StatusCode::kPermissionDenied,
                      "your role may not record a denouncer's identity")
      .WithVi("Vai trò của bạn không được ghi thông tin người tố giác")
      .WithMachineCode("forbidden")
      .WithField({"denouncer", "forbidden",
                  "Vai trò của bạn không được ghi thông tin người tố giác",
                  "your role may not record a denouncer's identity"});
}

using internal::StatusIds;
using internal::StepIds;

// The version to delete: ?version= or If-Match.
std::int64_t VersionOf(const http::Request& req) {
  if (auto v = req.Query("version")) {
    return std::atoll(v->c_str());
  }
  if (auto m = req.Header("if-match")) {
    return std::atoll(m->c_str() + (m->size() && (*m)[0] == '"' ? 1 : 0));
  }
  return 0;
}

// A failed write: a stale version answers with the tip as it is now.
http::Response WriteError(enforcement::TipStore& tips, Call& call, const std::string& id,
                          const base::Status& s) {
  if (s.machine_code() == "stale_version") {
    if (auto now = tips.Get(call.subject(), id); now.ok()) {
      return StaleResponse(s, TipJson(*now));
    }
  }
  return ErrorResponse(s);
}

}  // namespace

void AddTipRoutes(http::Router& router, Guard& guard, store::Database& db,
                  enforcement::TipStore& tips, const units::UnitTree& units) {
  // The fixed sub-paths first: the router takes the first pattern that matches.
  guard.Add(
      router, "GET", "/api/tips/summary", "tip:read",
      [&tips](Call& call) {
        QueryParams q(call.request);
        auto unit = q.Text("unit", 20);
        auto period_text = q.Text("period", 20);
        if (auto s = q.Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        const std::string period_id = period_text.value_or(std::to_string(tips.Today().year()));
        auto period = base::Period::Parse(period_id);
        if (!period.ok()) {
          QueryParams bad(call.request);
          bad.Enum("period", {"YYYY", "YYYYQn", "YYYYMM", "PYYYY-YYYY"});
          return ErrorResponse(bad.Finish());
        }
        auto s = tips.Summary(call.subject(), unit, *period);
        if (!s.ok()) {
          return ErrorResponse(s.status());
        }
        json units_json = json::array();
        for (const auto& u : s->units) {
          units_json.push_back(
              {{"unit", u.unit_code}, {"is_own", u.is_own}, {"counts", CountsJson(u.counts)}});
        }
        json handlers = json::array();
        for (const auto& h : s->handlers) {
          handlers.push_back(
              {{"assignee", Nullable(h.assignee)}, {"counts", CountsJson(h.counts)}});
        }
        return JsonResponse(200, {{"unit", s->unit_code},
                                  {"period", s->period},
                                  {"from", s->first.ToString()},
                                  {"to", s->last.ToString()},
                                  {"as_of", tips.Today().ToString()},
                                  {"totals", CountsJson(s->totals)},
                                  {"units", units_json},
                                  {"handlers", handlers}});
      },
      "Target T8: tips received in a period, verified, classified, handled on time or late, open, "
      "overdue, per unit and handler",
      "tips");
  guard.Add(
      router, "GET", "/api/tips/assignable-accounts", "tip:read",
      [&tips](Call& call) {
        QueryParams q(call.request);
        const std::string unit = q.Text("unit", 20).value_or("");
        if (auto s = q.Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        if (unit.empty()) {
          return ErrorResponse(base::Validation::Fail("unit", "required", "Cần chọn đơn vị", "unit is required"));
        }
        auto all = tips.AssignableAccounts(call.subject(), unit);
        if (!all.ok()) {
          return ErrorResponse(all.status());
        }
        json items = json::array();
        for (const auto& a : *all) {
          items.push_back({{"id", a.id}, {"display_name", a.display_name},
                           {"role", std::string(access::RoleId(a.role))}, {"unit", a.unit_code}});
        }
        return JsonResponse(200, {{"items", items}});
      },
      "Who a tip of a unit may be assigned to (for those who assign tips there)", "tips");
  AddTipFileRoutes(router, guard, db, tips, units);  // fixed sub-paths before /api/tips/{id}
  guard.Add(
      router, "GET", "/api/tips", "tip:read",
      [&tips](Call& call) {
        QueryParams q(call.request);
        enforcement::TipQuery query = internal::ReadTipQuery(q);
        query.limit = q.Limit();
        query.offset = q.Offset();
        if (auto s = q.Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        auto page = tips.List(call.subject(), query);
        if (!page.ok()) {
          return ErrorResponse(page.status());
        }
        json items = json::array();
        for (const auto& t : page->items) {
          items.push_back(TipJson(t));
        }
        return JsonResponse(200, {{"items", items},
                                  {"total", page->total},
                                  {"limit", query.limit},
                                  {"offset", query.offset}});
      },
      "List tips with filters (inspectors: the tips assigned to them)", "tips");
  guard.Add(
      router, "POST", "/api/tips", "tip:create",
      [&tips](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) {
          return ErrorResponse(reader.status());
        }
        const json body = json::parse(call.request.body, nullptr, false);
        const bool has_denouncer = body.contains("denouncer") && !body.at("denouncer").is_null();
        if (has_denouncer &&
            access::Policy::ScopeOf(call.subject().role, access::Resource::kDenouncer,
                                    access::Action::kCreate) == access::Scope::kNone) {
          return ErrorResponse(DenouncerForbidden());
        }
        enforcement::NewTip in;
        in.id = reader->String("id", false, 64);
        in.unit_code = reader->String("unit", true, 20).value_or("");
        in.channel = reader->String("channel", true, 64).value_or("");
        in.kind = reader->String("kind", true, 64).value_or("");
        in.received_at = reader->String("received_at", true, 40).value_or("");
        in.establishment_id = reader->String("establishment_id", false, 64).value_or("");
        in.place = reader->String("place", false, 300).value_or("");
        in.subject_unit = reader->String("subject_unit", false, 20).value_or("");
        in.content = reader->String("content", true, 4000).value_or("");
        in.is_anonymous = reader->Bool("is_anonymous", false).value_or(false);
        reader->MarkKnown("denouncer");
        if (has_denouncer) {
          if (!body.at("denouncer").is_object()) {
            reader->AddError("denouncer", "invalid_type", "Trường denouncer phải là một đối tượng",
                             "denouncer must be an object");
          } else {
            in.denouncer = ReadDenouncer(body.at("denouncer"), "denouncer.", *reader);
          }
        }
        if (auto s = reader->Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        bool created = false;
        auto t = tips.Create(call.subject(), call.actor, in, &created);
        if (!t.ok()) {
          return ErrorResponse(t.status());
        }
        return JsonResponse(created ? 201 : 200, TipJson(*t));
      },
      "Receive a tip (a re-sent id creates nothing); `denouncer` needs the denouncer grant",
      "tips");
  guard.Add(
      router, "GET", "/api/tips/{id}", "tip:read",
      [&tips](Call& call) {
        auto t = tips.Get(call.subject(), call.request.path_params.at("id"));
        if (!t.ok()) {
          return ErrorResponse(t.status());
        }
        return JsonResponse(200, TipJson(*t));
      },
      "One tip (never its denouncer)", "tips");
  guard.Add(
      router, "PATCH", "/api/tips/{id}", "tip:update",
      [&tips](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) {
          return ErrorResponse(reader.status());
        }
        const json body = json::parse(call.request.body, nullptr, false);
        enforcement::TipPatch patch;
        patch.version = reader->Int("version", true).value_or(0);
        patch.channel = reader->String("channel", false, 64);
        patch.kind = reader->String("kind", false, 64);
        patch.content = reader->String("content", false, 4000);
        // null or "" clears these
        auto clearable = [&](const char* field, std::size_t max) -> std::optional<std::string> {
          if (body.contains(field) && body.at(field).is_null()) {
            reader->MarkKnown(field);
            return std::string();
          }
          return reader->String(field, false, max);
        };
        patch.establishment_id = clearable("establishment_id", 64);
        patch.place = clearable("place", 300);
        patch.subject_unit = clearable("subject_unit", 20);
        if (auto s = reader->Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        const std::string& id = call.request.path_params.at("id");
        auto t = tips.Update(call.subject(), call.actor, id, patch);
        if (!t.ok()) {
          return WriteError(tips, call, id, t.status());
        }
        return JsonResponse(200, TipJson(*t));
      },
      "Change channel, kind, subject or content before classification (send its version)", "tips");
  guard.Add(
      router, "DELETE", "/api/tips/{id}", "tip:delete",
      [&tips](Call& call) {
        const std::int64_t version = VersionOf(call.request);
        const std::string& id = call.request.path_params.at("id");
        if (version <= 0) {
          // A tip out of scope is not found, whatever was sent.
          if (auto t = tips.Get(call.subject(), id); !t.ok()) {
            return ErrorResponse(t.status());
          }
          return ErrorResponse(base::Validation::Fail(
              "version", "required", "Cần gửi phiên bản của tin", "send the tip's version"));
        }
        auto t = tips.Delete(call.subject(), call.actor, id, version);
        if (!t.ok()) {
          return WriteError(tips, call, id, t.status());
        }
        return JsonResponse(200, TipJson(*t));
      },
      "Delete a tip (its events are kept)", "tips");
  guard.Add(
      router, "GET", "/api/tips/{id}/history", "tip:read",
      [&tips](Call& call) {
        auto h = tips.History(call.subject(), call.request.path_params.at("id"));
        if (!h.ok()) {
          return ErrorResponse(h.status());
        }
        json items = json::array();
        for (const auto& e : *h) {
          items.push_back({{"seq", e.seq},
                           {"step", e.step},
                           {"changed_at", e.at},
                           {"changed_by", e.by},
                           {"note", Nullable(e.note)},
                           {"assignee", Nullable(e.assignee)},
                           {"kind", Nullable(e.kind)},
                           {"outcome", Nullable(e.outcome)},
                           {"agency", Nullable(e.agency)},
                           {"days", e.days == 0 ? json(nullptr) : json(e.days)},
                           {"legal_basis", Nullable(e.legal_basis)}});
        }
        return JsonResponse(200, {{"items", items}});
      },
      "The steps of a tip's handling, oldest first, with their time and person", "tips");
  guard.Add(
      router, "POST", "/api/tips/{id}/steps", "tip:update",
      [&tips](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) {
          return ErrorResponse(reader.status());
        }
        enforcement::TipStepInput in;
        const auto step = reader->Enum("step", true, StepIds());
        in.version = reader->Int("version", true).value_or(0);
        in.note = reader->String("note", false, 2000).value_or("");
        in.assignee = reader->String("assignee", false, 64).value_or("");
        in.outcome = reader->String("outcome", false, 64).value_or("");
        in.agency = reader->String("agency", false, 300).value_or("");
        in.days = static_cast<int>(
            std::clamp<std::int64_t>(reader->Int("days", false).value_or(0), -1, 100000));
        in.kind = reader->String("kind", false, 64).value_or("");
        in.inspection_id = reader->String("inspection_id", false, 64).value_or("");
        if (auto s = reader->Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        in.step =
            enforcement::ParseTipStep(step.value_or("")).value_or(enforcement::TipStep::kVerify);
        const std::string& id = call.request.path_params.at("id");
        auto t = tips.Step(call.subject(), call.actor, id, in);
        if (!t.ok()) {
          return WriteError(tips, call, id, t.status());
        }
        return JsonResponse(200, TipJson(*t));
      },
      "Take a step of the workflow: verify, classify, assign, handle, close, transfer, extend",
      "tips");
  guard.Add(
      router, "GET", "/api/tips/{id}/denouncer", "denouncer:read",
      [&tips](Call& call) {
        auto d = tips.GetDenouncer(call.subject(), call.actor, call.request.path_params.at("id"));
        if (!d.ok()) {
          return ErrorResponse(d.status());
        }
        return JsonResponse(200, DenouncerJson(*d));
      },
      "The denouncer's identity (intake officers; every read is audited)", "tips");
  guard.Add(
      router, "PUT", "/api/tips/{id}/denouncer", "denouncer:update",
      [&tips](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) {
          return ErrorResponse(reader.status());
        }
        const json body = json::parse(call.request.body, nullptr, false);
        for (const auto& [k, v] : body.items()) {
          reader->MarkKnown(k);
        }
        Denouncer d = ReadDenouncer(body, "", *reader);
        if (auto s = reader->Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        const std::string& id = call.request.path_params.at("id");
        if (auto s = tips.PutDenouncer(call.subject(), call.actor, id, d); !s.ok()) {
          return ErrorResponse(s);
        }
        return JsonResponse(200, DenouncerJson(d));
      },
      "Record or replace the denouncer's identity (not for anonymous tips)", "tips");
  guard.Add(
      router, "GET", "/api/tip-deadlines", "tip:read",
      [&tips](Call&) {
        auto rules = tips.DeadlineRules();
        if (!rules.ok()) {
          return ErrorResponse(rules.status());
        }
        return JsonResponse(200, RulesJson(*rules));
      },
      "Handling deadlines per kind of tip, with their legal basis", "tips");
  guard.Add(
      router, "PUT", "/api/tip-deadlines", "code_list:update",
      [&tips](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) {
          return ErrorResponse(reader.status());
        }
        const json body = json::parse(call.request.body, nullptr, false);
        reader->MarkKnown("items");
        auto current = tips.DeadlineRules();
        if (!current.ok()) {
          return ErrorResponse(current.status());
        }
        std::vector<enforcement::TipDeadlineRule> rules;
        if (!body.contains("items") || !body.at("items").is_array()) {
          reader->AddError("items", "required", "Cần danh sách thời hạn (items)",
                           "items (a list) is required");
        } else {
          const json& items = body.at("items");
          for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string at = "items[" + std::to_string(i) + "].";
            const json& item = items[i];
            if (!item.is_object() || !item.contains("kind") || !item.at("kind").is_string()) {
              reader->AddError(at + "kind", "required", "Loại tin là bắt buộc", "kind is required");
              continue;
            }
            enforcement::TipDeadlineRule r =
                enforcement::DefaultTipDeadlineRule(item.at("kind").get<std::string>());
            for (const auto& c : *current) {
              if (c.kind == r.kind) {
                r = c;
              }
            }
            for (const auto& [name, value] : item.items()) {
              int* target = name == "days"                 ? &r.days
                            : name == "max_extensions"     ? &r.max_extensions
                            : name == "max_extension_days" ? &r.max_extension_days
                                                           : nullptr;
              if (name == "kind") {
                continue;
              }
              if (!target) {
                reader->AddError(at + name, "unknown_field",
                                 "Trường " + name + " không được hỗ trợ",
                                 name + " is not a field of a deadline rule");
              } else if (!value.is_number_integer()) {
                reader->AddError(at + name, "invalid_type", "Trường " + name + " phải là số nguyên",
                                 name + " must be an integer");
              } else {
                *target = static_cast<int>(
                    std::clamp<std::int64_t>(value.get<std::int64_t>(), -1, 100000));
              }
            }
            rules.push_back(r);
          }
        }
        if (auto s = reader->Finish(); !s.ok()) {
          return ErrorResponse(s);
        }
        if (auto s = tips.SetDeadlineRules(call.actor, rules); !s.ok()) {
          return ErrorResponse(s);
        }
        auto after = tips.DeadlineRules();
        if (!after.ok()) {
          return ErrorResponse(after.status());
        }
        return JsonResponse(200, RulesJson(*after));
      },
      "Change the deadlines of kinds of tips (province officers, as for code lists)", "tips");
  guard.Add(
      router, "GET", "/api/notifications", "signed_in",
      [&tips](Call& call) {
        auto notices = tips.Notices(call.subject());
        if (!notices.ok()) {
          return ErrorResponse(notices.status());
        }
        json items = json::array();
        for (const auto& n : *notices) {
          items.push_back({{"type", "tip"},
                           {"id", n.id},
                           {"kind", n.kind},
                           {"status", n.status},
                           {"deadline", n.deadline.ToString()},
                           {"timeliness", std::string(enforcement::TimelinessId(n.timeliness))},
                           {"days_left", n.days_left},
                           {"is_overdue", n.timeliness == enforcement::Timeliness::kOverdue},
                           {"is_due_soon", n.timeliness == enforcement::Timeliness::kDueSoon}});
        }
        return JsonResponse(200, {{"items", items}, {"total", items.size()}});
      },
      "The caller's open tips with their deadlines, the most urgent first (no content)", "tips");
}

namespace internal {

enforcement::TipQuery ReadTipQuery(QueryParams& q) {
  enforcement::TipQuery query;
  query.unit = q.Text("unit", 20);
  q.DateRange(query.from, query.to);
  query.status = q.Enum("status", StatusIds());
  query.kind = q.Text("kind", 64);
  query.assignee = q.Text("assignee", 64);
  query.due = q.Enum("due", {"overdue", "due_soon"});
  return query;
}


const std::vector<std::string>& StatusIds() {
  static const std::vector<std::string> ids = {"received", "verified", "classified", "assigned",
                                               "handled",  "closed",   "transferred"};
  return ids;
}

const std::vector<std::string>& StepIds() {
  static const std::vector<std::string> ids = {"verify", "classify", "assign", "handle",
                                               "close",  "transfer", "extend"};
  return ids;
}

}  // namespace internal
}  // namespace pcmd::api
