#include <gtest/gtest.h>

#include "store/database.h"

namespace pcmd::store {
namespace {

TEST(PostgresConnectString, SplitsAUrlIntoLibpqKeywords) {
  EXPECT_EQ(PostgresConnectString("postgresql://u:p%40ss@127.0.0.1:5433/pcmd?sslmode=disable"),
            "user='u' password='p@ss' host='127.0.0.1' port='5433' dbname='pcmd' sslmode='disable'");
  EXPECT_EQ(PostgresConnectString("postgresql://localhost/db"), "host='localhost' dbname='db'");
}

}  // namespace
}  // namespace pcmd::store
