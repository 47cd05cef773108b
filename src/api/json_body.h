#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::api {

// A BodyReader decodes a JSON request body field by field and collects every problem:
// malformed JSON or a non-object body is a 400 (`Parse` fails); a wrong type, a
// missing required field or a field the route does not know is a field error, all
// reported together by `Finish` as one 422.
class BodyReader {
 public:
  static base::Result<BodyReader> Parse(const std::string& body);

  // Each getter marks the field as known. Absent or null gives nothing (and a
  // "required" error when `required`); a value of another type gives "invalid_type".
  std::optional<std::string> String(const std::string& field, bool required,
                                    std::size_t max_chars = 1000);
  std::optional<base::Date> Date(const std::string& field, bool required);
  std::optional<std::int64_t> Int(const std::string& field, bool required);
  std::optional<bool> Bool(const std::string& field, bool required);
  std::optional<std::vector<std::string>> StringList(const std::string& field, bool required);
  // One of `allowed`, else "invalid_value".
  std::optional<std::string> Enum(const std::string& field, bool required,
                                  const std::vector<std::string>& allowed);
  bool Has(const std::string& field) const { return object_.contains(field); }
  // Marks a field as known without reading it (e.g. a null that clears a value).
  void MarkKnown(const std::string& field) { known_.insert(field); }

  void AddError(const std::string& field, const std::string& code, const std::string& vi,
                const std::string& en) {
    validation_.Add(field, code, vi, en);
  }
  // Unknown fields become errors here; ok when nothing was wrong.
  base::Status Finish();

 private:
  explicit BodyReader(nlohmann::json object) : object_(std::move(object)) {}
  const nlohmann::json* Get(const std::string& field, bool required);

  nlohmann::json object_;
  std::set<std::string> known_;
  base::Validation validation_;
};

}  // namespace pcmd::api
