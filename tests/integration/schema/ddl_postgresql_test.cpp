// The rendered DDL creates working tables on PostgreSQL: catalog and constraints checked.
#include <retort/schema/ddl.hpp>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../../unit/schema/schema_models.hpp"
#include "postgres_url.hpp"

namespace {

using namespace schema_test;

class postgresql_ddl : public retort::testing::postgres_fixture {
protected:
    void SetUp() override {
        postgres_fixture::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        conn_ = PQconnectdb(url().c_str());
        ASSERT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
        schema_ = "retort_ddl_" + std::to_string(getpid());
        exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        exec("CREATE SCHEMA " + schema_);
        exec("SET search_path TO " + schema_);
        exec("SET client_min_messages TO warning");
        for (auto stmt : retort::create_all_sql<retort::postgresql, post_tag, post, tag, user, Order,
                                                every_type, note>())
            exec(std::string(stmt));
    }
    void TearDown() override {
        if (conn_ != nullptr) {
            exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
            PQfinish(conn_);
        }
    }

    void exec(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        auto status = PQresultStatus(r);
        EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            << sql << ": " << PQerrorMessage(conn_);
        PQclear(r);
    }
    /** Runs a statement that must fail; returns its SQLSTATE and constraint name. */
    std::pair<std::string, std::string> fails(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        EXPECT_EQ(PQresultStatus(r), PGRES_FATAL_ERROR) << sql;
        const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const char* constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
        std::pair<std::string, std::string> out{state != nullptr ? state : "",
                                                constraint != nullptr ? constraint : ""};
        PQclear(r);
        return out;
    }
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(conn_);
        std::vector<std::vector<std::string>> out;
        for (int i = 0; i != PQntuples(r); ++i) {
            std::vector<std::string> row;
            for (int j = 0; j != PQnfields(r); ++j)
                row.emplace_back(PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j));
            out.push_back(std::move(row));
        }
        PQclear(r);
        return out;
    }

    PGconn* conn_ = nullptr;
    std::string schema_;
};

TEST_F(postgresql_ddl, columns_types_and_keys_are_in_the_catalog) {
    auto cols = rows(
        "SELECT column_name, data_type, is_nullable, character_maximum_length, column_default "
        "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = "
        "'users' ORDER BY ordinal_position");
    ASSERT_EQ(cols.size(), 5u);
    EXPECT_EQ(cols[0][1], "bigint");
    EXPECT_EQ(cols[0][4].rfind("nextval(", 0), 0u);  // BIGSERIAL
    EXPECT_EQ(cols[1][1], "character varying");
    EXPECT_EQ(cols[1][3], "50");
    EXPECT_EQ(cols[3][2], "YES");
    EXPECT_EQ(cols[4][1], "timestamp with time zone");
    EXPECT_EQ(cols[4][4], "CURRENT_TIMESTAMP");

    auto types = rows(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'every_type' ORDER BY ordinal_position");
    std::vector<std::string> got;
    for (auto& t : types) got.push_back(t[0]);
    EXPECT_EQ(got, (std::vector<std::string>{
                       "bigint", "boolean", "smallint", "smallint", "integer", "bigint",
                       "smallint", "integer", "bigint", "real", "double precision", "text",
                       "character varying", "bytea", "timestamp with time zone", "date",
                       "integer", "text", "double precision"}));

    auto constraints = rows(
        "SELECT tc.table_name, tc.constraint_type, kcu.column_name FROM "
        "information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON "
        "kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema WHERE "
        "tc.table_schema = current_schema() AND tc.table_name IN ('posts', 'post_tags') ORDER BY "
        "1, 2, kcu.ordinal_position, 3");
    EXPECT_EQ(constraints, (std::vector<std::vector<std::string>>{
                               {"post_tags", "FOREIGN KEY", "post_id"},
                               {"post_tags", "FOREIGN KEY", "tag_id"},
                               {"post_tags", "PRIMARY KEY", "post_id"},
                               {"post_tags", "PRIMARY KEY", "tag_id"},
                               {"posts", "FOREIGN KEY", "author_id"},
                               {"posts", "PRIMARY KEY", "id"}}));

    auto idx = rows("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND "
                    "tablename = 'order' ORDER BY 1");
    ASSERT_EQ(idx.size(), 3u);  // order_pkey, order_by_user, uq_user_price
    EXPECT_EQ(idx[0][0], "order_by_user");
}

TEST_F(postgresql_ddl, constraints_are_enforced_with_their_names) {
    exec("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");
    auto id = rows("SELECT id FROM users")[0][0];
    EXPECT_EQ(fails("INSERT INTO users (username, email) VALUES ('alice', 'x@example.com')").first,
              "23505");
    EXPECT_EQ(fails("INSERT INTO users (email) VALUES ('y@example.com')").first, "23502");
    EXPECT_EQ(fails("INSERT INTO posts (title, body, author_id) VALUES ('t', 'b', 424242)").first,
              "23503");
    auto check = fails("INSERT INTO \"order\" (\"user\", price) VALUES (" + id + ", -1)");
    EXPECT_EQ(check.first, "23514");
    EXPECT_EQ(check.second, "ck_price");
    exec("INSERT INTO \"order\" (\"user\") VALUES (" + id + ")");
    auto r = rows("SELECT name, quantity, price, paid FROM \"order\"");
    EXPECT_EQ(r[0], (std::vector<std::string>{"anon", "1", "2.5", "f"}));
    auto dup = fails("INSERT INTO \"order\" (\"user\") VALUES (" + id + ")");
    EXPECT_EQ(dup.first, "23505");
}

TEST_F(postgresql_ddl, cascades_and_drops_in_order) {
    exec("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");
    exec("INSERT INTO posts (title, body, author_id) SELECT 't', 'b', id FROM users");
    exec("DELETE FROM users");
    EXPECT_TRUE(rows("SELECT * FROM posts").empty());
    for (auto stmt : retort::drop_all_sql<retort::postgresql, post_tag, post, tag, user, Order,
                                          every_type, note>())
        exec(std::string(stmt));
    EXPECT_EQ(rows("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                   "current_schema()")[0][0],
              "0");
}

TEST_F(postgresql_ddl, create_all_if_not_exists_is_idempotent) {
    for (auto stmt :
         retort::create_all_sql<retort::postgresql, post_tag, post, tag, user, Order>(retort::if_not_exists))
        exec(std::string(stmt));
}

}  // namespace
