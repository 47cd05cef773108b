#include <nlohmann/json.hpp>

#include "domain/records/record_store.h"

// Field values to and from the JSON text the records table keeps them in.
namespace pcmd::records {

std::string EncodeValues(const Values& values) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) j[k] = *i;
    else if (const auto* b = std::get_if<bool>(&v)) j[k] = *b;
    else if (const auto* s = std::get_if<std::string>(&v)) j[k] = *s;
    else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) j[k] = *l;
  }
  return j.dump();
}

Values DecodeValues(const std::string& text) {
  Values out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_number_integer()) out[k] = v.get<std::int64_t>();
    else if (v.is_boolean()) out[k] = v.get<bool>();
    else if (v.is_string()) out[k] = v.get<std::string>();
    else if (v.is_array()) {
      std::vector<std::string> list;
      for (const auto& item : v) {
        if (item.is_string()) list.push_back(item.get<std::string>());
      }
      out[k] = std::move(list);
    }
  }
  return out;
}

}  // namespace pcmd::records
