#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "access/policy.h"
#include "base/status.h"

namespace pcmd::records {

// The kinds of value a field of a record can hold.
enum class FieldKind {
  kText,     // free text, up to max_length characters
  kInteger,  // whole number between min and max
  kDate,     // YYYY-MM-DD
  kCode,     // one code of an editable code list
  kCodes,    // several codes of an editable code list
  kBool,     // true / false
  kUnit,     // a GSO unit code
  kUrl,      // http(s) link
  kRef,      // the id of a record of another type (reference_type)
  kFile,     // the id of a file uploaded for this record type (FileStore)
  kAccounts, // ids of active accounts (e.g. the members of an inspection team)
};

// One field of a record type: its name in the API and in files, its kind and rules,
// and its labels for the interface and spreadsheets.
struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kText;
  bool required = false;
  std::string label_vi;
  std::string label_en;
  int max_length = 500;          // kText, kUrl
  std::int64_t min = 0;          // kInteger
  std::int64_t max = 1'000'000'000;
  std::string code_list;         // kCode, kCodes
  std::string reference_type;    // kRef: the RecordType id referred to
  // kRef: the access resource of the referred type, when it is not the record's own
  // (an inspection refers to an establishment).
  std::optional<access::Resource> reference_resource;
  // kRef: the assignee field of the referred type, when it has one (an activity of a peer
  // group refers to the group, which its leaders reach): a subject with the "assigned" scope
  // may refer only to records that name it there.
  std::string reference_assignee_field;
  // kAccounts: the roles the accounts must have (empty: any active account).
  std::vector<std::string> account_roles;
};

// A value of a field: nothing, an integer, a boolean, a text (also dates, codes, units,
// links), or a list of codes.
using Value = std::variant<std::monostate, std::int64_t, bool, std::string, std::vector<std::string>>;
using Values = std::map<std::string, Value>;

// A RecordType describes one kind of record of the plan (a communication activity, a
// press item, ...): the fields beyond the standard ones (id, unit, date), which access
// resource guards it, and the cross-field rules. Adding a record type is adding one
// description, not code in the store, the API, imports or exports.
struct RecordType {
  std::string id;          // "communication_activity": the entity in the change log
  std::string path;        // "communication-activities": the API resource and file name
  access::Resource resource = access::Resource::kProgrammeRecord;
  std::string label_vi;
  std::string label_en;
  std::string date_label_vi = "Ngày";
  std::string date_label_en = "Date";
  std::vector<std::string> unit_levels = {"province", "district", "commune"};
  std::vector<FieldSpec> fields;
  // A kAccounts field whose accounts a record is assigned to: roles with the "assigned"
  // scope over the type's resource reach only the records that name them there.
  std::string assignee_field;
  // Checks across fields; adds field errors to the validation.
  std::function<void(const Values&, base::Validation&)> rules;
  // Whether a new record is likely the same thing as a stored one of the same unit: the
  // field that says so ("registration_number", "name"), or "" when not. Types with it get
  // duplicate detection on create and import, and merging.
  std::function<std::string(const Values& candidate, const Values& stored)> same_as;

  const FieldSpec* Field(const std::string& name) const {
    for (const auto& f : fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

}  // namespace pcmd::records
