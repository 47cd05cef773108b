#pragma once

#include <memory>
#include <vector>

#include "app/config.h"
#include "base/result.h"
#include "store/database.h"

namespace pcmd::app {

// Every module's migrations, in one list (store 1–99, units 100–199, access 200–299, ...).
std::vector<store::Migration> AllMigrations();

// Opens the configured store (creating the data folder for SQLite, mode 0700) and
// brings its schema up to date.
base::Result<std::unique_ptr<store::Database>> OpenStore(const Config& config);

// Runs the HTTP server until SIGTERM/SIGINT.
base::Status Serve(const Config& config);

}  // namespace pcmd::app
