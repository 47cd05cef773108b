#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "base/text.h"
#include "domain/records/record_type.h"
#include "store/database.h"

namespace pcmd::analytics {

// A fact is what an indicator counts: one thing that happened, on a date, in a unit, with the
// values of its fields. Every record of a record type is a fact of that type; tips are facts of
// type "tip"; clients give facts "client_eligible" (an assessment finding the person needing and
// eligible for at least one service) and "client_served" (a referral with outcome "received" for a
// service they were assessed eligible for on or before that day). Adding a record type adds facts,
// not code here.
struct Fact {
  std::string id;    // the record's id (tips: the tip's; clients: "ce:"/"cs:" + the row's id)
  std::string type;  // fact type
  std::string unit;  // unit code
  base::Date date;
  records::Values values;
  std::vector<std::string> assignees;  // for access to the records behind a value
  // A record's fields as stored, not yet decoded (DecodeFact decodes them, only the fields wanted);
  // `values` and `assignees` are then empty.
  std::string raw;
};

// What the engine knows of a fact type: its fields and their kinds ("text", "integer", "bool",
// "date", "list", "ref"), and who may see its records.
struct FactType {
  std::string id;
  std::map<std::string, std::string> fields;
  access::Resource resource = access::Resource::kProgrammeRecord;
  std::string assignee_field;
  std::string path;                 // the API path of its records ("" when not a record type)
  bool is_client_derived = false;   // counts only, never the records
};

// The fact types of `record_types` plus "tip", "client_eligible" and "client_served".
std::map<std::string, FactType> FactCatalog(const std::vector<const records::RecordType*>& record_types);
// The same as the plan loader wants it (type → field → kind).
std::map<std::string, std::map<std::string, std::string>> FactFields(const std::map<std::string, FactType>& catalog);

// Which facts a change-log entry touches: "the facts of source S" (a record id, a tip id or
// "client:<id>"), or none when the entity gives no facts.
std::optional<std::string> SourceOfChange(store::Transaction& tx, const std::map<std::string, FactType>& catalog,
                                          const std::string& entity, const std::string& entity_id);

// Reads facts from the store: every fact (`source` empty) or those of one source, each with its
// source key, through `emit`. Records' facts come raw (Fact::raw; DecodeFact decodes them).
base::Status ReadFacts(store::Transaction& tx, const std::map<std::string, FactType>& catalog,
                       const std::optional<std::string>& source,
                       const std::function<void(const std::string& source, Fact&& fact)>& emit);

// Every row that gives facts, for a rebuild, as the store streams it: each record's (id, type,
// unit_code, record_date, data; one scan on SQLite, pages by id on PostgreSQL; any record type, its
// JSON not decoded), each tip's (TipFact makes its fact), each client's assessment and then each
// service received (ClientFacts makes theirs, in that order).
struct FactRows {
  std::function<base::Status(const store::RowView&)> record, tip, assessment, referral;
};
base::Status ScanAllFacts(store::Transaction& tx, const FactRows& rows);
// The fact of a tip's row (the columns of FactStatements()[1]).
Fact TipFact(const store::RowView& row);
// The facts of clients' rows (FactStatements()[2] and [3]): every assessment before any service,
// the assessments of a client in date order; a service counts when an assessment on or before
// its day found the person eligible for it.
class ClientFacts {
 public:
  void Assessment(const store::RowView& row, const std::function<void(const std::string& source, Fact&& fact)>& emit);
  void Referral(const store::RowView& row, const std::function<void(const std::string& source, Fact&& fact)>& emit);

 private:
  // client -> (date, eligible services) of each assessment
  std::unordered_map<std::string, std::vector<std::pair<base::Date, std::vector<std::string>>>, base::TextHash,
                     std::equal_to<>>
      eligible_;
};

// The statements ReadFacts and ScanAllFacts run (records, tips, clients' assessments and services),
// for a plain read of the same rows (bench/indicator_benchmark.cc).
const std::vector<std::string>& FactStatements();

// Decodes a fact read raw: the fields in `only` (all when null) and its assignees.
void DecodeFact(Fact& fact, const FactType& type, const std::set<std::string>* only);

}  // namespace pcmd::analytics
