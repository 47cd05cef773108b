#include "api/units_api.h"

#include <set>

#include <nlohmann/json.hpp>

#include "access/closed_unit_accounts.h"
#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_rules.h"

namespace pcmd::api {
namespace {

using nlohmann::json;

const std::vector<std::string> kLevelNames = {"province", "district", "commune"};

json UnitJson(const units::Unit& u) {
  return {{"code", u.code},
          {"name", u.name},
          {"level", u.level},
          {"type", u.type},
          {"parent_code", u.parent_code ? json(*u.parent_code) : json(nullptr)},
          {"valid_from", u.valid_from.ToString()},
          {"valid_to", u.valid_to ? json(u.valid_to->ToString()) : json(nullptr)},
          {"child_count", u.child_count}};
}

http::Response List(units::UnitTree& tree, Call& call) {
  const http::Request& req = call.request;
  QueryParams q(req);
  units::UnitQuery query;
  query.level = q.Enum("level", kLevelNames);
  query.parent_code = q.Text("parent", 20);
  query.text = q.Text("q", 100);
  query.date = q.DateOr("date", base::Date::Today());
  query.limit = q.Limit();
  query.offset = q.Offset();
  if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
  auto page = tree.List(query);
  if (!page.ok()) return ErrorResponse(page.status());
  json items = json::array();
  for (const auto& u : page->items) {
    json item = UnitJson(u);
    item["parent_name"] = u.parent_name.empty() ? json(nullptr) : json(u.parent_name);
    items.push_back(std::move(item));
  }
  return JsonResponse(200, {{"items", std::move(items)},
                            {"total", page->total},
                            {"limit", query.limit},
                            {"offset", query.offset}});
}

http::Response Get(units::UnitTree& tree, Call& call) {
  const http::Request& req = call.request;
  QueryParams q(req);
  const base::Date date = q.DateOr("date", base::Date::Today());
  if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
  auto detail = tree.Get(req.path_params.at("code"), date);
  if (!detail.ok()) return ErrorResponse(detail.status());
  json out = UnitJson(detail->unit);
  json path = json::array(), children = json::array(), history = json::array();
  for (const auto& u : detail->path) {
    path.push_back({{"code", u.code}, {"name", u.name}, {"level", u.level}});
  }
  for (const auto& u : detail->children) children.push_back(UnitJson(u));
  for (const auto& u : detail->history) {
    history.push_back({{"name", u.name},
                       {"type", u.type},
                       {"parent_code", u.parent_code ? json(*u.parent_code) : json(nullptr)},
                       {"valid_from", u.valid_from.ToString()},
                       {"valid_to", u.valid_to ? json(u.valid_to->ToString()) : json(nullptr)}});
  }
  json counts = json::object();
  for (const auto& level : kLevelNames) {
    auto it = detail->counts.find(level);
    if (it != detail->counts.end()) counts[level] = it->second;
  }
  out["path"] = std::move(path);
  out["children"] = std::move(children);
  out["counts"] = std::move(counts);
  out["history"] = std::move(history);
  out["date"] = date.ToString();
  return JsonResponse(200, out);
}

http::Response OutOfScope(const std::string& field) {
  return ErrorResponse(base::Validation::Fail(field, "out_of_scope",
                                              "Chỉ được ghi đơn vị thuộc phạm vi của mình",
                                              "the unit must be within your own unit"));
}

http::Response Create(units::UnitTree& tree, const access::Policy& policy, access::UnitScope& scope,
                      Call& call) {
  const http::Request& req = call.request;
  auto body = BodyReader::Parse(req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  units::NewUnit in;
  in.code = body->String("code", true, 20).value_or("");
  in.name = body->String("name", true, 200).value_or("");
  in.level = body->Enum("level", true, kLevelNames).value_or("");
  in.type = body->String("type", true, 50).value_or("");
  in.parent_code = body->String("parent_code", false, 20);
  in.valid_from = body->Date("valid_from", false).value_or(base::Date::Today());
  if (auto s = body->Finish(); !s.ok()) {
    // Report the tree's own rules for the fields that were readable too, in one reply.
    base::Validation all;
    for (const auto& f : s.fields()) all.Add(f.field, f.code, f.message_vi, f.message_en);
    base::Validation rules;
    units::CheckUnitFields(in.code, in.name, in.level, in.type, in.parent_code, "", rules);
    const base::Status rule_status = rules.ToStatus();
    for (const auto& f : rule_status.fields()) {
      bool seen = false;
      for (const auto& g : s.fields()) seen |= g.field == f.field;
      if (!seen) all.Add(f.field, f.code, f.message_vi, f.message_en);
    }
    return ErrorResponse(all.ToStatus());
  }
  // A new province needs the whole country in scope; others their parent.
  const std::string anchor = in.parent_code.value_or("VN");
  if (anchor == "VN" ? call.subject().unit_code != "VN"
                     : !policy.Allows(call.subject(), access::Action::kCreate,
                                      {access::Resource::kUnit, anchor, {}})) {
    return OutOfScope("parent_code");
  }
  bool created = false;
  auto unit = tree.Create(call.actor, in, &created);
  scope.Invalidate();
  if (!unit.ok()) return ErrorResponse(unit.status());
  return JsonResponse(created ? 201 : 200, UnitJson(*unit));
}

http::Response Change(units::UnitTree& tree, const access::Policy& policy, access::UnitScope& scope,
                      Call& call) {
  const http::Request& req = call.request;
  auto body = BodyReader::Parse(req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  units::UnitChange c;
  auto kind = body->Enum("change", true, {"rename", "move", "merge", "split", "close"});
  c.effective = body->Date("effective", true).value_or(base::Date());
  c.name = body->String("name", false, 200);
  c.type = body->String("type", false, 50);
  c.parent_code = body->String("parent_code", false, 20);
  c.into = body->StringList("into", false).value_or(std::vector<std::string>{});
  if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
  if (*kind == "rename") c.kind = units::UnitChange::Kind::kRename;
  if (*kind == "move") c.kind = units::UnitChange::Kind::kMove;
  if (*kind == "merge") c.kind = units::UnitChange::Kind::kMerge;
  if (*kind == "split") c.kind = units::UnitChange::Kind::kSplit;
  if (*kind == "close") c.kind = units::UnitChange::Kind::kClose;
  const std::string& code = req.path_params.at("code");
  if (!policy.Allows(call.subject(), access::Action::kUpdate, {access::Resource::kUnit, code, {}})) {
    return ErrorResponse(base::NotFound("no unit with that code in your scope")
                             .WithVi("Không tìm thấy đơn vị trong phạm vi của bạn")
                             .WithMachineCode("not_found"));
  }
  // Units that do not exist are left to the tree's own validation, which names them.
  for (const auto& target : c.into) {
    if (scope.Exists(target) &&
        !policy.Allows(call.subject(), access::Action::kUpdate, {access::Resource::kUnit, target, {}})) {
      return OutOfScope("into");
    }
  }
  if (c.parent_code && scope.Exists(*c.parent_code) &&
      !policy.Allows(call.subject(), access::Action::kUpdate,
                     {access::Resource::kUnit, *c.parent_code, {}})) {
    return OutOfScope("parent_code");
  }
  auto unit = tree.Change(call.actor, code, c);
  scope.Invalidate();
  if (!unit.ok()) return ErrorResponse(unit.status());
  return JsonResponse(200, UnitJson(*unit));
}

json ChangeJson(const units::LineageEntry& e) {
  return {{"id", e.id},
          {"effective", e.effective.ToString()},
          {"kind", e.kind},
          {"old_code", e.from_code},
          {"old_name", e.from_name},
          {"new_code", e.to_code ? json(*e.to_code) : json(nullptr)},
          {"new_name", e.to_name},
          {"source", e.source},
          {"status", e.status},
          {"confirmed_by", e.confirmed_by ? json(*e.confirmed_by) : json(nullptr)},
          {"confirmed_at", e.confirmed_at ? json(*e.confirmed_at) : json(nullptr)}};
}

// GET /api/unit-changes?effective=&status=to_confirm: the recorded change rows between trees.
http::Response ListChanges(units::UnitTree& tree, Call& call) {
  QueryParams q(call.request);
  const auto any_day = base::Date::FromCivil(1, 1, 1);
  const base::Date effective = q.DateOr("effective", any_day);
  auto status = q.Enum("status", {"to_confirm", "all"});
  if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
  auto list = tree.ListChanges(effective == any_day ? std::nullopt : std::optional<base::Date>(effective),
                               status.value_or("all") == "to_confirm");
  if (!list.ok()) return ErrorResponse(list.status());
  json items = json::array();
  for (const auto& e : *list) items.push_back(ChangeJson(e));
  return JsonResponse(200, {{"items", items}, {"total", items.size()}});
}

// POST /api/unit-changes/{id}/confirm {"new_code": "…"?}: confirm a row, or correct its receiving unit.
http::Response ConfirmChange(units::UnitTree& tree, access::UnitScope& scope, Call& call) {
  std::int64_t id = 0;
  try {
    id = std::stoll(call.request.path_params.at("id"));
  } catch (...) {
    return ErrorResponse(base::NotFound("no such change").WithVi("Không tìm thấy").WithMachineCode("not_found"));
  }
  auto body = BodyReader::Parse(call.request.body.empty() ? "{}" : call.request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto to = body->String("new_code", false, 20);
  if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
  auto e = tree.ConfirmChange(call.actor, id, to);
  if (!e.ok()) return ErrorResponse(e.status());
  scope.Invalidate();
  return JsonResponse(200, ChangeJson(*e));
}

// The longest file text POST /api/units/import takes: the whole country's unit file is about
// 460,000 characters.
constexpr std::size_t kMaxFileChars = 2'000'000;
constexpr std::size_t kMaxImportBodyBytes = 8u << 20;

// A tree file may change only what the caller administers: each of its top units (a province, or
// a unit whose parent the file does not list) must be within the caller's unit, and a province
// the store does not know yet needs the whole country. Units of the file whose earlier versions
// sat elsewhere (July 2025: communes of Hà Nam and Nam Định under Ninh Bình) follow their new
// parent; the provinces the change rows merge into one of the file's are closed with it.
base::Status CheckTreeInScope(const units::TreeFiles& files, const access::Policy& policy,
                              const access::UnitScope& scope, const access::Subject& subject) {
  std::set<std::string> in_file;
  for (const auto& row : files.units) in_file.insert(row.code);
  auto allows = [&](const std::string& code) {
    return policy.Allows(subject, access::Action::kUpdate, {access::Resource::kUnit, code, {}});
  };
  base::Validation v;
  for (const auto& row : files.units) {
    const std::string at = files.units_name + ": line " + std::to_string(row.line) + ": ";
    if (!row.parent_code) {
      if (scope.Exists(row.code) ? !allows(row.code) : subject.unit_code != "VN") {
        v.Add(at + "code", "out_of_scope", "Đơn vị này nằm ngoài phạm vi quản lý của bạn",
              "the unit is outside your own unit");
      }
    } else if (!in_file.count(*row.parent_code) && scope.Exists(*row.parent_code) && !allows(*row.parent_code)) {
      v.Add(at + "parent_code", "out_of_scope", "Đơn vị cấp trên nằm ngoài phạm vi quản lý của bạn",
            "the parent unit is outside your own unit");
    }
  }
  return v.ToStatus();
}

// POST /api/units/import {"effective","units_csv","changes_csv"?}: a reorganisation's files, as
// `pcmd units import FILE --effective D --changes F` loads them (one transaction; idempotent).
http::Response ImportTree(units::UnitTree& tree, const access::Policy& policy, access::UnitScope& scope,
                          Call& call) {
  auto body = BodyReader::Parse(call.request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto effective = body->Date("effective", true);
  auto units_csv = body->String("units_csv", true, kMaxFileChars);
  auto changes_csv = body->String("changes_csv", false, kMaxFileChars);
  if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
  std::optional<std::string_view> changes;
  if (changes_csv && !changes_csv->empty()) changes = *changes_csv;
  auto files = units::ReadTreeFiles(*units_csv, changes);
  if (!files.ok()) return ErrorResponse(files.status());
  if (auto s = CheckTreeInScope(*files, policy, scope, call.subject()); !s.ok()) return ErrorResponse(s);
  auto report = tree.ImportTree(call.actor, *files, *effective);
  scope.Invalidate();
  if (!report.ok()) return ErrorResponse(report.status());
  const auto& u = report->units;
  json out = {{"effective", effective->ToString()},
              {"units", {{"added", u.added}, {"changed", u.changed}, {"closed", u.closed}, {"unchanged", u.unchanged}}},
              {"changes", nullptr}};
  if (const auto& c = report->changes) {
    out["changes"] = {{"added", c->added}, {"unchanged", c->unchanged}, {"to_confirm", c->to_confirm}};
  }
  return JsonResponse(200, out);
}

// GET /api/unit-accounts?on=: the accounts the administrator reads whose unit a reorganisation
// closed, with the units that took it over (`pcmd units accounts`).
http::Response ListClosedUnitAccounts(units::UnitTree& tree, access::AccountStore& accounts, Call& call) {
  QueryParams q(call.request);
  const base::Date on = q.DateOr("on", base::Date::Today());
  if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
  access::AccountQuery query;
  query.limit = 1'000'000;
  auto readable = accounts.List(call.subject(), query);
  if (!readable.ok()) return ErrorResponse(readable.status());
  auto list = access::AccountsOnClosedUnits(readable->items, tree, on);
  if (!list.ok()) return ErrorResponse(list.status());
  json items = json::array();
  for (const auto& e : *list) {
    json successors = json::array();
    for (const auto& unit : e.successors) {
      successors.push_back({{"code", unit.code}, {"name", unit.name}, {"level", unit.level}});
    }
    items.push_back({{"id", e.account.id},
                     {"username", e.account.username},
                     {"display_name", e.account.display_name},
                     {"role", std::string(access::RoleId(e.account.role))},
                     {"unit_code", e.unit.code},
                     {"unit_name", e.unit.name},
                     {"unit_level", e.unit.level},
                     {"closed_on", e.closed_on.ToString()},
                     {"successors", std::move(successors)}});
  }
  return JsonResponse(200, {{"on", on.ToString()}, {"items", items}, {"total", items.size()}});
}

// GET /api/unit-versions: the versions of the whole tree with their units counted by level.
http::Response ListVersions(units::UnitTree& tree) {
  auto versions = tree.Versions();
  if (!versions.ok()) return ErrorResponse(versions.status());
  json items = json::array();
  for (const auto& v : *versions) {
    items.push_back({{"from", v.from.ToString()},
                     {"to", v.to ? json(v.to->ToString()) : json(nullptr)},
                     {"levels", v.levels}});
  }
  return JsonResponse(200, {{"items", items}});
}

}  // namespace

void AddUnitRoutes(http::Router& router, Guard& guard, units::UnitTree& tree,
                   const access::Policy& policy, access::UnitScope& scope, access::AccountStore& accounts) {
  guard.Add(router, "GET", "/api/units", "unit:read", [&tree](Call& c) { return List(tree, c); },
            "List and search administrative units valid on a date", "units");
  guard.Add(router, "GET", "/api/units/{code}", "unit:read", [&tree](Call& c) { return Get(tree, c); },
            "One unit with its path, children, descendant counts and history", "units");
  guard.Add(router, "POST", "/api/units", "unit:create",
            [&tree, &policy, &scope](Call& c) { return Create(tree, policy, scope, c); },
            "Record a new administrative unit", "units");
  guard.Add(router, "PATCH", "/api/units/{code}", "unit:update",
            [&tree, &policy, &scope](Call& c) { return Change(tree, policy, scope, c); },
            "Record a dated change: rename, move, merge, split or close", "units");
  guard.Add(router, "GET", "/api/unit-changes", "unit:read", [&tree](Call& c) { return ListChanges(tree, c); },
            "The recorded changes between tree versions (status=to_confirm: the rows an officer must settle)",
            "units");
  guard.Add(router, "POST", "/api/unit-changes/{id}/confirm", "unit:update",
            [&tree, &scope](Call& c) { return ConfirmChange(tree, scope, c); },
            "Confirm a change row, or correct the unit that received the old one (new_code)", "units");
  guard.Add(router, "POST", "/api/units/import", "unit:update",
            [&tree, &policy, &scope](Call& c) { return ImportTree(tree, policy, scope, c); },
            "Load a new tree valid from a date, with the change rows that lead to it (one transaction)", "units");
  router.SetMaxBody("POST", "/api/units/import", kMaxImportBodyBytes);
  guard.Add(router, "GET", "/api/unit-accounts", "account:read",
            [&tree, &accounts](Call& c) { return ListClosedUnitAccounts(tree, accounts, c); },
            "Accounts bound to a unit closed by a reorganisation, with the units that took it over", "units");
  guard.Add(router, "GET", "/api/unit-versions", "unit:read", [&tree](Call&) { return ListVersions(tree); },
            "The versions of the tree: the days between its changes, with the units of each level", "units");
}

}  // namespace pcmd::api
