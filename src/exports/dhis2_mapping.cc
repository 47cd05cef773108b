// The DHIS2 mapping file (dhis2.h; format in docs/dhis2.md): parsing and validating it, and the
// look-ups both ways. Tested in dhis2_test.cc.
#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "exports/dhis2.h"

namespace pcmd::exports {
namespace {

// Collects every problem of a mapping file, each naming its key.
class Problems {
 public:
  explicit Problems(std::string source) : source_(std::move(source)) {}

  void Add(const std::string& key, const std::string& code, const std::string& problem) {
    fields_.push_back(
        {key, code, "Tệp ánh xạ DHIS2: " + key + ": " + problem, key + ": " + problem});
  }

  // Unknown keys of a table are errors (a typo never falls back to a default).
  void Keys(const toml::table& t, const std::string& where, const std::set<std::string>& known) {
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (!known.count(key)) Add(where + key, "unknown_key", "unknown key");
    }
  }

  // A uid at `t[key]` (required or not); empty when absent or bad.
  std::string Uid(const toml::table& t, const std::string& where, const char* key, bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) Add(where + key, "required", "is required");
      return "";
    }
    auto s = n->value<std::string>();
    if (!s || !IsDhis2Uid(*s)) {
      Add(where + key, "invalid_uid", "must be a DHIS2 uid (11 letters or digits, a letter first)");
      return "";
    }
    return *s;
  }

  base::Status ToStatus() const {
    if (fields_.empty()) return base::Status::Ok();
    std::string message = source_ + ": invalid dhis2 mapping:";
    for (const auto& f : fields_) message += " " + f.message_en + ";";
    message.pop_back();
    base::Status s = base::InvalidArgument(std::move(message));
    s.WithVi("Tệp ánh xạ DHIS2 không hợp lệ").WithMachineCode("validation_failed");
    for (const auto& f : fields_) s.WithField(f);
    return s;
  }

 private:
  std::string source_;
  std::vector<base::FieldError> fields_;
};

std::optional<Dhis2PeriodType> PeriodTypeNamed(std::string_view name) {
  for (auto t : {Dhis2PeriodType::kYearly, Dhis2PeriodType::kSixMonthly,
                 Dhis2PeriodType::kQuarterly, Dhis2PeriodType::kMonthly}) {
    if (PeriodTypeName(t) == name) return t;
  }
  return std::nullopt;
}

