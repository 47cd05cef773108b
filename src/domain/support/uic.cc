#include "domain/support/uic.h"

#include <cctype>

#include "base/text.h"

namespace pcmd::support {
namespace {

struct PartName {
  UicPart part;
  std::string_view id;
  bool is_name;
};

constexpr PartName kParts[] = {
    {UicPart::kSex, "sex", false},
    {UicPart::kBirthYear2, "birth_year2", false},
    {UicPart::kBirthYear4, "birth_year4", false},
    {UicPart::kBirthMonth, "birth_month", false},
    {UicPart::kGivenName, "given", true},
    {UicPart::kMotherGiven, "mother_given", true},
    {UicPart::kFatherGiven, "father_given", true},
};

const PartName& NameOf(UicPart p) {
  for (const auto& n : kParts) {
    if (n.part == p) return n;
  }
  return kParts[0];
}

std::string TwoDigits(int n) {
  std::string s = std::to_string(n % 100);
  return s.size() < 2 ? "0" + s : s;
}

}  // namespace

UicRecipe UicRecipe::Default() { return Parse(kDefaultUicRecipe).value(); }

base::Result<UicRecipe> UicRecipe::Parse(std::string_view text) {
  UicRecipe recipe;
  std::string_view rest = text;
  int index = 0;
  while (true) {
    const auto comma = rest.find(',');
    std::string_view step = base::TrimAscii(rest.substr(0, comma));
    const std::string field = "recipe[" + std::to_string(index) + "]";
    std::string_view id = step;
    int letters = 1;
    bool has_letters = false;
    if (const auto colon = step.find(':'); colon != std::string_view::npos) {
      id = step.substr(0, colon);
      std::string_view n = step.substr(colon + 1);
      if (n.size() != 1 || n[0] < '1' || n[0] > '3') {
        return base::Validation::Fail(field, "invalid_value", "Số chữ cái phải từ 1 đến 3",
                                      "letters must be 1 to 3");
      }
      letters = n[0] - '0';
      has_letters = true;
    }
    const PartName* found = nullptr;
    for (const auto& p : kParts) {
      if (p.id == id) found = &p;
    }
    if (!found || (has_letters && !found->is_name)) {
      return base::Validation::Fail(field, "invalid_value", "Thành phần mã không được hỗ trợ",
                                    "not a part of a UIC recipe");
    }
    recipe.steps.push_back({found->part, letters});
    ++index;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (recipe.steps.empty() || recipe.steps.size() > 12) {
    return base::Validation::Fail("recipe", "invalid_value", "Công thức cần từ 1 đến 12 thành phần",
                                  "a recipe has 1 to 12 parts");
  }
  return recipe;
}

std::string UicRecipe::ToString() const {
  std::string out;
  for (const auto& s : steps) {
    if (!out.empty()) out += ',';
    const PartName& n = NameOf(s.part);
    out += n.id;
    if (n.is_name) out += ":" + std::to_string(s.letters);
  }
  return out;
}

std::string NameLetters(std::string_view name, int letters) {
  const std::string folded = base::FoldForSearch(name);
  // The given name is the last word; only ASCII letters count once folded.
  std::string word;
  const auto space = folded.find_last_of(' ');
  word = space == std::string::npos ? folded : folded.substr(space + 1);
  std::string out;
  for (char c : word) {
    if (static_cast<int>(out.size()) == letters) break;
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
  }
  while (static_cast<int>(out.size()) < letters) out += '0';
  return out;
}

base::Result<std::string> DeriveUic(const UicAnswers& a, const UicRecipe& recipe) {
  base::Validation v;
  std::string out;
  for (const auto& step : recipe.steps) {
    switch (step.part) {
      case UicPart::kSex: {
        std::string sex;
        for (char c : base::TrimAscii(a.sex))
          sex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (sex != "M" && sex != "F" && sex != "K") {
          v.Add("sex", "invalid_value", "Giới tính phải là M (nam), F (nữ) hoặc K (khác)",
                "sex must be M, F or K");
        }
        out += sex;
        break;
      }
      case UicPart::kBirthYear2:
      case UicPart::kBirthYear4:
        if (a.birth_year < 1900 || a.birth_year > 2100) {
          v.Add("birth_year", "out_of_range", "Năm sinh phải có 4 chữ số (1900–2100)",
                "birth_year must be a four-digit year (1900-2100)");
        } else {
          out += step.part == UicPart::kBirthYear4 ? std::to_string(a.birth_year)
                                                   : TwoDigits(a.birth_year);
        }
        break;
      case UicPart::kBirthMonth:
        if (a.birth_month < 0 || a.birth_month > 12) {
          v.Add("birth_month", "out_of_range", "Tháng sinh phải từ 1 đến 12 (0 nếu không rõ)",
                "birth_month must be 1 to 12 (0 when not known)");
        } else {
          out += TwoDigits(a.birth_month);
        }
        break;
      case UicPart::kGivenName: out += NameLetters(a.given_name, step.letters); break;
      case UicPart::kMotherGiven: out += NameLetters(a.mother_given_name, step.letters); break;
      case UicPart::kFatherGiven: out += NameLetters(a.father_given_name, step.letters); break;
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  return out;
}

}  // namespace pcmd::support
