#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
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
  // A record read with `raw` (a rebuild): its fields as stored, for DecodeFact to decode later
  // (on another thread, and only the fields wanted); `values` and `assignees` are then empty.
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
// source key, through `emit`.
base::Status ReadFacts(store::Transaction& tx, const std::map<std::string, FactType>& catalog,
                       const std::optional<std::string>& source,
                       const std::function<void(const std::string& source, Fact&& fact)>& emit, bool raw = false);

// Decodes a fact read raw: the fields in `only` (all when null) and its assignees.
void DecodeFact(Fact& fact, const FactType& type, const std::set<std::string>* only);

}  // namespace pcmd::analytics
