// The rendered DDL creates working tables on SQLite: catalog and constraints checked.
#include <retort/schema/ddl.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "../../unit/schema/schema_models.hpp"

namespace {

using namespace schema_test;

class sqlite_ddl : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
        exec("PRAGMA foreign_keys = ON");
        for (auto stmt : retort::create_all_sql<retort::sqlite, post_tag, post, tag, user, Order,
                                                every_type, note>())
            exec(std::string(stmt));
    }
    void TearDown() override { sqlite3_close(db_); }

    void exec(const std::string& sql) {
        char* err = nullptr;
        int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
        std::string msg = err != nullptr ? err : "";
        sqlite3_free(err);
        ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << msg;
    }
    /** Runs a statement that must fail, returning the extended error code. */
    int fails(const std::string& sql) {
        int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
        EXPECT_NE(rc, SQLITE_OK) << sql;
        return sqlite3_extended_errcode(db_);
    }
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        std::vector<std::vector<std::string>> out;
        sqlite3_stmt* st = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i != sqlite3_column_count(st); ++i) {
                auto* t = sqlite3_column_text(st, i);
                row.emplace_back(t != nullptr ? reinterpret_cast<const char*>(t) : "NULL");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        return out;
    }

    sqlite3* db_ = nullptr;
};

TEST_F(sqlite_ddl, columns_types_and_keys_are_in_the_catalog) {
    // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk
    auto cols = rows("PRAGMA table_info(users)");
    ASSERT_EQ(cols.size(), 5u);
    EXPECT_EQ(cols[0][1], "id");
    EXPECT_EQ(cols[0][5], "1");
    EXPECT_EQ(cols[1][2], "VARCHAR(50)");
    EXPECT_EQ(cols[1][3], "1");
    EXPECT_EQ(cols[3][1], "bio");
    EXPECT_EQ(cols[3][3], "0");
    EXPECT_EQ(cols[4][4], "CURRENT_TIMESTAMP");

    auto fks = rows("PRAGMA foreign_key_list(posts)");
    ASSERT_EQ(fks.size(), 1u);
    EXPECT_EQ(fks[0][2], "users");     // table
    EXPECT_EQ(fks[0][3], "author_id");  // from
    EXPECT_EQ(fks[0][4], "id");         // to
    EXPECT_EQ(fks[0][6], "CASCADE");    // on_delete

    auto idx = rows("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts'");
    ASSERT_EQ(idx.size(), 1u);
    EXPECT_EQ(idx[0][0], "ix_posts_author_id");

    auto pk = rows("PRAGMA table_info(post_tags)");
    EXPECT_EQ(pk[0][5], "1");
    EXPECT_EQ(pk[1][5], "2");
}

TEST_F(sqlite_ddl, integer_key_is_generated) {
    exec("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");
    exec("INSERT INTO users (username, email) VALUES ('bob', 'b@example.com')");
    auto r = rows("SELECT id, created_at IS NOT NULL FROM users ORDER BY id");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0][0], "1");
    EXPECT_EQ(r[1][0], "2");
    EXPECT_EQ(r[0][1], "1");
}

TEST_F(sqlite_ddl, constraints_are_enforced) {
    exec("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");
    EXPECT_EQ(fails("INSERT INTO users (username, email) VALUES ('alice', 'x@example.com')"),
              SQLITE_CONSTRAINT_UNIQUE);
    EXPECT_EQ(fails("INSERT INTO users (email) VALUES ('y@example.com')"),
              SQLITE_CONSTRAINT_NOTNULL);
    EXPECT_EQ(fails("INSERT INTO posts (title, body, author_id) VALUES ('t', 'b', 42)"),
              SQLITE_CONSTRAINT_FOREIGNKEY);
    EXPECT_EQ(fails("INSERT INTO \"order\" (\"user\", quantity) VALUES (1, 0)"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(fails("INSERT INTO \"order\" (\"user\", price) VALUES (1, -1)"),
              SQLITE_CONSTRAINT_CHECK);
    exec("INSERT INTO \"order\" (\"user\") VALUES (1)");
    auto r = rows("SELECT name, quantity, price, paid FROM \"order\"");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0], (std::vector<std::string>{"anon", "1", "2.5", "0"}));
    EXPECT_EQ(fails("INSERT INTO \"order\" (\"user\") VALUES (1)"), SQLITE_CONSTRAINT_UNIQUE);
}

TEST_F(sqlite_ddl, cascades_and_drops_in_order) {
    exec("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");
    exec("INSERT INTO posts (title, body, author_id) VALUES ('t', 'b', 1)");
    exec("DELETE FROM users");
    EXPECT_TRUE(rows("SELECT * FROM posts").empty());
    for (auto stmt : retort::drop_all_sql<retort::sqlite, post_tag, post, tag, user, Order,
                                          every_type, note>())
        exec(std::string(stmt));
    EXPECT_TRUE(rows("SELECT name FROM sqlite_master WHERE type = 'table'").empty());
}

TEST_F(sqlite_ddl, create_all_if_not_exists_is_idempotent) {
    for (auto stmt : retort::create_all_sql<retort::sqlite, post_tag, post, tag, user>(retort::if_not_exists))
        exec(std::string(stmt));
    EXPECT_EQ(rows("SELECT count(*) FROM sqlite_master WHERE type = 'table'")[0][0], "7");
}

}  // namespace
