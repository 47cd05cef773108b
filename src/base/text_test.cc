#include "base/text.h"

#include <gtest/gtest.h>

namespace pcmd::base {
namespace {

TEST(FoldForSearch, IgnoresDiacriticsAndCase) {
  EXPECT_EQ(FoldForSearch("Xã Ninh Nhất"), "xa ninh nhat");
  EXPECT_EQ(FoldForSearch("NINH NHẤT"), "ninh nhat");
  EXPECT_EQ(FoldForSearch("ninh nhat"), "ninh nhat");
}

TEST(FoldForSearch, FoldsDStroke) {
  EXPECT_EQ(FoldForSearch("Đông Sơn"), "dong son");
  EXPECT_EQ(FoldForSearch("đường"), "duong");
}

TEST(FoldForSearch, AcceptsDecomposedInput) {
  // "Nhất" written as N h a + circumflex (U+0302) + acute (U+0301) + t.
  EXPECT_EQ(FoldForSearch("Nha\xCC\x82\xCC\x81t"), "nhat");
}

TEST(FoldForSearch, CollapsesWhiteSpace) {
  EXPECT_EQ(FoldForSearch("  Hoa \t  Lư  "), "hoa lu");
}

TEST(FoldForSearch, CoversEveryVietnameseVowel) {
  EXPECT_EQ(FoldForSearch("àáảãạăằắẳẵặâầấẩẫậ"), "aaaaaaaaaaaaaaaaa");
  EXPECT_EQ(FoldForSearch("ÈÉẺẼẸÊỀẾỂỄỆ"), "eeeeeeeeeee");
  EXPECT_EQ(FoldForSearch("ìíỉĩị"), "iiiii");
  EXPECT_EQ(FoldForSearch("òóỏõọôồốổỗộơờớởỡợ"), "ooooooooooooooooo");
  EXPECT_EQ(FoldForSearch("ÙÚỦŨỤƯỪỨỬỮỰ"), "uuuuuuuuuuu");
  EXPECT_EQ(FoldForSearch("ỳýỷỹỵ"), "yyyyy");
}

TEST(FoldForSearch, DropsInvalidBytes) {
  EXPECT_EQ(FoldForSearch("a\xFF" "b\xC3"), "ab");
}

TEST(IsValidUtf8, RejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("Ninh Bình"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE1\xBA"));
}

TEST(Utf8Length, CountsCodePoints) { EXPECT_EQ(Utf8Length("Nhất"), 4u); }

TEST(TruncateUtf8, CutsAtCodePointsNeverInsideOne) {
  EXPECT_EQ(TruncateUtf8("Ninh Bình", 6), "Ninh B");
  EXPECT_EQ(TruncateUtf8("Ninh Bình", 7), "Ninh Bì");
  EXPECT_EQ(TruncateUtf8("Ninh Bình", 100), "Ninh Bình");
  EXPECT_EQ(TruncateUtf8("đ", 0), "");
}

TEST(FoldedSimilarity, IgnoresCaseAndDiacriticsAndScoresEdits) {
  EXPECT_DOUBLE_EQ(FoldedSimilarity("Karaoke Hoa Mai", "KARAOKE HOA MAI"), 1.0);
  EXPECT_DOUBLE_EQ(FoldedSimilarity("Nhà nghỉ Bình An", "nha nghi binh an"), 1.0);
  EXPECT_NEAR(FoldedSimilarity("abcd", "abce"), 0.75, 1e-9);
  EXPECT_LT(FoldedSimilarity("Karaoke Hoa Mai", "Nhà hàng Sông Đáy"), 0.5);
  EXPECT_DOUBLE_EQ(FoldedSimilarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(FoldedSimilarity("a", ""), 0.0);
}

}  // namespace
}  // namespace pcmd::base
