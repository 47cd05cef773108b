#include "analytics/facts.h"

#include <set>
#include <unordered_map>

#include "domain/records/record_store.h"

namespace pcmd::analytics {

using base::Date;
using base::Status;
using store::Rows;
using store::Transaction;

namespace {

std::string KindOf(records::FieldKind k) {
  switch (k) {
    case records::FieldKind::kInteger: return "integer";
    case records::FieldKind::kBool: return "bool";
    case records::FieldKind::kDate: return "date";
    case records::FieldKind::kCodes:
    case records::FieldKind::kAccounts: return "list";
    case records::FieldKind::kRef: return "ref";
    default: return "text";
  }
}

// The date in Vietnam (UTC+7) of an ISO 8601 UTC time.
std::optional<Date> LocalDate(std::string_view iso_utc) {
  if (iso_utc.size() < 10) return std::nullopt;
  auto d = Date::Parse(iso_utc.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  const int hour = iso_utc.size() >= 13 ? std::atoi(std::string(iso_utc.substr(11, 2)).c_str()) : 0;
  return hour >= 17 ? d->AddDays(1) : *d;
}

// The texts of a list of texts, read in one pass (ScanValues); anything else by the full parser.
class ListSink final : public records::ValueSink {
 public:
  explicit ListSink(std::vector<std::string>& out) : out_(out) {}
  bool Wants(std::string_view) override { return true; }
  void Integer(std::int64_t) override {}
  void Bool(bool) override {}
  void Text(std::string_view) override {}
  void List() override {}
  void Item(std::string_view v) override { out_.emplace_back(v); }
  void None() override {}

 private:
  std::vector<std::string>& out_;
};

std::vector<std::string> DecodeList(std::string_view text) {
  std::vector<std::string> out;
  const std::string object = "{\"l\":" + (text.empty() ? std::string("[]") : std::string(text)) + "}";
  ListSink sink(out);
  if (records::ScanValues(object, sink)) return out;
  out.clear();
  const records::Values v = records::DecodeValues(object);
  if (auto it = v.find("l"); it != v.end()) {
    if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) out = *l;
  }
  return out;
}

// The records' rows, through `row`: one scan of the table on SQLite (in the table's order, without
// holding the result); keyset pages of 20,000 by id on PostgreSQL, whose Scan holds a page. One
// record's (`id`) in both.
Status ScanRecords(Transaction& tx, const std::optional<std::string>& id,
                   const std::function<Status(const store::RowView&)>& row) {
  const std::string& sql = FactStatements()[0];
  if (id) return tx.Scan(sql + " AND id = :1", {*id}, row);
  if (tx.engine() == store::Engine::kSqlite) return tx.Scan(sql, {}, row);
  constexpr int kPage = 20000;
  std::string after;
  while (true) {
    int n = 0;
    PCMD_RETURN_IF_ERROR(tx.Scan(sql + " AND id > :1 ORDER BY id LIMIT " + std::to_string(kPage), {after},
                                 [&](const store::RowView& r) {
                                   ++n;
                                   after = std::string(r.Text(0));
                                   return row(r);
                                 }));
    if (n < kPage) return Status::Ok();
  }
}

Status ReadRecords(Transaction& tx, const std::map<std::string, FactType>& catalog, const std::optional<std::string>& id,
                   const std::function<void(const std::string&, Fact&&)>& emit) {
  return ScanRecords(tx, id, [&](const store::RowView& r) {
    auto t = catalog.find(std::string(r.Text(1)));
    if (t == catalog.end()) return Status::Ok();
    Fact f;
    f.id = r.Text(0);
    f.type = r.Text(1);
    f.unit = r.Text(2);
    f.date = Date::Parse(r.Text(3)).value_or(Date());
    f.raw = r.Text(4);  // decoded by the engine, only the fields its plans look at
    const std::string source = f.id;
    emit(source, std::move(f));
    return Status::Ok();
  });
}

}  // namespace

void DecodeFact(Fact& f, const FactType& type, const std::set<std::string>* only) {
  f.values = only ? records::DecodeValues(f.raw, *only) : records::DecodeValues(f.raw);
  f.raw.clear();
  if (!type.assignee_field.empty()) {
    if (auto a = f.values.find(type.assignee_field); a != f.values.end()) {
      if (const auto* l = std::get_if<std::vector<std::string>>(&a->second)) f.assignees = *l;
    }
  }
}

namespace {

Status ReadTips(Transaction& tx, const std::optional<std::string>& id,
                const std::function<void(const std::string&, Fact&&)>& emit) {
  std::string sql = FactStatements()[1];
  store::Params p;
  if (id) {
    sql += " AND id = :1";
    p.emplace_back(*id);
  }
  return tx.Scan(sql, p, [&](const store::RowView& r) {
    Fact f = TipFact(r);
    const std::string source = f.id;
    emit(source, std::move(f));
    return Status::Ok();
  });
}

// Facts of clients: assessments finding needs and eligibility, and services received for an
// eligible need. Only ids and dates: no code, no answer, no contact.
Status ReadClients(Transaction& tx, const std::optional<std::string>& client_id,
                   const std::function<void(const std::string&, Fact&&)>& emit) {
  store::Params p;
  std::string where;
  if (client_id) {
    where = " AND c.id = :1";
    p.emplace_back(*client_id);
  }
  // The statements without their order; a client's own adds its condition before it.
  const std::string& assessments = FactStatements()[2];
  const std::size_t order = assessments.find(" ORDER BY");
  ClientFacts clients;
  PCMD_RETURN_IF_ERROR(tx.Scan(assessments.substr(0, order) + where + assessments.substr(order), p,
                               [&](const store::RowView& r) {
                                 clients.Assessment(r, emit);
                                 return Status::Ok();
                               }));
  return tx.Scan(FactStatements()[3] + where, p, [&](const store::RowView& r) {
    clients.Referral(r, emit);
    return Status::Ok();
  });
}

}  // namespace

void ClientFacts::Assessment(const store::RowView& r, const std::function<void(const std::string&, Fact&&)>& emit) {
  auto services = DecodeList(r.Text(4));
  if (services.empty()) return;
  const Date on = Date::Parse(r.Text(3)).value_or(Date());
  const std::string client(r.Text(1));
  auto e = eligible_.find(client);
  if (e == eligible_.end()) e = eligible_.emplace(client, decltype(e->second)()).first;
  e->second.emplace_back(on, std::move(services));
  Fact f{"ce:" + std::string(r.Text(0)), "client_eligible", std::string(r.Text(2)), on, {{"client", client}},
         DecodeList(r.Text(5))};
  emit("client:" + client, std::move(f));
}

void ClientFacts::Referral(const store::RowView& r, const std::function<void(const std::string&, Fact&&)>& emit) {
  const Date on = Date::Parse(r.Text(3)).value_or(Date());
  const std::string_view client = r.Text(1);
  bool is_eligible = false;
  if (auto e = eligible_.find(client); e != eligible_.end()) {
    for (const auto& [assessed_on, services] : e->second) {
      if (assessed_on <= on && std::find(services.begin(), services.end(), r.Text(4)) != services.end()) {
        is_eligible = true;
      }
    }
  }
  if (!is_eligible) return;
  Fact f{"cs:" + std::string(r.Text(0)), "client_served", std::string(r.Text(2)), on,
         {{"client", std::string(client)}, {"service", std::string(r.Text(4))}}, DecodeList(r.Text(5))};
  emit("client:" + std::string(client), std::move(f));
}

Fact TipFact(const store::RowView& r) {
  Fact f;
  f.id = r.Text(0);
  f.type = "tip";
  f.unit = r.Text(1);
  f.date = Date::Parse(r.Text(2)).value_or(Date());
  const std::string status(r.Text(5));
  const Date deadline = Date::Parse(r.Text(6)).value_or(f.date);
  std::optional<Date> settled_on = LocalDate(r.Text(7));
  if (!settled_on && status == "transferred") settled_on = LocalDate(r.Text(8));
  f.values = {{"kind", std::string(r.Text(3))},
              {"channel", std::string(r.Text(4))},
              {"status", status},
              {"deadline", deadline.ToString()},
              {"settled", settled_on.has_value()},
              {"on_time", settled_on.has_value() && *settled_on <= deadline}};
  if (settled_on) f.values["settled_on"] = settled_on->ToString();
  if (!r.Text(10).empty()) f.values["establishment"] = std::string(r.Text(10));
  if (!r.Text(9).empty()) f.assignees = {std::string(r.Text(9))};
  return f;
}

std::map<std::string, FactType> FactCatalog(const std::vector<const records::RecordType*>& record_types) {
  std::map<std::string, FactType> out;
  for (const auto* t : record_types) {
    FactType f{t->id, {}, t->resource, t->assignee_field, t->path, false};
    for (const auto& field : t->fields) f.fields[field.name] = KindOf(field.kind);
    out[t->id] = std::move(f);
  }
  out["tip"] = {"tip",
                {{"kind", "text"},
                 {"channel", "text"},
                 {"status", "text"},
                 {"deadline", "date"},
                 {"settled", "bool"},
                 {"settled_on", "date"},
                 {"on_time", "bool"},
                 {"establishment", "ref"}},
                access::Resource::kTip,
                "",
                "tips",
                false};
  out["client_eligible"] = {"client_eligible", {{"client", "ref"}}, access::Resource::kClient, "", "", true};
  out["client_served"] = {"client_served", {{"client", "ref"}, {"service", "text"}}, access::Resource::kClient, "",
                          "", true};
  return out;
}

std::map<std::string, std::map<std::string, std::string>> FactFields(const std::map<std::string, FactType>& catalog) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& [id, t] : catalog) out[id] = t.fields;
  return out;
}

