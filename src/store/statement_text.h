#pragma once

// The text of statements as the store runs them (database.cc, sqlite_scan.cc).
#include <string>
#include <string_view>
#include <vector>

namespace pcmd::store {

// A migration's script split at ";" + newline into its statements (blank ones dropped).
std::vector<std::string> SplitStatements(const std::string& sql);

// Renames every placeholder occurrence to a distinct :pN, in order, so that binding is
// purely positional (SOCI binds a repeated name once; SQLite numbers them 1, 2, … in order).
// Quoted text and :: casts are kept.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace pcmd::store
