// Golden SQL checks: the text on both dialects, asserted at compile time and reported by gtest.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "retort/sql.hpp"

/** Checks a statement's SQL on SQLite and PostgreSQL, at compile time and again at run time
 *  (so a failure also shows both texts side by side in the test log). */
#define RETORT_CHECK_SQL(stmt, sqlite_text, postgresql_text)                          \
    do {                                                                              \
        static_assert(retort::sql<retort::sqlite>(stmt) == std::string_view(sqlite_text)); \
        static_assert(retort::sql<retort::postgresql>(stmt) ==                        \
                      std::string_view(postgresql_text));                             \
        EXPECT_EQ(retort::sql<retort::sqlite>(stmt), std::string_view(sqlite_text));  \
        EXPECT_EQ(retort::sql<retort::postgresql>(stmt),                              \
                  std::string_view(postgresql_text));                                 \
    } while (false)