std::optional<std::string> SourceOfChange(Transaction& tx, const std::map<std::string, FactType>& catalog,
                                          const std::string& entity, const std::string& entity_id) {
  if (entity == "tip") return entity_id;
  if (entity == "client") return "client:" + entity_id;
  if (entity == "client_assessment" || entity == "client_referral") {
    const std::string table = entity == "client_assessment" ? "client_assessments" : "client_referrals";
    auto rows = tx.Query("SELECT client_id FROM " + table + " WHERE id = :1", {entity_id});
    if (!rows.ok() || rows->empty()) return std::nullopt;
    return "client:" + (*rows)[0].Text(0);
  }
  if (catalog.count(entity) && entity != "tip" && entity != "client_eligible" && entity != "client_served") {
    return entity_id;
  }
  return std::nullopt;
}

const std::vector<std::string>& FactStatements() {
  static const std::vector<std::string> sql = {
      "SELECT id, type, unit_code, record_date, data FROM records WHERE deleted_at IS NULL",
      "SELECT id, unit_code, received_on, kind, channel, status, deadline, handled_at, closed_at, assignee, "
      "establishment_id FROM tips WHERE deleted_at IS NULL",
      "SELECT a.id, a.client_id, c.unit_code, a.assessed_on, a.eligible, c.assigned FROM client_assessments a "
      "JOIN clients c ON c.id = a.client_id WHERE 1 = 1 ORDER BY a.client_id, a.assessed_on",
      "SELECT r.id, r.client_id, c.unit_code, r.outcome_on, r.service, c.assigned FROM client_referrals r "
      "JOIN clients c ON c.id = r.client_id WHERE r.outcome = 'received'"};
  return sql;
}

Status ReadFacts(Transaction& tx, const std::map<std::string, FactType>& catalog, const std::optional<std::string>& source,
                 const std::function<void(const std::string&, Fact&&)>& emit) {
  if (!source) {
    PCMD_RETURN_IF_ERROR(ReadRecords(tx, catalog, std::nullopt, emit));
    PCMD_RETURN_IF_ERROR(ReadTips(tx, std::nullopt, emit));
    return ReadClients(tx, std::nullopt, emit);
  }
  if (source->rfind("client:", 0) == 0) return ReadClients(tx, source->substr(7), emit);
  PCMD_RETURN_IF_ERROR(ReadRecords(tx, catalog, *source, emit));
  return ReadTips(tx, *source, emit);
}

Status ScanAllFacts(Transaction& tx, const FactRows& rows) {
  const auto& sql = FactStatements();
  PCMD_RETURN_IF_ERROR(ScanRecords(tx, std::nullopt, rows.record));
  PCMD_RETURN_IF_ERROR(tx.Scan(sql[1], {}, rows.tip));
  PCMD_RETURN_IF_ERROR(tx.Scan(sql[2], {}, rows.assessment));
  return tx.Scan(sql[3], {}, rows.referral);
}

}  // namespace pcmd::analytics
