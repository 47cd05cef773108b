#include "domain/support/uic.h"

#include <gtest/gtest.h>

namespace pcmd::support {
namespace {

UicAnswers Anh() {
  return {.sex = "F",
          .birth_year = 1992,
          .given_name = "Ánh",
          .mother_given_name = "Trần Thị Lan",
          .father_given_name = "Nguyễn Văn Hùng"};
}

TEST(DeriveUic, DefaultRecipeIsSexYearAndInitialsOfMotherFatherAndOwnGivenName) {
  EXPECT_EQ(UicRecipe::Default().ToString(), kDefaultUicRecipe);
  EXPECT_EQ(DeriveUic(Anh(), UicRecipe::Default()).value(), "F92LHA");
}

TEST(DeriveUic, FoldsDiacriticsCaseAndDStroke) {
  UicAnswers a = Anh();
  a.given_name = "anh";
  a.mother_given_name = "LAN";
  a.father_given_name = "hùng";
  EXPECT_EQ(DeriveUic(a, UicRecipe::Default()).value(), "F92LHA");
  a.given_name = "Đào";
  a.mother_given_name = "Nguyễn Thị Đức";
  EXPECT_EQ(DeriveUic(a, UicRecipe::Default()).value(), "F92DHD");
  // NFD input (combining marks) gives the same letters as NFC
  a.given_name = "A\xCC\x81nh";
  EXPECT_EQ(DeriveUic(a, UicRecipe::Default()).value(), "F92DHA");
}

TEST(DeriveUic, TakesTheLastWordOfAFullNameAsTheGivenName) {
  EXPECT_EQ(NameLetters("Nguyễn Thị   Ánh ", 1), "A");
  EXPECT_EQ(NameLetters("Nguyễn Thị Nhung", 2), "NH");
  EXPECT_EQ(NameLetters("", 2), "00");
  EXPECT_EQ(NameLetters("Ý", 3), "Y00");
}

TEST(DeriveUic, UnknownParentNameGivesZero) {
  UicAnswers a = Anh();
  a.father_given_name = "";
  EXPECT_EQ(DeriveUic(a, UicRecipe::Default()).value(), "F92L0A");
}

TEST(DeriveUic, SexIsMFOrKInAnyCase) {
  UicAnswers a = Anh();
  a.sex = "k";
  EXPECT_EQ(DeriveUic(a, UicRecipe::Default()).value(), "K92LHA");
  a.sex = "femme";
  auto bad = DeriveUic(a, UicRecipe::Default());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields().at(0).field, "sex");
  // messages never repeat the answer
  EXPECT_EQ(bad.status().fields().at(0).message_vi.find("femme"), std::string::npos);
}

TEST(DeriveUic, BirthYearMustHaveFourDigits) {
  UicAnswers a = Anh();
  a.birth_year = 92;
  auto bad = DeriveUic(a, UicRecipe::Default());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields().at(0).field, "birth_year");
}

TEST(UicRecipe, ParsesConfiguredRecipes) {
  auto r = UicRecipe::Parse("given:2, mother_given:2,birth_year4,birth_month,sex");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  UicAnswers a = Anh();
  a.given_name = "Nhung";
  a.birth_month = 3;
  EXPECT_EQ(DeriveUic(a, *r).value(), "NHLA199203F");
  EXPECT_EQ(r->ToString(), "given:2,mother_given:2,birth_year4,birth_month,sex");
}

TEST(UicRecipe, RefusesUnknownPartsAndBadLetterCounts) {
  EXPECT_FALSE(UicRecipe::Parse("sex,favourite_colour").ok());
  EXPECT_FALSE(UicRecipe::Parse("given:4").ok());
  EXPECT_FALSE(UicRecipe::Parse("sex:1").ok());
  EXPECT_FALSE(UicRecipe::Parse("").ok());
}

}  // namespace
}  // namespace pcmd::support
