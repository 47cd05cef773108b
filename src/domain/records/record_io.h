#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/records/code_lists.h"
#include "domain/records/record_store.h"
#include "domain/records/record_type.h"

namespace pcmd::records {

// Spreadsheet layout of a record type, shared by export and import so that an
// exported file imports back as the same records. Header cells read
// "Vietnamese label (field_name)"; an import accepts that, the bare field name or the
// bare Vietnamese label. Columns: id, unit, unit_name (export only), date, the type's
// fields, version (export only).
std::vector<std::string> SheetHeader(const RecordType& type);

// The rows of an export, header first, as cell texts.
std::vector<std::vector<std::string>> SheetRows(const RecordType& type,
                                                const std::vector<Record>& records,
                                                const std::map<std::string, std::string>& unit_names);

struct ImportReport {
  int created = 0;
  int unchanged = 0;
  int rejected = 0;      // rows with problems
  bool stored = false;   // false: nothing was stored
  std::vector<ImportProblem> problems;
};

// Imports a file's cells: every row is read and validated first; with `valid_only`
// false nothing is stored unless every row is valid, with it true the valid rows are
// stored and the others reported. Stored rows go in one transaction.
base::Result<ImportReport> ImportSheet(RecordStore& store, const access::Subject& subject,
                                       const store::Actor& actor, const RecordType& type,
                                       const std::vector<std::vector<std::string>>& cells,
                                       const CodeLists& code_lists, bool valid_only);

// Turns the cells of a file (header first) into records: maps the header, converts
// each cell by its field's kind (codes by code or label), and gives rows without an id
// a name-based id, so a re-import creates nothing twice. Problems of conversion are
// added to `problems`; the rows are returned with what could be read.
std::vector<ImportRow> ReadSheet(const RecordType& type,
                                 const std::vector<std::vector<std::string>>& cells,
                                 const CodeLists& code_lists, std::vector<ImportProblem>* problems);

}  // namespace pcmd::records
