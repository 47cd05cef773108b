// DHIS2 periods, values, the ADX writer and the checks of imported rows (dhis2.h). The mapping file
// is read in dhis2_mapping.cc. Tested in dhis2_test.cc.
#include "exports/dhis2.h"

#include <charconv>
#include <cmath>
#include <set>
#include <tuple>

namespace pcmd::exports {
namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Num(std::string_view s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

// A period split: its year, its type and its number in the year (half, quarter, month; 0 for a
// year). `half` is the letter of a half year: 'H' in pcmd, 'S' in DHIS2.
struct Parts {
  int year = 0;
  Dhis2PeriodType type = Dhis2PeriodType::kYearly;
  int n = 0;
};

std::optional<Parts> Split(std::string_view p, char half) {
  if (p.size() < 4 || !Digits(p.substr(0, 4))) return std::nullopt;
  const int year = Num(p.substr(0, 4));
  if (year < 1900 || year > 2199) return std::nullopt;
  const std::string_view rest = p.substr(4);
  if (rest.empty()) return Parts{year, Dhis2PeriodType::kYearly, 0};
  if (rest.size() == 2 && rest[0] == half && (rest[1] == '1' || rest[1] == '2'))
    return Parts{year, Dhis2PeriodType::kSixMonthly, rest[1] - '0'};
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4')
    return Parts{year, Dhis2PeriodType::kQuarterly, rest[1] - '0'};
  if (rest.size() == 2 && Digits(rest) && Num(rest) >= 1 && Num(rest) <= 12)
    return Parts{year, Dhis2PeriodType::kMonthly, Num(rest)};
  return std::nullopt;
}

std::string Join(const Parts& p, char half) {
  std::string out = std::to_string(p.year);
  switch (p.type) {
    case Dhis2PeriodType::kYearly: break;
    case Dhis2PeriodType::kSixMonthly: out += half + std::to_string(p.n); break;
    case Dhis2PeriodType::kQuarterly: out += "Q" + std::to_string(p.n); break;
    case Dhis2PeriodType::kMonthly: out += (p.n < 10 ? "0" : "") + std::to_string(p.n); break;
  }
  return out;
}

base::Status NoDhis2Period(std::string_view pcmd_period) {
  if (pcmd_period.size() > 1 && pcmd_period[0] == 'P') {
    return base::Validation::Fail(
        "period", "no_dhis2_period",
        "DHIS2 không có kỳ nhiều năm; hãy chọn năm, 6 tháng, quý hoặc tháng",
        "dhis2 has no period spanning several years; give a year, half "
        "year, quarter or month");
  }
  return base::Validation::Fail("period", "invalid_value",
                                "Kỳ không hợp lệ (YYYY, YYYYHn, YYYYQn, YYYYMM)",
                                "period must be YYYY, YYYYHn, YYYYQn or YYYYMM");
}

// Escapes text for an XML attribute value.
std::string Attr(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view PeriodTypeName(Dhis2PeriodType type) {
  switch (type) {
    case Dhis2PeriodType::kYearly: return "Yearly";
    case Dhis2PeriodType::kSixMonthly: return "SixMonthly";
    case Dhis2PeriodType::kQuarterly: return "Quarterly";
    case Dhis2PeriodType::kMonthly: return "Monthly";
  }
  return "";
}

base::Result<std::string> ToDhis2Period(std::string_view pcmd_period) {
  auto parts = Split(pcmd_period, 'H');
  if (!parts) return NoDhis2Period(pcmd_period);
  return Join(*parts, 'S');
}

base::Result<std::string> FromDhis2Period(std::string_view dhis2_period) {
  auto parts = Split(dhis2_period, 'S');
  if (!parts) {
    return base::Validation::Fail("period", "invalid_period",
                                  "Kỳ DHIS2 không hợp lệ (YYYY, YYYYSn, YYYYQn, YYYYMM)",
                                  "period must be a DHIS2 period YYYY, YYYYSn, YYYYQn or YYYYMM");
  }
  return Join(*parts, 'H');
}

std::optional<Dhis2PeriodType> PeriodTypeOf(std::string_view pcmd_period) {
  auto parts = Split(pcmd_period, 'H');
  if (!parts) return std::nullopt;
  return parts->type;
}

base::Result<std::string> AdxPeriod(std::string_view pcmd_period) {
  auto parts = Split(pcmd_period, 'H');
  if (!parts) return NoDhis2Period(pcmd_period);
  int month = 1;
  std::string duration = "P1Y";
  switch (parts->type) {
    case Dhis2PeriodType::kYearly: break;
    case Dhis2PeriodType::kSixMonthly: month = parts->n == 1 ? 1 : 7, duration = "P6M"; break;
    case Dhis2PeriodType::kQuarterly: month = 3 * parts->n - 2, duration = "P3M"; break;
    case Dhis2PeriodType::kMonthly: month = parts->n, duration = "P1M"; break;
  }
  return std::to_string(parts->year) + (month < 10 ? "-0" : "-") + std::to_string(month) + "-01/" +
         duration;
}

std::string FormatDhis2Value(double value) {
  if (value == 0) return "0";  // also -0
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (ec != std::errc()) return "0";
  return std::string(buf, end);
}

base::Status CheckDhis2Period(const Dhis2Mapping& mapping, std::string_view pcmd_period) {
  PCMD_RETURN_IF_ERROR(ToDhis2Period(pcmd_period).status());
  const auto type = PeriodTypeOf(pcmd_period);
  for (auto t : mapping.period_types) {
    if (t == type) return base::Status::Ok();
  }
  return base::Validation::Fail(
      "period", "period_type_not_taken",
      "Bộ dữ liệu DHIS2 không nhận kỳ loại " + std::string(PeriodTypeName(*type)),
      "the dhis2 data set of the mapping takes no " + std::string(PeriodTypeName(*type)) +
          " period");
}

base::Result<std::vector<Dhis2DataValue>> ToDataValues(const Dhis2Mapping& mapping,
                                                       const std::vector<Dhis2Export>& values) {
  std::vector<Dhis2DataValue> out;
  for (const auto& v : values) {
    auto ref = mapping.targets.find(v.target);
    if (ref == mapping.targets.end()) continue;
    auto org_unit = mapping.OrgUnitOf(v.unit_code);
    if (!org_unit) {
      return base::Validation::Fail(
          "unit", "not_mapped", "Đơn vị " + v.unit_code + " chưa có mã DHIS2 trong tệp ánh xạ",
          "unit " + v.unit_code + " has no dhis2 orgUnit in the mapping " + mapping.source);
    }
    PCMD_RETURN_IF_ERROR(CheckDhis2Period(mapping, v.period));
    PCMD_ASSIGN_OR_RETURN(std::string period, ToDhis2Period(v.period));
    if (!std::isfinite(v.value)) continue;
    out.push_back({ref->second.data_element, ref->second.category_option_combo,
                   ref->second.attribute_option_combo, *org_unit, std::move(period),
                   FormatDhis2Value(v.value)});
  }
  return out;
}

std::string WriteAdx(const Dhis2Mapping& mapping, const std::vector<Dhis2DataValue>& values,
                     std::string_view exported) {
  // Groups by orgUnit, period and attribute option combo, in first-seen order.
  std::vector<std::tuple<std::string, std::string, std::string>> keys;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Dhis2DataValue*>>
      groups;
  for (const auto& v : values) {
    auto key = std::tuple{v.org_unit, v.period, v.attribute_option_combo};
    if (!groups.count(key)) keys.push_back(key);
    groups[key].push_back(&v);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"" + Attr(exported) + "\">\n";
  for (const auto& key : keys) {
    const auto& [org_unit, period, aoc] = key;
    auto pcmd_period = FromDhis2Period(period);
    auto adx_period = pcmd_period.ok() ? AdxPeriod(*pcmd_period) : pcmd_period.status();
    out += "  <group orgUnit=\"" + Attr(org_unit) + "\" period=\"" +
           Attr(adx_period.ok() ? *adx_period : period) + "\" dataSet=\"" + Attr(mapping.data_set) +
           "\"";
    if (!aoc.empty()) out += " attributeOptionCombo=\"" + Attr(aoc) + "\"";
    out += ">\n";
    for (const Dhis2DataValue* v : groups[key]) {
      out += "    <dataValue dataElement=\"" + Attr(v->data_element) + "\"";
      if (!v->category_option_combo.empty())
        out += " categoryOptionCombo=\"" + Attr(v->category_option_combo) + "\"";
      out += " value=\"" + Attr(v->value) + "\"/>\n";
    }
    out += "  </group>\n";
  }
  out += "</adx>\n";
  return out;
}

Dhis2Resolution ResolveDataValues(const Dhis2Mapping& mapping,
                                  const std::vector<Dhis2ImportRow>& rows) {
  Dhis2Resolution out;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Dhis2ImportRow& r = rows[i];
    const std::size_t before = out.conflicts.size();
    auto conflict = [&](const char* field, const char* code, std::string message) {
      out.conflicts.push_back({i, field, code, std::move(message)});
    };
    std::optional<std::string> target, unit, period;
    if (r.data_element.empty()) {
      conflict("dataElement", "required", "dataElement is required");
    } else if (!(target = mapping.TargetOf(r.data_element, r.category_option_combo))) {
      bool is_element_mapped = false;
      for (const auto& [id, ref] : mapping.targets)
        is_element_mapped = is_element_mapped || ref.data_element == r.data_element;
      if (is_element_mapped) {
        conflict("categoryOptionCombo", "unknown_data_element",
                 "no target is mapped to this dataElement and categoryOptionCombo");
      } else {
        conflict("dataElement", "unknown_data_element", "no target is mapped to this dataElement");
      }
    }
    if (r.org_unit.empty()) {
      conflict("orgUnit", "required", "orgUnit is required");
    } else if (!(unit = mapping.UnitOf(r.org_unit))) {
      conflict("orgUnit", "unknown_org_unit", "no unit is mapped to this orgUnit");
    }
    if (r.period.empty()) {
      conflict("period", "required", "period is required");
    } else if (auto p = FromDhis2Period(r.period); p.ok()) {
      period = *p;
    } else {
      conflict("period", "invalid_period",
               "period must be a DHIS2 period YYYY, YYYYSn, YYYYQn or YYYYMM");
    }
    double value = 0;
    if (r.value.empty()) {
      conflict("value", "required", "value is required");
    } else {
      const char* first = r.value.data();
      const char* last = first + r.value.size();
      if (*first == '+') ++first;
      auto [end, ec] = std::from_chars(first, last, value);
      if (ec != std::errc() || end != last || !std::isfinite(value)) {
        conflict("value", "invalid_value", "value must be a number");
      }
    }
    if (out.conflicts.size() != before) continue;
    auto [it, fresh] = seen.emplace(std::tuple{*target, *unit, *period}, i);
    if (!fresh) {
      conflict("dataElement", "duplicate",
               "the same dataElement, orgUnit and period as row " + std::to_string(it->second));
      continue;
    }
    out.values.push_back({i, *target, *unit, *period, value});
  }
  return out;
}

}  // namespace pcmd::exports
