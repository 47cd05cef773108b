#include "api/query_params.h"

#include <charconv>

#include "base/text.h"

namespace pcmd::api {

void QueryParams::Bad(const std::string& name, const std::string& vi, const std::string& en) {
  validation_.Add(name, "invalid_value", vi, en);
}

std::optional<std::string> QueryParams::Text(const std::string& name, std::size_t max_chars) {
  auto v = request_.Query(name);
  if (!v) return std::nullopt;
  std::string s(base::TrimAscii(*v));
  if (s.empty()) return std::nullopt;
  if (!base::IsValidUtf8(s) || base::Utf8Length(s) > max_chars) {
    Bad(name, "Tham số " + name + " quá dài hoặc không hợp lệ", name + " is too long or invalid");
    return std::nullopt;
  }
  return s;
}

std::optional<int> QueryParams::Int(const std::string& name, int min, int max) {
  auto v = request_.Query(name);
  if (!v || v->empty()) return std::nullopt;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size() || n < min || n > max) {
    Bad(name, "Tham số " + name + " phải là số từ " + std::to_string(min) + " đến " + std::to_string(max),
        name + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

int QueryParams::Limit(int fallback, int max_limit) {
  return Int("limit", 1, max_limit).value_or(fallback);
}

int QueryParams::Offset() { return Int("offset", 0, 1'000'000'000).value_or(0); }

base::Date QueryParams::DateOr(const std::string& name, base::Date fallback) {
  auto v = request_.Query(name);
  if (!v || v->empty()) return fallback;
  auto d = base::Date::Parse(*v);
  if (!d.ok()) {
    Bad(name, "Tham số " + name + " phải là ngày dạng YYYY-MM-DD", name + " must be a date YYYY-MM-DD");
    return fallback;
  }
  return *d;
}

void QueryParams::DateRange(std::optional<base::Date>& from, std::optional<base::Date>& to) {
  if (auto period = Text("period", 20)) {
    if (auto p = base::Period::Parse(*period); p.ok()) {
      from = p->first;
      to = p->last;
    } else {
      Enum("period", {"YYYY", "YYYYQn", "YYYYMM", "PYYYY-YYYY"});
    }
  }
  if (request_.Query("from")) from = DateOr("from", base::Date());
  if (request_.Query("to")) to = DateOr("to", base::Date());
}

std::optional<std::string> QueryParams::Enum(const std::string& name,
                                             const std::vector<std::string>& allowed) {
  auto v = request_.Query(name);
  if (!v || v->empty()) return std::nullopt;
  for (const auto& a : allowed) {
    if (*v == a) return v;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  Bad(name, "Tham số " + name + " phải là một trong: " + list, name + " must be one of: " + list);
  return std::nullopt;
}

base::Status QueryParams::Finish() const {
  base::Status s = validation_.ToStatus();
  if (!s.ok()) s.WithMachineCode("invalid_query").WithVi("Tham số truy vấn không hợp lệ");
  return s;
}

}  // namespace pcmd::api
