// The demo's support world: providers, pseudonymous clients with consents, needs, referrals and
// their outcomes, and peer groups with members, monthly meetings and attendance (2022–2025).
#include <algorithm>
#include <random>

#include "app/demo.h"
#include "base/id.h"
#include "domain/support/peer_group_types.h"
#include "domain/support/peer_groups.h"

namespace pcmd::app {

using base::Date;

namespace {

template <typename T>
const T& PickOne(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

}  // namespace

base::Status FillSupportDemo(Modules& m, std::uint32_t seed, std::ostream& out) {
  std::mt19937 rng(seed + 6);
  std::string clock;
  auto at = [&clock](Date d) { clock = d.ToString() + "T03:00:00.000Z"; };
  support::SupportStore store(*m.db, *m.units, *m.policy, *m.accounts, *m.code_lists, m.box,
                              [&clock] { return clock; });
  support::PeerGroupStore groups(*m.db, *m.units, *m.policy, *m.records, store);
  PCMD_ASSIGN_OR_RETURN(access::Account worker, m.accounts->FindByUsername("demo.canxa"));
  PCMD_ASSIGN_OR_RETURN(access::Account peer, m.accounts->FindByUsername("demo.dongdang"));
  PCMD_ASSIGN_OR_RETURN(access::Account officer, m.accounts->FindByUsername("demo.tinh"));
  const access::Subject sw{worker.id, access::Role::kSocialWorker, worker.unit_code};
  const store::Actor sw_actor(worker.id, "social_worker", "demo");
  const access::Subject province{officer.id, access::Role::kProvinceOfficer, officer.unit_code};
  const store::Actor province_actor(officer.id, "province_officer", "demo");

  // The provider directory.
  at(Date::FromCivil(2022, 1, 5));
  std::vector<support::Provider> providers;
  for (const auto& p : std::vector<support::Provider>{
           {.name = "Trung tâm Y tế huyện Hoa Lư", .unit_code = "374",
            .services = {"health_check", "sti_hiv_test", "prep", "art_linkage", "harm_reduction"},
            .contact = "Trung tâm Y tế huyện Hoa Lư"},
           {.name = "Trung tâm Trợ giúp pháp lý nhà nước tỉnh", .unit_code = "37",
            .services = {"legal_aid", "gbv_support"}, .contact = "Sở Tư pháp tỉnh Ninh Bình"},
           {.name = "Trung tâm Dịch vụ việc làm tỉnh", .unit_code = "37",
            .services = {"vocational_training", "job_placement", "microcredit"},
            .contact = "Sở Lao động - Thương binh và Xã hội"},
           {.name = "Trung tâm Công tác xã hội tỉnh", .unit_code = "37",
            .services = {"psychosocial", "social_assistance", "shelter", "return_home"},
            .contact = "Sở Lao động - Thương binh và Xã hội"}}) {
    auto made = store.PutProvider(province, province_actor, p, std::nullopt);
    if (!made.ok()) return made.status();
    providers.push_back(*made);
  }

  // Groups: one per commune, led by the peer educator in Ninh Giang, by the social worker elsewhere.
  struct DemoGroup {
    std::string unit, name, kind;
    Date founded;
    bool by_peer;
    std::string id;
  };
  std::vector<DemoGroup> demo_groups = {
      {"14530", "Nhóm đồng đẳng Hoa Sen", "peer_group", Date::FromCivil(2022, 3, 8), true, ""},
      {"14533", "Nhóm tự lực Bình Minh", "self_help_group", Date::FromCivil(2022, 9, 1), false, ""},
      {"14527", "Câu lạc bộ Sông Đáy", "club", Date::FromCivil(2023, 6, 1), false, ""}};
  std::erase_if(demo_groups, [&](const DemoGroup& g) { return !m.units->Find(g.unit, g.founded).ok(); });
  if (demo_groups.empty()) return base::Status::Ok();  // a tree without the Hoa Lư communes
  for (auto& g : demo_groups) {
    bool created = false;
    records::NewRecord in{.id = base::UuidFromName("demo|" + std::to_string(seed) + "|peer_group|" + g.name),
                          .unit_code = g.unit,
                          .date = g.founded,
                          .values = {{"name", g.name},
                                     {"kind", g.kind},
                                     {"status", std::string("active")},
                                     {"supporting_agency", std::string("Hội Liên hiệp Phụ nữ huyện Hoa Lư")},
                                     {"leaders", std::vector<std::string>{g.by_peer ? peer.id : worker.id}},
                                     {"meeting_place", std::string("Nhà văn hóa thôn")}}};
    auto made = m.records->Create(sw, sw_actor, support::PeerGroup(), in, &created);
    if (!made.ok()) return made.status();
    g.id = made->id;
  }

  // Clients reached 2022–2025, each consenting to record keeping, assessed, and referred with
  // their consent to the services they are eligible for; most join their commune's group.
  const std::vector<std::string> given = {"Lan", "Hoa", "Mai", "Cúc", "Đào", "Huệ", "Hương", "Thảo", "Trang", "Linh",
                                          "Ngọc", "Yến", "Nga", "Thu", "Hằng", "Phương"};
  const std::vector<std::string> parents = {"Bình", "Thịnh", "Hùng", "Nam", "Sơn", "Hải", "Minh", "Tâm", "Xuân",
                                            "Thủy", "Loan", "Hạnh", "Vân", "Oanh"};
  const std::vector<std::string> needs = {"health_check", "sti_hiv_test", "prep", "harm_reduction", "legal_aid",
                                          "psychosocial", "vocational_training", "job_placement", "microcredit",
                                          "social_assistance"};
  std::map<std::string, std::vector<support::Membership>> members;  // group id -> memberships
  int clients = 0, referrals = 0;
  for (int i = 0; i < 45; ++i) {
    const DemoGroup& home = demo_groups[static_cast<std::size_t>(i) % demo_groups.size()];
    Date reached = Date::FromCivil(2022, 4, 1).AddDays(std::uniform_int_distribution<int>(0, 1300)(rng));
    if (reached < home.founded) reached = home.founded.AddDays(10);
    at(reached);
    support::NewClient in{.id = base::UuidFromName("demo|" + std::to_string(seed) + "|client|" + std::to_string(i)),
                          .unit_code = home.unit,
                          .answers = {.sex = std::bernoulli_distribution(0.9)(rng) ? "F" : "M",
                                      .birth_year = std::uniform_int_distribution<int>(1978, 2004)(rng),
                                      .given_name = PickOne(rng, given),
                                      .mother_given_name = PickOne(rng, parents),
                                      .father_given_name = PickOne(rng, parents)},
                          .assigned = home.by_peer ? std::vector<std::string>{peer.id, worker.id}
                                                   : std::vector<std::string>{worker.id},
                          .registered_on = reached,
                          .is_new_person_confirmed = true};
    bool created = false;
    auto client = store.Create(sw, sw_actor, in, &created);
    if (!client.ok()) return client.status();
    if (!created) continue;
    ++clients;
    auto consent = [&](support::ConsentPurpose purpose, const std::string& provider, const std::string& service) {
      return store.AddConsent(sw, sw_actor, client->id,
                              {.purpose = purpose, .provider_id = provider, .service = service,
                               .notice_version = "2023.1", .method = "verbal", .given_on = reached});
    };
    if (auto k = consent(support::ConsentPurpose::kRecordKeeping, "", ""); !k.ok()) return k.status();
    std::vector<std::string> need;
    std::sample(needs.begin(), needs.end(), std::back_inserter(need),
                std::uniform_int_distribution<int>(1, 3)(rng), rng);
    std::vector<std::string> eligible;
    for (const auto& n : need) {
      if (std::bernoulli_distribution(0.8)(rng)) eligible.push_back(n);
    }
    if (auto a = store.AddAssessment(sw, sw_actor, client->id, reached, need, eligible); !a.ok()) return a.status();
    for (const auto& service : eligible) {
      if (!std::bernoulli_distribution(0.75)(rng)) continue;
      auto provider = std::find_if(providers.begin(), providers.end(), [&](const auto& p) {
        return std::find(p.services.begin(), p.services.end(), service) != p.services.end();
      });
      if (provider == providers.end()) continue;
      if (auto k = consent(support::ConsentPurpose::kReferral, provider->id, service); !k.ok()) return k.status();
      auto r = store.AddReferral(sw, sw_actor, client->id, {.provider_id = provider->id, .service = service,
                                                            .referred_on = reached});
      if (!r.ok()) return r.status();
      ++referrals;
      const Date outcome_on = reached.AddDays(std::uniform_int_distribution<int>(3, 30)(rng));
      if (outcome_on > Date::FromCivil(2025, 11, 15)) continue;  // still open
      at(outcome_on);
      const bool received = std::bernoulli_distribution(0.7)(rng);
      auto o = store.RecordOutcome(sw, sw_actor, client->id, r->id,
                                   {.version = r->version, .outcome = received ? "received" : "not_received",
                                    .reason = received ? "" : "did_not_attend", .outcome_on = outcome_on});
      if (!o.ok()) return o.status();
      at(reached);
    }
    if (std::bernoulli_distribution(0.8)(rng)) {
      const Date joined = reached.AddDays(std::uniform_int_distribution<int>(0, 60)(rng));
      if (joined > Date::FromCivil(2025, 11, 15)) continue;
      at(joined);
      auto mem = groups.AddMember(sw, sw_actor, home.id, {.client_id = client->id, .joined_on = joined});
      if (!mem.ok()) return mem.status();
      members[home.id].push_back(*mem);
    }
  }

  // Monthly meetings of each group from the month after it was founded, with who of the members came.
  int meetings = 0;
  for (const auto& g : demo_groups) {
    for (Date month = Date::FromCivil(g.founded.year(), g.founded.month(), 1).AddDays(40);
         month < Date::FromCivil(2025, 11, 1); month = month.AddDays(31)) {
      const Date day = Date::FromCivil(month.year(), month.month(), std::uniform_int_distribution<int>(5, 25)(rng));
      if (!std::bernoulli_distribution(0.85)(rng)) continue;
      std::vector<std::string> present;
      for (const auto& mem : members[g.id]) {
        if (mem.IsMemberOn(day) && std::bernoulli_distribution(0.6)(rng)) present.push_back(mem.id);
      }
      const auto participants = static_cast<std::int64_t>(present.size()) + std::uniform_int_distribution<int>(2, 8)(rng);
      bool created = false;
      records::NewRecord in{
          .id = base::UuidFromName("demo|" + std::to_string(seed) + "|peer_activity|" + g.id + day.ToString()),
          .unit_code = g.unit,
          .date = day,
          .values = {{"group", g.id},
                     {"kind", PickOne(rng, std::vector<std::string>{"meeting", "meeting", "communication", "skills",
                                                                    "health_day"})},
                     {"topic", PickOne(rng, std::vector<std::string>{
                                                "Sức khỏe sinh sản và phòng lây nhiễm HIV", "Quyền và pháp luật",
                                                "Phòng, chống bạo lực trên cơ sở giới", "Kỹ năng sống, quản lý tài chính",
                                                "Học nghề và tìm việc làm"})},
                     {"facilitators", std::vector<std::string>{g.by_peer ? peer.id : worker.id}},
                     {"participants", participants},
                     {"condoms", std::int64_t{participants * std::uniform_int_distribution<int>(5, 12)(rng)}},
                     {"lubricant", std::int64_t{participants * 2}},
                     {"leaflets", std::int64_t{participants}},
                     {"referrals_made", std::int64_t{std::uniform_int_distribution<int>(0, 3)(rng)}}}};
      auto made = m.records->Create(sw, sw_actor, support::PeerGroupActivity(), in, &created);
      if (!made.ok()) return made.status();
      ++meetings;
      at(day);
      if (auto a = groups.SetAttendance(sw, sw_actor, made->id, present); !a.ok()) return a.status();
    }
  }
  out << "demo support: " << providers.size() << " providers, " << clients << " clients, " << referrals
      << " referrals, " << demo_groups.size() << " groups, " << meetings << " meetings\n";
  return base::Status::Ok();
}

}  // namespace pcmd::app
