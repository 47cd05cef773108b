#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pcmd::support {

// The answers a person can give again at every visit, from which the peer educator derives
// the person's unique identifier code (UIC) on the spot. They are never stored or logged: only
// the UIC that comes out, and sex and year of birth, are kept.
struct UicAnswers {
  std::string sex;         // "M" (nam), "F" (nữ) or "K" (khác / không rõ)
  int birth_year = 0;      // four digits
  int birth_month = 0;     // 1..12, 0 when not known (only a recipe with birth_month needs it)
  std::string given_name;  // the person's own given name (tên), or full name
  std::string mother_given_name;
  std::string father_given_name;
};

// One part of a UIC recipe.
enum class UicPart {
  kSex,          // one letter: M, F or K
  kBirthYear2,   // the last two digits of the year of birth
  kBirthYear4,   // the four digits
  kBirthMonth,   // two digits, "00" when not known
  kGivenName,    // the first `letters` letters of the person's given name
  kMotherGiven,  // ... of the mother's given name
  kFatherGiven,  // ... of the father's given name
};

struct UicStep {
  UicPart part = UicPart::kSex;
  int letters = 1;  // name parts only, 1..3
};

// A UicRecipe says which answers make a UIC, in order. Its text form lists the steps separated
// by commas, name parts with ":N" letters, e.g. the default
//   "sex,birth_year2,mother_given:1,father_given:1,given:1"
// which gives, for a woman born in 1992 whose mother is "Trần Thị Lan", whose father is
// "Nguyễn Văn Hùng" and who is called "Ánh": "F92LHA".
// Names: the given name is the LAST word of what is said (Vietnamese order: họ, đệm, tên), so
// a full name may be given; letters are folded (diacritics removed, đ → D, upper case), so
// "Ánh", "ánh" and "ANH" give the same letter; a name not known gives "0" for each letter.
struct UicRecipe {
  std::vector<UicStep> steps;

  static UicRecipe Default();
  // kInvalidArgument naming the bad step.
  static base::Result<UicRecipe> Parse(std::string_view text);
  std::string ToString() const;
};

inline constexpr const char* kDefaultUicRecipe =
    "sex,birth_year2,mother_given:1,father_given:1,given:1";

// The UIC of `answers` under `recipe`. Pure. kInvalidArgument naming the field (never its
// value) when an answer the recipe needs is missing or malformed: sex not M/F/K, birth_year
// outside 1900..2100, birth_month outside 0..12.
base::Result<std::string> DeriveUic(const UicAnswers& answers, const UicRecipe& recipe);

// The first `letters` letters of the given name in `name` (its last word), folded and in upper
// case; "0" for each letter missing.
std::string NameLetters(std::string_view name, int letters);

}  // namespace pcmd::support