bool IsUnitCode(std::string_view code) {
  if (code.empty() || code.size() > 20) return false;
  for (char c : code) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
          c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsDhis2Uid(std::string_view text) {
  if (text.size() != 11) return false;
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!letter(text[0])) return false;
  for (char c : text) {
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::optional<std::string> Dhis2Mapping::OrgUnitOf(const std::string& unit_code) const {
  if (auto it = org_units.find(unit_code); it != org_units.end()) return it->second;
  if (is_unit_code_as_is) return unit_code;
  return std::nullopt;
}

std::optional<std::string> Dhis2Mapping::UnitOf(const std::string& org_unit) const {
  for (const auto& [code, uid] : org_units) {
    if (uid == org_unit) return code;
  }
  // A code as is, unless that unit is mapped to a uid (then only its uid names it).
  if (is_unit_code_as_is && IsUnitCode(org_unit) && !org_units.count(org_unit)) return org_unit;
  return std::nullopt;
}

std::optional<std::string> Dhis2Mapping::TargetOf(const std::string& data_element,
                                                  const std::string& category_option_combo) const {
  for (const auto& [target, ref] : targets) {
    if (ref.data_element == data_element && ref.category_option_combo == category_option_combo)
      return target;
  }
  return std::nullopt;
}

base::Result<Dhis2Mapping> ParseDhis2Mapping(std::string_view toml_text, std::string_view source) {
  Dhis2Mapping m;
  m.source = std::string(source);
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    return base::InvalidArgument(m.source + ":" + std::to_string(e.source().begin.line) + ": " +
                                 std::string(e.description()));
  }
  Problems p(m.source);
  p.Keys(root, "", {"data_set", "org_units", "targets"});

  if (const toml::table* ds = root.get_as<toml::table>("data_set")) {
    p.Keys(*ds, "data_set.", {"uid", "period_types"});
    m.data_set = p.Uid(*ds, "data_set.", "uid", true);
    if (const toml::array* types = ds->get_as<toml::array>("period_types")) {
      for (std::size_t i = 0; i < types->size(); ++i) {
        auto name = (*types)[i].value<std::string>();
        auto type = name ? PeriodTypeNamed(*name) : std::nullopt;
        if (!type) {
          p.Add("data_set.period_types[" + std::to_string(i) + "]", "invalid_value",
                "must be Yearly, SixMonthly, Quarterly or Monthly");
        } else {
          m.period_types.push_back(*type);
        }
      }
      if (types->empty()) p.Add("data_set.period_types", "required", "must name a period type");
    } else {
      p.Add("data_set.period_types", "required", "is required (a list of DHIS2 period types)");
    }
  } else {
    p.Add("data_set", "required", "is required (a table with uid and period_types)");
  }

  if (const toml::table* ou = root.get_as<toml::table>("org_units")) {
    p.Keys(*ou, "org_units.", {"unmapped", "uids"});
    if (const toml::node* n = ou->get("unmapped")) {
      auto rule = n->value<std::string>();
      if (rule && *rule == "code") {
        m.is_unit_code_as_is = true;
      } else if (!rule || *rule != "none") {
        p.Add("org_units.unmapped", "invalid_value",
              "must be \"code\" (the unit code as is) or \"none\"");
      }
    }
    if (const toml::table* uids = ou->get_as<toml::table>("uids")) {
      std::map<std::string, std::string> by_uid;
      for (const auto& [k, v] : *uids) {
        const std::string code(k.str()), key = "org_units.uids." + code;
        auto uid = v.value<std::string>();
        if (!IsUnitCode(code)) {
          p.Add(key, "invalid_value", "is not a unit code");
        } else if (!uid || !IsDhis2Uid(*uid)) {
          p.Add(key, "invalid_uid", "must be a DHIS2 uid (11 letters or digits, a letter first)");
        } else if (auto [it, fresh] = by_uid.emplace(*uid, code); !fresh) {
          p.Add(key, "duplicate", "the uid is also the orgUnit of unit " + it->second);
        } else {
          m.org_units[code] = *uid;
        }
      }
    } else if (ou->get("uids")) {
      p.Add("org_units.uids", "invalid_type", "must be a table of unit code = uid");
    }
  } else {
    p.Add("org_units", "required", "is required (a table with unmapped and uids)");
  }

  if (const toml::table* targets = root.get_as<toml::table>("targets")) {
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (const auto& [k, v] : *targets) {
      const std::string id(k.str()), where = "targets." + id + ".";
      const toml::table* t = v.as_table();
      if (!t) {
        p.Add("targets." + id, "invalid_type",
              "must be a table with data_element (and optional combos)");
        continue;
      }
      p.Keys(*t, where, {"data_element", "category_option_combo", "attribute_option_combo"});
      Dhis2ElementRef ref{p.Uid(*t, where, "data_element", true),
                          p.Uid(*t, where, "category_option_combo", false),
                          p.Uid(*t, where, "attribute_option_combo", false)};
      if (ref.data_element.empty()) continue;
      auto [it, fresh] = seen.emplace(std::pair{ref.data_element, ref.category_option_combo}, id);
      if (!fresh) {
        p.Add(where + "data_element", "duplicate",
              "the data element and combo are also target " + it->second + "'s");
        continue;
      }
      m.targets[id] = std::move(ref);
    }
    if (targets->empty()) p.Add("targets", "required", "must map at least one target");
  } else {
    p.Add("targets", "required", "is required (a table of target id = data element)");
  }
  PCMD_RETURN_IF_ERROR(p.ToStatus());
  return m;
}

base::Result<Dhis2Mapping> LoadDhis2Mapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::NotFound("cannot read the dhis2 mapping file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseDhis2Mapping(text.str(), path);
}

}  // namespace pcmd::exports
