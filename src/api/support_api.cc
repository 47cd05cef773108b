#include "api/support_api.h"

#include "analytics/suppression.h"
#include "api/errors.h"
#include "api/json_body.h"
#include "api/peer_groups_api.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using namespace support;  // NOLINT: the module this file serves

json ClientJson(const Client& c) {
  return {{"id", c.id},
          {"uic", c.uic},
          {"unit", c.unit_code},
          {"assigned", c.assigned},
          {"sex", c.sex},
          {"birth_year", c.birth_year == 0 ? json(nullptr) : json(c.birth_year)},
          {"registered_on", c.registered_on.ToString()},
          {"is_erased", c.is_erased()},
          {"erased_at", Nullable(c.erased_at)},
          {"version", c.version},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"created_by", c.created_by},
          {"updated_by", c.updated_by}};
}

json ContactJson(const ClientContact& c) {
  return {
      {"nickname", Nullable(c.nickname)}, {"phone", Nullable(c.phone)}, {"note", Nullable(c.note)}};
}

json ConsentJson(const Consent& c) {
  json j = {{"id", c.id},
            {"purpose", std::string(ConsentPurposeId(c.purpose))},
            {"provider_id", Nullable(c.provider_id)},
            {"service", Nullable(c.service)},
            {"notice_version", c.notice_version},
            {"method", c.method},
            {"is_withdrawal", c.is_withdrawal()},
            {"is_current", c.is_current},
            {"recorded_by", c.recorded_by},
            {"recorded_at", c.recorded_at}};
  j[c.is_withdrawal() ? "withdrawn_on" : "given_on"] = c.given_on.ToString();
  if (c.is_withdrawal()) j["withdraws"] = c.withdrawn_id;
  return j;
}

json AssessmentJson(const Assessment& a) {
  return {{"id", a.id},
          {"assessed_on", a.assessed_on.ToString()},
          {"needs", a.needs},
          {"eligible", a.eligible},
          {"recorded_by", a.recorded_by},
          {"recorded_at", a.recorded_at}};
}

json ReferralJson(const Referral& r) {
  return {{"id", r.id},
          {"client_id", r.client_id},
          {"provider_id", r.provider_id},
          {"service", r.service},
          {"referred_on", r.referred_on.ToString()},
          {"due_on", r.due_on.ToString()},
          {"outcome", Nullable(r.outcome)},
          {"reason", Nullable(r.reason)},
          {"outcome_on", r.outcome_on ? json(r.outcome_on->ToString()) : json(nullptr)},
          {"is_overdue", r.is_overdue},
          {"version", r.version},
          {"recorded_by", r.recorded_by},
          {"recorded_at", r.recorded_at},
          {"updated_at", r.updated_at},
          {"updated_by", r.updated_by}};
}

json IncidentJson(const Incident& i) {
  return {{"id", i.id},
          {"kind", i.kind},
          {"occurred_on", i.occurred_on.ToString()},
          {"place_type", i.place_type},
          {"services_offered", i.services_offered},
          {"services_accepted", i.services_accepted},
          {"recorded_by", i.recorded_by},
          {"recorded_at", i.recorded_at}};
}

template <typename T, typename F>
json Items(const std::vector<T>& list, F encode) {
  json items = json::array();
  for (const auto& x : list) items.push_back(encode(x));
  return {{"items", items}};
}

// The answers of a UIC: the body itself or its "answers" member. Never logged or stored.
UicAnswers ReadAnswers(const json& object, const std::string& prefix, BodyReader& outer) {
  UicAnswers a;
  auto sub = BodyReader::Parse(object.dump());
  if (!sub.ok()) return a;
  a.sex = sub->String("sex", true, 4).value_or("");
  a.birth_year = static_cast<int>(sub->Int("birth_year", true).value_or(0));
  a.birth_month = static_cast<int>(sub->Int("birth_month", false).value_or(0));
  a.given_name = sub->String("given_name", false, 100).value_or("");
  a.mother_given_name = sub->String("mother_given_name", false, 100).value_or("");
  a.father_given_name = sub->String("father_given_name", false, 100).value_or("");
  if (prefix.empty()) {  // the answers are the body itself, beside `unit`
    sub->MarkKnown("unit");
    for (const char* k : {"sex", "birth_year", "birth_month", "given_name", "mother_given_name",
                          "father_given_name"}) {
      outer.MarkKnown(k);
    }
  }
  base::Status s = sub->Finish();
  for (const auto& f : s.fields())
    outer.AddError(prefix + f.field, f.code, f.message_vi, f.message_en);
  return a;
}

