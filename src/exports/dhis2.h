#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

// Exchange with DHIS2 (issue 8; docs/dhis2.md): the mapping between pcmd's codes and a DHIS2
// instance's ids, the periods of both, the ADX XML of an export and the checks of an imported
// dataValueSets document. Plain data in, text or plain data out: the JSON of dataValueSets is
// read and written by the api layer (the project's JSON library is not this module's), which hands
// the rows here as strings.
namespace pcmd::exports {

// A DHIS2 period type a data set can take (DHIS2 names).
enum class Dhis2PeriodType { kYearly, kSixMonthly, kQuarterly, kMonthly };

// Where one pcmd target goes in DHIS2: a data element and, optionally, the category option combo
// and attribute option combo (empty: DHIS2's default combos).
struct Dhis2ElementRef {
  std::string data_element;
  std::string category_option_combo;
  std::string attribute_option_combo;
};

// A Dhis2Mapping is the content of a mapping file (data/dhis2/mapping.toml): the data set, the
// period types it takes, each mapped plan target's data element, and each unit's organisation unit
// (explicit uids, and for the others either the unit code as it is or none). Immutable once parsed;
// safe to share between threads.
struct Dhis2Mapping {
  std::string source;  // the file, for messages
  std::string data_set;
  std::vector<Dhis2PeriodType> period_types;       // in the file's order
  std::map<std::string, Dhis2ElementRef> targets;  // pcmd target id -> data element
  std::map<std::string, std::string> org_units;    // pcmd unit code -> DHIS2 orgUnit uid
  bool is_unit_code_as_is = false;                 // unmapped units go as their code

  // The orgUnit of a pcmd unit, or none when the unit is not mapped.
  std::optional<std::string> OrgUnitOf(const std::string& unit_code) const;
  // The pcmd unit of a DHIS2 orgUnit (an explicit uid, or a code as is), or none.
  std::optional<std::string> UnitOf(const std::string& org_unit) const;
  // The pcmd target of a data element and category option combo (empty: the default), or none.
  std::optional<std::string> TargetOf(const std::string& data_element,
                                      const std::string& category_option_combo) const;
};

// Is `text` a DHIS2 uid: 11 characters, a letter then letters or digits?
bool IsDhis2Uid(std::string_view text);

// Parses a mapping file's TOML text (format in docs/dhis2.md). Every problem is reported at once
// as kInvalidArgument whose fields name the key (e.g. "targets.T1.data_element"): malformed TOML,
// unknown keys, missing or malformed uids, unknown period types, a uid mapped twice.
base::Result<Dhis2Mapping> ParseDhis2Mapping(std::string_view toml_text, std::string_view source);
// Reads and parses the file; a file that cannot be read is kNotFound naming it.
base::Result<Dhis2Mapping> LoadDhis2Mapping(const std::string& path);

// pcmd period id (YYYY, YYYYHn of a reporting round, YYYYQn, YYYYMM) -> DHIS2 ISO period (YYYY,
// YYYYSn, YYYYQn, YYYYMM). A span of years (PYYYY-YYYY) has none: a field error on "period".
base::Result<std::string> ToDhis2Period(std::string_view pcmd_period);
// DHIS2 ISO period (YYYY, YYYYSn, YYYYQn, YYYYMM) -> pcmd period id; anything else fails.
base::Result<std::string> FromDhis2Period(std::string_view dhis2_period);
// The DHIS2 period type of a pcmd period id, or none (a span of years, malformed).
std::optional<Dhis2PeriodType> PeriodTypeOf(std::string_view pcmd_period);
std::string_view PeriodTypeName(Dhis2PeriodType type);
// Ok when the mapping's data set takes the pcmd period: one with a DHIS2 form, of a type listed in
// period_types; else a field error on "period" (no_dhis2_period, invalid_value,
// period_type_not_taken).
base::Status CheckDhis2Period(const Dhis2Mapping& mapping, std::string_view pcmd_period);
// The period as ADX writes it (ISO 8601 start and duration): "2024-04-01/P3M".
base::Result<std::string> AdxPeriod(std::string_view pcmd_period);

// A value as DHIS2 and ADX take it: a plain decimal, the shortest that reads back as `value`,
// never an exponent ("12", "33.333333333333336", "0.0001").
std::string FormatDhis2Value(double value);

// One pcmd value to export: a target's value for a unit and period (suppressed values are the
// caller's to leave out).
struct Dhis2Export {
  std::string target, unit_code, period;  // pcmd ids
  double value = 0;
};

// One DHIS2 data value, every field as DHIS2 writes it.
struct Dhis2DataValue {
  std::string data_element, category_option_combo, attribute_option_combo, org_unit, period, value;
};

// The data values of `values` through the mapping: targets the mapping does not name are left out
// (a mapping may cover part of a plan); a unit without an orgUnit, a period without a DHIS2 form or
// of a type the data set does not take fail with a field error ("unit", "period").
base::Result<std::vector<Dhis2DataValue>> ToDataValues(const Dhis2Mapping& mapping,
                                                       const std::vector<Dhis2Export>& values);

// An ADX message (urn:ihe:qrph:adx:2015) of the data values: one <group> per orgUnit and period,
// with the data set; category option combos as attributes categoryOptionCombo /
// attributeOptionCombo. `exported` is an xs:dateTime ("2025-07-01T03:04:05Z").
std::string WriteAdx(const Dhis2Mapping& mapping, const std::vector<Dhis2DataValue>& values,
                     std::string_view exported);

// One row of an imported dataValueSets document, as text (the document's defaults — its own
// period, orgUnit, attributeOptionCombo — already applied by the reader); `value` as written
// (a JSON number is given in its JSON text).
struct Dhis2ImportRow {
  std::string data_element, category_option_combo, attribute_option_combo, org_unit, period, value;
};

// A problem of one row: its index in dataValues, the DHIS2 field, a code (required,
// unknown_data_element, unknown_org_unit, invalid_period, invalid_value, duplicate) and a message.
struct Dhis2Conflict {
  std::size_t row = 0;
  std::string field, code, message;
};

// A row that passed, in pcmd's terms.
struct Dhis2ImportValue {
  std::size_t row = 0;
  std::string target, unit_code, period;  // pcmd ids
  double value = 0;
};

struct Dhis2Resolution {
  std::vector<Dhis2ImportValue> values;
  std::vector<Dhis2Conflict> conflicts;
};

// Checks every row against the mapping and collects every problem: unknown data element (and
// combo), unknown orgUnit, a malformed period, a value that is not a finite number, and the same
// target, unit and period twice in one document.
Dhis2Resolution ResolveDataValues(const Dhis2Mapping& mapping,
                                  const std::vector<Dhis2ImportRow>& rows);

}  // namespace pcmd::exports
