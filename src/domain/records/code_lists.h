#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "store/database.h"

namespace pcmd::records {

struct Code {
  std::string code;
  std::string label_vi;
  std::string label_en;
  int sort = 0;
  bool is_active = true;
};

// CodeLists keeps the editable lists that record fields choose from (forms of
// communication, press outlets, ...). Codes are never deleted, only deactivated, so
// old records keep their meaning. The defaults are seeded by migrations.
// Thread-safe.
class CodeLists {
 public:
  explicit CodeLists(store::Database& db) : db_(db) {}

  base::Result<std::vector<Code>> Get(const std::string& list) const;
  // Is `code` an active code of `list`?
  base::Result<bool> IsActive(const std::string& list, const std::string& code) const;
  // Adds a code or changes its labels, order or active flag.
  base::Status Put(const store::Actor& actor, const std::string& list, const Code& code);
  base::Result<std::vector<std::string>> ListNames() const;

 private:
  store::Database& db_;
};

// One default code, seeded by a migration: list, code, labels, order.
struct CodeSeed {
  const char* list;
  const char* code;
  const char* vi;
  const char* en;
  int sort;
};

// The INSERT statement that seeds `seeds` into the code lists (for migrations of the
// modules that add record types). Labels must not hold a single quote.
std::string SeedCodesSql(const std::vector<CodeSeed>& seeds);

}  // namespace pcmd::records