// The answers object of `body`, with errors on `answers` when it is missing or not an object.
std::optional<UicAnswers> AnswersOf(const json& body, BodyReader& reader, bool required) {
  reader.MarkKnown("answers");
  if (!body.contains("answers") || body.at("answers").is_null()) {
    if (required)
      reader.AddError("answers", "required", "Cần các câu trả lời để tạo mã UIC",
                      "answers is required");
    return std::nullopt;
  }
  if (!body.at("answers").is_object()) {
    reader.AddError("answers", "invalid_type", "answers phải là một đối tượng",
                    "answers must be an object");
    return std::nullopt;
  }
  return ReadAnswers(body.at("answers"), "answers.", reader);
}

// A UIC collision answers with the readable clients' ids beside the error.
http::Response CollisionAware(const base::Status& s, const std::vector<std::string>& ids) {
  http::Response r = ErrorResponse(s);
  if (s.machine_code() != "uic_collision") return r;
  json body = json::parse(r.body);
  body["existing_client_ids"] = ids;
  r.body = body.dump();
  return r;
}

const std::string& Id(Call& call, const char* name = "id") {
  return call.request.path_params.at(name);
}


// Consents, assessments, referrals, incidents, providers, T12: the fixed paths under
// /api/clients/ come before /api/clients/{id}.
void AddSupportCaseRoutes(http::Router& router, Guard& guard, SupportStore& support) {
  guard.Add(
      router, "GET", "/api/clients/referrals", "client:read",
      [&support](Call& call) {
        QueryParams q(call.request);
        const std::string due = q.Enum("due", {"overdue", "open"}).value_or("overdue");
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.OpenReferrals(call.subject(), due == "overdue"), 200,
                       [](const auto& list) { return Items(list, ReferralJson); });
      },
      "Referrals of the caller's clients without an outcome (`due=overdue`: past their due date, "
      "the default; `open`: all)",
      "support");
  guard.Add(
      router, "GET", "/api/clients/service-access", "aggregate:read",
      [&support](Call& call) {
        QueryParams q(call.request);
        auto unit = q.Text("unit", 20);
        auto period_text = q.Text("period", 20);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto period =
            base::Period::Parse(period_text.value_or(std::to_string(support.Today().year())));
        if (!period.ok()) {
          QueryParams bad(call.request);
          bad.Enum("period", {"YYYY", "YYYYQn", "YYYYMM", "PYYYY-YYYY"});
          return ErrorResponse(bad.Finish());
        }
        auto t12 = support.ServiceAccessFor(call.subject(), unit, period->first, period->last);
        if (!t12.ok()) return ErrorResponse(t12.status());
        // Client-derived counts leave their unit here: the small-cell rule applies.
        const auto hidden = analytics::Suppress({t12->denominator, t12->numerator}, {});
        const bool is_suppressed = hidden[0] || hidden[1];
        return JsonResponse(
            200, {{"unit", unit.value_or(call.subject().unit_code)},
                  {"period", period->id},
                  {"from", period->first.ToString()},
                  {"to", period->last.ToString()},
                  {"denominator", hidden[0] ? json(nullptr) : json(t12->denominator)},
                  {"numerator", hidden[1] ? json(nullptr) : json(t12->numerator)},
                  {"percent",
                   is_suppressed || t12->denominator == 0 ? json(nullptr) : json(t12->percent())},
                  {"shown",
                   {{"denominator", analytics::ShowCount(t12->denominator, hidden[0])},
                    {"numerator", analytics::ShowCount(t12->numerator, hidden[1])}}},
                  {"is_suppressed", is_suppressed},
                  {"target_percent", kT12TargetPercent}});
      },
      "Target T12: clients assessed as needing and eligible in the period, and those who received "
      "an eligible service (counts 1-4 shown as <5)",
      "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/consents", "client:read",
      [&support](Call& call) {
        return Written(support.Consents(call.subject(), Id(call)), 200,
                       [](const auto& list) { return Items(list, ConsentJson); });
      },
      "Every consent and withdrawal of a client, oldest first", "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/consents", "client:create",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        NewConsent in;
        const auto purpose =
            reader->Enum("purpose", true, {"record_keeping", "referral", "contact"});
        in.provider_id = reader->String("provider_id", false, 64).value_or("");
        in.service = reader->String("service", false, 64).value_or("");
        in.notice_version = reader->String("notice_version", true, 40).value_or("");
        in.method = reader->String("method", true, 64).value_or("");
        in.given_on = reader->Date("given_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        in.purpose =
            ParseConsentPurpose(purpose.value_or("")).value_or(ConsentPurpose::kRecordKeeping);
        return Written(support.AddConsent(call.subject(), call.actor, Id(call), in), 201,
                       ConsentJson);
      },
      "Record a consent (purpose record_keeping, referral naming a provider or service, contact)",
      "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/consents/{consent_id}/withdraw", "client:update",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body.empty() ? "{}" : call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto on = reader->Date("withdrawn_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.WithdrawConsent(call.subject(), call.actor, Id(call),
                                               Id(call, "consent_id"), on),
                       200, ConsentJson);
      },
      "Withdraw a consent (a new row); it stops what it covered", "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/assessments", "client:read",
      [&support](Call& call) {
        return Written(support.Assessments(call.subject(), Id(call)), 200,
                       [](const auto& list) { return Items(list, AssessmentJson); });
      },
      "Needs assessments of a client", "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/assessments", "client:create",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto on = reader->Date("assessed_on", true);
        auto needs = reader->StringList("needs", true);
        auto eligible = reader->StringList("eligible", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.AddAssessment(call.subject(), call.actor, Id(call), *on, *needs,
                                             eligible.value_or(std::vector<std::string>{})),
                       201, AssessmentJson);
      },
      "Record a needs assessment (needs and the eligible subset, codes of support_need)",
      "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/referrals", "client:read",
      [&support](Call& call) {
        return Written(support.Referrals(call.subject(), Id(call)), 200,
                       [](const auto& list) { return Items(list, ReferralJson); });
      },
      "Referrals of a client with their outcomes", "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/referrals", "client:create",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        NewReferral in;
        in.provider_id = reader->String("provider_id", true, 64).value_or("");
        in.service = reader->String("service", true, 64).value_or("");
        in.referred_on = reader->Date("referred_on", false);
        in.due_on = reader->Date("due_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.AddReferral(call.subject(), call.actor, Id(call), in), 201,
                       ReferralJson);
      },
      "Refer a client to a provider for a service (needs a current referral consent: 422 "
      "`consent`)",
      "support");
  guard.Add(
      router, "PATCH", "/api/clients/{id}/referrals/{referral_id}", "client:update",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        ReferralOutcome in;
        in.version = reader->Int("version", true).value_or(0);
        in.outcome = reader->Enum("outcome", true, {"received", "not_received"}).value_or("");
        in.reason = reader->String("reason", false, 64).value_or("");
        in.outcome_on = reader->Date("outcome_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.RecordOutcome(call.subject(), call.actor, Id(call),
                                             Id(call, "referral_id"), in),
                       200, ReferralJson);
      },
      "Record a referral's outcome: received, or not_received with a reason (referral_reason)",
      "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/incidents", "client:read",
      [&support](Call& call) {
        return Written(support.Incidents(call.subject(), Id(call)), 200,
                       [](const auto& list) { return Items(list, IncidentJson); });
      },
      "Incidents of violence a client reported (no free text)", "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/incidents", "client:create",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        Incident in;
        in.kind = reader->String("kind", true, 64).value_or("");
        in.occurred_on = reader->Date("occurred_on", true).value_or(base::Date());
        in.place_type = reader->String("place_type", true, 64).value_or("");
        in.services_offered =
            reader->StringList("services_offered", false).value_or(std::vector<std::string>{});
        in.services_accepted =
            reader->StringList("services_accepted", false).value_or(std::vector<std::string>{});
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(support.AddIncident(call.subject(), call.actor, Id(call), in), 201,
                       IncidentJson);
      },
      "Record an incident of gender-based violence: kind, date, place type, services offered and "
      "accepted; nothing about the perpetrator",
      "support");
}

}  // namespace

