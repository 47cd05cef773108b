#include "api/json_body.h"

#include "base/text.h"

namespace pcmd::api {

base::Result<BodyReader> BodyReader::Parse(const std::string& body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !base::IsValidUtf8(body)) {
    return base::InvalidArgument("request body is not valid json")
        .WithVi("Dữ liệu gửi lên không phải JSON hợp lệ")
        .WithMachineCode("malformed_json");
  }
  if (!parsed.is_object()) {
    return base::InvalidArgument("request body must be a json object")
        .WithVi("Dữ liệu gửi lên phải là một đối tượng JSON")
        .WithMachineCode("malformed_json");
  }
  return BodyReader(std::move(parsed));
}

const nlohmann::json* BodyReader::Get(const std::string& field, bool required) {
  known_.insert(field);
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    if (required) {
      validation_.Add(field, "required", "Trường " + field + " là bắt buộc", field + " is required");
    }
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> BodyReader::String(const std::string& field, bool required,
                                              std::size_t max_chars) {
  const nlohmann::json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    validation_.Add(field, "invalid_type", "Trường " + field + " phải là chuỗi ký tự",
                    field + " must be a string");
    return std::nullopt;
  }
  std::string s(base::TrimAscii(v->get<std::string>()));
  if (s.empty() && required) {
    validation_.Add(field, "required", "Trường " + field + " là bắt buộc", field + " is required");
    return std::nullopt;
  }
  if (base::Utf8Length(s) > max_chars) {
    validation_.Add(field, "too_long",
                    "Trường " + field + " dài tối đa " + std::to_string(max_chars) + " ký tự",
                    field + " must be at most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<base::Date> BodyReader::Date(const std::string& field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    validation_.Add(field, "invalid_type", "Trường " + field + " phải là ngày dạng YYYY-MM-DD",
                    field + " must be a date string YYYY-MM-DD");
    return std::nullopt;
  }
  auto d = base::Date::Parse(v->get<std::string>());
  if (!d.ok()) {
    validation_.Add(field, "invalid_date", "Trường " + field + " phải là ngày có thật dạng YYYY-MM-DD",
                    field + " must be a real date YYYY-MM-DD");
    return std::nullopt;
  }
  return *d;
}

std::optional<std::int64_t> BodyReader::Int(const std::string& field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    validation_.Add(field, "invalid_type", "Trường " + field + " phải là số nguyên",
                    field + " must be an integer");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<bool> BodyReader::Bool(const std::string& field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    validation_.Add(field, "invalid_type", "Trường " + field + " phải là true hoặc false",
                    field + " must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> BodyReader::StringList(const std::string& field,
                                                               bool required) {
  const nlohmann::json* v = Get(field, required);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_string()) {
    out.push_back(v->get<std::string>());
    return out;
  }
  if (v->is_array()) {
    for (const auto& item : *v) {
      if (!item.is_string()) {
        validation_.Add(field, "invalid_type", "Trường " + field + " phải là danh sách chuỗi",
                        field + " must be a list of strings");
        return std::nullopt;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  validation_.Add(field, "invalid_type", "Trường " + field + " phải là danh sách chuỗi",
                  field + " must be a list of strings");
  return std::nullopt;
}

std::optional<std::string> BodyReader::Enum(const std::string& field, bool required,
                                            const std::vector<std::string>& allowed) {
  auto s = String(field, required, 100);
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (*s == a) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  validation_.Add(field, "invalid_value", "Trường " + field + " phải là một trong: " + list,
                  field + " must be one of: " + list);
  return std::nullopt;
}

base::Status BodyReader::Finish() {
  for (const auto& [key, value] : object_.items()) {
    if (!known_.count(key)) {
      validation_.Add(key, "unknown_field", "Trường " + key + " không được hỗ trợ",
                      key + " is not a field of this resource");
    }
  }
  return validation_.ToStatus();
}

}  // namespace pcmd::api
