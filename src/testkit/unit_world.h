#pragma once

// A UnitWorld is what the tests of a domain module start from: a fresh store (testkit/store.h) with
// the store's and the units' tables and the module's own, a small administrative tree imported as
// valid from 2021-01-01, and the one access policy over it. Header-only, so that testkit itself
// stays below units and access: the test target links them through its module. Used by the
// reporting and planning tests (report_rounds_test.cc, round_values_test.cc, yearly_plans_test.cc).

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "access/policy.h"
#include "access/unit_scope.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"
#include "testkit/store.h"

namespace pcmd::testkit {

class UnitWorld {
 public:
  // `tree_csv`: code,name,level,type,parent_code. status() tells whether the set-up went well.
  UnitWorld(store::Engine engine, const std::vector<store::Migration>& module_migrations,
            const std::string& tree_csv)
      : store_(engine), tree_(store_.db()), scope_(tree_), policy_(scope_) {
    auto migrations = store::StoreMigrations();
    for (const auto& m : units::UnitMigrations()) migrations.push_back(m);
    migrations.insert(migrations.end(), module_migrations.begin(), module_migrations.end());
    status_ = store_.db().Migrate(migrations);
    if (!status_.ok()) return;
    auto rows = units::ParseUnitFile(tree_csv);
    if (!rows.ok()) {
      status_ = rows.status();
      return;
    }
    status_ = tree_.Import("t", *rows, base::Date::Parse("2021-01-01").value()).status();
  }

  const base::Status& status() const { return status_; }
  store::Database& db() { return store_.db(); }
  units::UnitTree& tree() { return tree_; }
  access::Policy& policy() { return policy_; }

 private:
  TestStore store_;
  units::UnitTree tree_;
  access::UnitScope scope_;
  access::Policy policy_;
  base::Status status_;
};

// The field errors of a status as "field:code".
inline std::set<std::string> FieldsOf(const base::Status& s) {
  std::set<std::string> out;
  for (const auto& f : s.fields()) out.insert(f.field + ":" + f.code);
  return out;
}

}  // namespace pcmd::testkit