void AddSupportRoutes(http::Router& router, Guard& guard, SupportStore& support) {
  guard.Add(
      router, "POST", "/api/uic", "client:read",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const json body = json::parse(call.request.body, nullptr, false);
        UicAnswers a = ReadAnswers(body, "", *reader);
        auto unit = reader->String("unit", false, 20);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto uic = support.Derive(a);
        if (!uic.ok()) return ErrorResponse(uic.status());
        json existing = json::array();
        if (unit) {
          auto page = support.List(call.subject(), {.unit = unit, .uic = *uic, .limit = 20});
          if (page.ok()) {
            for (const auto& c : page->items)
              existing.push_back({{"id", c.id}, {"uic", c.uic}, {"unit", c.unit_code}});
          }
        }
        auto recipe = support.Recipe();
        return JsonResponse(200, {{"uic", *uic},
                                  {"recipe", recipe.ok() ? recipe->ToString() : ""},
                                  {"existing", existing}});
      },
      "Derive a UIC from answers the person can repeat (nothing is stored); with `unit`, the "
      "caller's clients of that unit with this UIC",
      "support");
  guard.Add(
      router, "GET", "/api/uic/recipe", "client:read",
      [&support](Call&) {
        auto r = support.Recipe();
        if (!r.ok()) return ErrorResponse(r.status());
        return JsonResponse(200, {{"recipe", r->ToString()}, {"default", kDefaultUicRecipe}});
      },
      "The UIC recipe in use", "support");
  guard.Add(
      router, "PUT", "/api/uic/recipe", "code_list:update",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto text = reader->String("recipe", true, 200);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto recipe = UicRecipe::Parse(*text);
        if (!recipe.ok()) return ErrorResponse(recipe.status());
        if (auto s = support.SetRecipe(call.actor, *recipe); !s.ok()) return ErrorResponse(s);
        return JsonResponse(200, {{"recipe", recipe->ToString()}, {"default", kDefaultUicRecipe}});
      },
      "Change the UIC recipe for later clients (stored UICs stay)", "support");
  guard.Add(
      router, "GET", "/api/clients", "client:read",
      [&support](Call& call) {
        QueryParams q(call.request);
        ClientQuery query{.unit = q.Text("unit", 20), .uic = q.Text("uic", 40)};
        query.limit = q.Limit();
        query.offset = q.Offset();
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto page = support.List(call.subject(), query);
        if (!page.ok()) return ErrorResponse(page.status());
        json out = Items(page->items, ClientJson);
        out["total"] = page->total;
        out["limit"] = query.limit;
        out["offset"] = query.offset;
        return JsonResponse(200, out);
      },
      "Clients the caller reaches (workers: those assigned to them); never contact fields",
      "support");
  guard.Add(
      router, "POST", "/api/clients", "client:create",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const json body = json::parse(call.request.body, nullptr, false);
        NewClient in;
        in.id = reader->String("id", false, 64);
        in.unit_code = reader->String("unit", true, 20).value_or("");
        in.assigned = reader->StringList("assigned", false).value_or(std::vector<std::string>{});
        in.registered_on = reader->Date("registered_on", false);
        in.is_new_person_confirmed = reader->Bool("confirm_new_person", false).value_or(false);
        in.answers = AnswersOf(body, *reader, true).value_or(UicAnswers{});
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        bool created = false;
        std::vector<std::string> ids;
        auto c = support.Create(call.subject(), call.actor, in, &created, &ids);
        if (!c.ok()) return CollisionAware(c.status(), ids);
        return JsonResponse(created ? 201 : 200, ClientJson(*c));
      },
      "Register a client by the UIC derived from `answers` (never stored); a UIC held in the unit "
      "is 409 uic_collision unless `confirm_new_person`",
      "support");
  AddSupportCaseRoutes(router, guard, support);  // fixed sub-paths before /api/clients/{id}
  AddProviderRoutes(router, guard, support);
  guard.Add(
      router, "GET", "/api/clients/{id}", "client:read",
      [&support](Call& call) {
        auto c = support.Get(call.subject(), Id(call));
        if (!c.ok()) return ErrorResponse(c.status());
        return JsonResponse(200, ClientJson(*c));
      },
      "One client (pseudonymous)", "support");
  guard.Add(
      router, "PATCH", "/api/clients/{id}", "client:update",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const json body = json::parse(call.request.body, nullptr, false);
        ClientPatch patch;
        patch.version = reader->Int("version", true).value_or(0);
        patch.unit_code = reader->String("unit", false, 20);
        patch.assigned = reader->StringList("assigned", false);
        patch.registered_on = reader->Date("registered_on", false);
        patch.answers = AnswersOf(body, *reader, false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        std::vector<std::string> ids;
        auto c = support.Update(call.subject(), call.actor, Id(call), patch, &ids);
        if (!c.ok() && c.status().machine_code() == "stale_version") {
          if (auto now = support.Get(call.subject(), Id(call)); now.ok()) {
            return StaleResponse(c.status(), ClientJson(*now));
          }
        }
        if (!c.ok()) return CollisionAware(c.status(), ids);
        return JsonResponse(200, ClientJson(*c));
      },
      "Correct a client (unit, assigned workers, date, or the UIC from new `answers`); kept in the "
      "history",
      "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/history", "client:read",
      [&support](Call& call) {
        auto h = support.History(call.subject(), Id(call));
        if (!h.ok()) return ErrorResponse(h.status());
        return JsonResponse(200, Items(*h, [](const ClientVersion& v) {
                              json j = ClientJson(v.client);
                              j["op"] = v.op;
                              j["changed_at"] = v.changed_at;
                              j["changed_by"] = v.changed_by;
                              return j;
                            }));
      },
      "Every version of a client, oldest first", "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/subject-access", "client:read",
      [&support](Call& call) {
        auto all = support.Export(call.subject(), call.actor, Id(call));
        if (!all.ok()) return ErrorResponse(all.status());
        json out = {{"client", ClientJson(all->client)},
                    {"history", Items(all->history,
                                      [](const ClientVersion& v) {
                                        json j = ClientJson(v.client);
                                        j["op"] = v.op;
                                        return j;
                                      })["items"]},
                    {"consents", Items(all->consents, ConsentJson)["items"]},
                    {"assessments", Items(all->assessments, AssessmentJson)["items"]},
                    {"referrals", Items(all->referrals, ReferralJson)["items"]},
                    {"incidents", Items(all->incidents, IncidentJson)["items"]},
                    {"memberships", Items(all->memberships, MembershipJson)["items"]},
                    {"attended_activities", all->attended}};
        if (all->contact) out["contact"] = ContactJson(*all->contact);
        return JsonResponse(200, out);
      },
      "Everything held on one client (subject access; contact only for the assigned workers); "
      "audited",
      "support");
  guard.Add(
      router, "POST", "/api/clients/{id}/erase", "client:read",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::int64_t version = reader->Int("version", true).value_or(0);
        if (auto s = reader->Finish(); !s.ok()) {
          if (auto c = support.Get(call.subject(), Id(call)); !c.ok())
            return ErrorResponse(c.status());
          return ErrorResponse(s);
        }
        auto c = support.Erase(call.subject(), call.actor, Id(call), version);
        if (!c.ok()) return ErrorResponse(c.status());
        return JsonResponse(200, ClientJson(*c));
      },
      "Erase a client's identifying data (province officers, or an assigned social worker: the "
      "store decides); counts stay",
      "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/contact", "client_contact:read",
      [&support](Call& call) {
        auto c = support.GetContact(call.subject(), call.actor, Id(call));
        if (!c.ok()) return ErrorResponse(c.status());
        return JsonResponse(200, ContactJson(*c));
      },
      "The contact fields (assigned workers only; every read audited)", "support");
  guard.Add(
      router, "PUT", "/api/clients/{id}/contact", "client_contact:update",
      [&support](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        ClientContact contact;
        contact.nickname = reader->String("nickname", false, 100).value_or("");
        contact.phone = reader->String("phone", false, 20).value_or("");
        contact.note = reader->String("note", false, 500).value_or("");
        if (auto s = reader->Finish(); !s.ok()) {
          if (auto c = support.Get(call.subject(), Id(call)); !c.ok())
            return ErrorResponse(c.status());
          return ErrorResponse(s);
        }
        if (auto s = support.PutContact(call.subject(), call.actor, Id(call), contact); !s.ok()) {
          return ErrorResponse(s);
        }
        return JsonResponse(200, ContactJson(contact));
      },
      "Record or replace the contact fields (sealed; needs consent to contact)", "support");
  guard.Add(
      router, "DELETE", "/api/clients/{id}/contact", "client_contact:delete",
      [&support](Call& call) {
        if (auto s = support.DeleteContact(call.subject(), call.actor, Id(call)); !s.ok())
          return ErrorResponse(s);
        return JsonResponse(200, {{"ok", true}});
      },
      "Delete the contact fields", "support");
}

}  // namespace pcmd::api
