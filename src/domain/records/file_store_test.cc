#include "domain/records/file_store.h"

#include <gtest/gtest.h>

#include "access/unit_scope.h"
#include "base/digest.h"
#include "base/text.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::records {
namespace {

using base::Date;

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\rIHDR", 8);

TEST(DetectContentType, TellsTypesByTheirFirstBytesOnly) {
  EXPECT_EQ(DetectContentType(kPdf), "application/pdf");
  EXPECT_EQ(DetectContentType(kPng), "image/png");
  EXPECT_EQ(DetectContentType("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(DetectContentType("GIF89a..."), "image/gif");
  EXPECT_EQ(DetectContentType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(DetectContentType(std::string("RIFF\x10\0\0\0AVI LIST", 16)), "");
  EXPECT_EQ(DetectContentType("<html><script>alert(1)</script>"), "");
  EXPECT_EQ(DetectContentType(std::string("MZ\x90\0", 4)), "");  // an executable named .pdf
  EXPECT_EQ(DetectContentType(""), "");
}

TEST(CleanFileName, KeepsTheLastSegmentWithoutControlsOrQuotes) {
  EXPECT_EQ(CleanFileName("C:\\Users\\a\\Tờ rơi 2024.pdf"), "Tờ rơi 2024.pdf");
  EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(CleanFileName("a\"b;\r\nc.pdf"), "abc.pdf");
  EXPECT_EQ(CleanFileName(".hidden"), "hidden");
  EXPECT_EQ(CleanFileName(""), "tep");
  EXPECT_EQ(CleanFileName("\xC3\x28.pdf"), "tep");  // not UTF-8
  EXPECT_EQ(base::Utf8Length(CleanFileName(std::string(300, 'a'))), 200u);
}

class FileStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : RecordMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(store_->db());
    ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n").value(),
                              Date::Parse("2021-01-01").value())
                    .ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<CodeLists>(store_->db());
    records_ = std::make_unique<RecordStore>(store_->db(), *tree_, *policy_, *codes_);
    files_ = std::make_unique<FileStore>(store_->db(), 1024);
    material_.id = "material";
    material_.path = "materials";
    material_.fields = {{"file", FieldKind::kFile, true, "Tệp", "File"}};
    other_.id = "other";
    other_.path = "others";
    other_.fields = material_.fields;
  }

  RecordType material_, other_;
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<CodeLists> codes_;
  std::unique_ptr<RecordStore> records_;
  std::unique_ptr<FileStore> files_;
};

TEST_P(FileStoreTest, KeepsTheBytesAndTheDetectedType) {
  std::string bytes = kPng;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);  // every byte value survives
  auto info = files_->Put("p1", material_, "ảnh.png", bytes);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->content_type, "image/png");
  EXPECT_EQ(info->size, static_cast<std::int64_t>(bytes.size()));
  auto back = files_->Get(info->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->bytes, bytes);
  EXPECT_EQ(back->info.name, "ảnh.png");
  EXPECT_EQ(back->info.sha256, base::Sha256Hex(bytes));
  EXPECT_EQ(files_->Get("no-such-id").status().code(), base::StatusCode::kNotFound);
}

TEST_P(FileStoreTest, RefusesWrongTypesEmptyAndLargeFilesByField) {
  auto field_code = [](const base::Status& s) { return s.fields().empty() ? "" : s.fields()[0].field + ":" + s.fields()[0].code; };
  EXPECT_EQ(field_code(files_->Put("p1", material_, "x.pdf", "<script>").status()), "file:unsupported_type");
  EXPECT_EQ(field_code(files_->Put("p1", material_, "x.pdf", "").status()), "file:empty");
  EXPECT_EQ(field_code(files_->Put("p1", material_, "x.pdf", kPdf + std::string(1024, ' ')).status()), "file:too_large");
}

TEST_P(FileStoreTest, AFileIsAttachedOnlyToARecordOfTheTypeItWasUploadedFor) {
  auto info = files_->Put("p1", material_, "t.pdf", kPdf);
  ASSERT_TRUE(info.ok());
  const Date day = Date::Parse("2024-05-01").value();
  EXPECT_TRUE(records_->Validate(material_, "37", day, {{"file", info->id}}).ok());
  const base::Status other = records_->Validate(other_, "37", day, {{"file", info->id}});
  ASSERT_EQ(other.fields().size(), 1u);
  EXPECT_EQ(other.fields()[0].code, "not_found");
  EXPECT_FALSE(records_->Validate(material_, "37", day, {{"file", std::string("made-up")}}).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, FileStoreTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::records
