// Transactions, savepoints, results, statement caches and echo against a real database.
#include "engine_fixture.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using retort::value_view;
using retort::testing::engine_test;

class engine_tx : public engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_.emplace(retort::create_engine(url()));
        engine_->connect().execute_script("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)");
    }
    void TearDown() override {
        engine_.reset();
        engine_test::TearDown();
    }
    std::int64_t count() {
        return engine_->connect().execute("SELECT count(*) FROM items").scalar<std::int64_t>();
    }
    std::string insert() const {
        return "INSERT INTO items (id, name) VALUES (" + ph(1) + ", " + ph(2) + ")";
    }

    std::optional<retort::engine> engine_;
};

TEST_P(engine_tx, commit_and_rollback) {
    {
        auto conn = engine_->connect();
        auto tx = conn.begin();
        EXPECT_TRUE(conn.in_transaction());
        conn.execute(insert(), std::int64_t{1}, "kept");
        tx.commit();
        EXPECT_FALSE(conn.in_transaction());
        auto tx2 = conn.begin();
        conn.execute(insert(), std::int64_t{2}, "dropped");
        tx2.rollback();
        auto tx3 = conn.begin();
        conn.execute(insert(), std::int64_t{3}, "dropped by the destructor");
    }
    EXPECT_EQ(count(), 1);
}

TEST_P(engine_tx, begin_twice_is_refused) {
    auto conn = engine_->connect();
    auto tx = conn.begin();
    try {
        auto again = conn.begin();
        FAIL() << "no error";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(e.code(), "transaction_open");
    }
}

TEST_P(engine_tx, savepoints) {
    auto conn = engine_->connect();
    auto tx = conn.begin();
    conn.execute(insert(), std::int64_t{1}, "outer");
    {
        auto sp = conn.begin_nested();
        conn.execute(insert(), std::int64_t{2}, "rolled back");
    }
    {
        auto sp = conn.begin_nested();
        conn.execute(insert(), std::int64_t{3}, "released");
        {
            auto inner = conn.begin_nested();
            conn.execute(insert(), std::int64_t{4}, "inner rolled back");
            inner.rollback();
        }
        sp.commit();
    }
    {
        // A failed statement inside a savepoint leaves the outer transaction usable.
        auto sp = conn.begin_nested();
        EXPECT_THROW(conn.execute(insert(), std::int64_t{1}, "duplicate"), retort::integrity_error);
        sp.rollback();
    }
    tx.commit();
    auto ids = conn.execute("SELECT id FROM items ORDER BY id").all<std::int64_t>();
    EXPECT_EQ(ids, (std::vector<std::int64_t>{1, 3}));
}

TEST_P(engine_tx, engine_begin_commits_at_scope_exit_and_rolls_back_on_exception) {
    {
        auto conn = engine_->begin();
        conn.execute(insert(), std::int64_t{1}, "committed");
    }
    EXPECT_EQ(count(), 1);
    try {
        auto conn = engine_->begin();
        conn.execute(insert(), std::int64_t{2}, "rolled back");
        throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(count(), 1);
    {
        auto conn = engine_->begin();
        conn.execute(insert(), std::int64_t{3}, "rolled back explicitly");
        conn.rollback();
    }
    EXPECT_EQ(count(), 1);
}

TEST_P(engine_tx, begin_immediate) {
    {
        auto conn = engine_->connect();
        auto tx = conn.begin_immediate();
        conn.execute(insert(), std::int64_t{1}, "x");
        tx.commit();
    }
    EXPECT_EQ(count(), 1);
}

TEST_P(engine_tx, result_access) {
    auto conn = engine_->connect();
    for (int i = 1; i <= 3; ++i) conn.execute(insert(), std::int64_t{i}, "n" + std::to_string(i));
    const std::string by_id = "SELECT id, name FROM items WHERE id = " + ph(1);

    auto [id, name] = conn.execute(by_id, std::int64_t{2}).one<std::int64_t, std::string>();
    EXPECT_EQ(id, 2);
    EXPECT_EQ(name, "n2");
    EXPECT_FALSE((conn.execute(by_id, std::int64_t{9}).one_or_none<std::int64_t, std::string>()));
    EXPECT_EQ(conn.execute("SELECT id FROM items ORDER BY id").first<std::int64_t>(), 1);
    EXPECT_FALSE(conn.execute("SELECT id FROM items WHERE id > 9").first<std::int64_t>());
    EXPECT_EQ(conn.execute("SELECT name FROM items ORDER BY id").all<std::string>(),
              (std::vector<std::string>{"n1", "n2", "n3"}));
    try {
        (void)conn.execute("SELECT id FROM items").one<std::int64_t>();
        FAIL() << "no error";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(e.code(), "multiple_results");
    }
    try {
        (void)conn.execute(by_id, std::int64_t{9}).one<std::int64_t, std::string>();
        FAIL() << "no error";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(e.code(), "no_result");
    }
    EXPECT_EQ(conn.execute("SELECT name FROM items WHERE id > 9").scalar_or_none<std::string>(),
              std::nullopt);

    std::int64_t sum = 0;
    for (auto [i, n] : conn.execute("SELECT id, name FROM items ORDER BY id")
                           .as<std::int64_t, std::string>()) {
        sum += i;
        EXPECT_EQ(n, "n" + std::to_string(i));
    }
    EXPECT_EQ(sum, 6);

    EXPECT_EQ(conn.execute("UPDATE items SET name = " + ph(1) + " WHERE id > " + ph(2), "u",
                           std::int64_t{1})
                  .rows_affected(),
              2);
    EXPECT_EQ(conn.execute("DELETE FROM items WHERE id = " + ph(1), std::int64_t{3})
                  .rows_affected(),
              1);
    EXPECT_EQ(conn.execute("SELECT id FROM items").rows_affected(), 0);
}

TEST_P(engine_tx, a_result_keeps_its_connection_and_nested_reads_of_one_statement_work) {
    {
        auto conn = engine_->connect();
        for (int i = 1; i <= 3; ++i) conn.execute(insert(), std::int64_t{i}, "x");
    }
    // The connection is a temporary; the result keeps it checked out while rows are read.
    std::int64_t n = 0;
    for (auto id : engine_->connect().execute("SELECT id FROM items ORDER BY id").as<std::int64_t>()) {
        n += id;
    }
    EXPECT_EQ(n, 6);

    // The same constant SQL read inside its own loop: the cached statement is busy, so the
    // inner read gets a statement of its own.
    static constexpr std::string_view sqlite_sql = "SELECT id FROM items WHERE id >= ? ORDER BY id";
    static constexpr std::string_view pg_sql = "SELECT id FROM items WHERE id >= $1 ORDER BY id";
    const std::string_view sql = pg() ? pg_sql : sqlite_sql;
    auto conn = engine_->connect();
    std::vector<std::int64_t> pairs;
    const std::array<value_view, 1> from1{value_view::integer(1)};
    for (auto a : conn.execute_prepared(sql.data(), sql.size(), from1).as<std::int64_t>()) {
        const std::array<value_view, 1> from{value_view::integer(a)};
        for (auto b : conn.execute_prepared(sql.data(), sql.size(), from).as<std::int64_t>()) {
            pairs.push_back(a * 10 + b);
        }
    }
    EXPECT_EQ(pairs, (std::vector<std::int64_t>{11, 12, 13, 22, 23, 33}));
    // Reused many times: the cached statement is rebound, never re-prepared.
    for (std::int64_t k = 0; k < 100; ++k) {
        const std::array<value_view, 1> from{value_view::integer(3)};
        EXPECT_EQ(conn.execute_prepared(sql.data(), sql.size(), from).scalar<std::int64_t>(), 3);
    }
}

TEST_P(engine_tx, bound_text_outlives_temporaries) {
    auto conn = engine_->connect();
    conn.execute(insert(), std::int64_t{1}, std::string(100, 'a'));
    // The parameter is a temporary destroyed before the loop body runs (C++20 range-for):
    // the engine copied its bytes, so every row still matches.
    int rows = 0;
    for (auto name : conn.execute("SELECT name FROM items WHERE name = " + ph(1),
                                  std::string(100, 'a'))
                         .as<std::string>()) {
        EXPECT_EQ(name.size(), 100U);
        ++rows;
    }
    EXPECT_EQ(rows, 1);
}

TEST_P(engine_tx, echo_reports_statement_parameters_and_duration) {
    std::vector<std::string> lines;
    auto echoing = retort::create_engine(
        url(), {.echo = true, .echo_to = [&](const retort::echo_record& r) {
                    lines.push_back(fmt::format("{} {} {}", r.failed ? "FAILED" : "ok", r.sql,
                                                retort::format_params(r.params)));
                    EXPECT_GE(r.duration.count(), 0);
                }});
    auto conn = echoing.connect();
    if (memory()) conn.execute_script("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)");
    lines.clear();
    conn.execute(insert(), std::int64_t{7}, "it's");
    EXPECT_THROW(conn.execute(insert(), std::int64_t{7}, "again"), retort::integrity_error);
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines[0], "ok " + insert() + " (7, 'it''s')");
    EXPECT_EQ(lines[1], "FAILED " + insert() + " (7, 'again')");
}

TEST_P(engine_tx, statement_caches_are_bounded_least_recently_used_out) {
    auto engine = retort::create_engine(url(), {.prepared_cache_size = 0, .text_cache_size = 2});
    auto conn = engine.connect();
    if (memory()) conn.execute_script("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)");
    for (int round = 0; round < 3; ++round) {
        for (int k = 1; k <= 5; ++k) {
            EXPECT_EQ(conn.execute("SELECT " + std::to_string(k) + " + " + ph(1), std::int64_t{k})
                          .scalar<std::int64_t>(),
                      2 * k);
        }
    }
    EXPECT_EQ(conn.cached_statements(), (std::pair<std::size_t, std::size_t>{0, 2}));
    // Without a cache, constant SQL is prepared per run and still works.
    static constexpr std::string_view sqlite_sql = "SELECT count(*) FROM items";
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(conn.execute_prepared(sqlite_sql.data(), sqlite_sql.size(), {})
                      .scalar<std::int64_t>(),
                  0);
    }
    if (pg()) {
        // Evicted statements were deallocated on the server.
        EXPECT_LE(conn.execute("SELECT count(*) FROM pg_prepared_statements").scalar<std::int64_t>(),
                  3);
    }
}

TEST_P(engine_tx, echo_prints_to_stderr_by_default) {
    auto echoing = retort::create_engine(url(), {.echo = true});
    auto conn = echoing.connect();
    ::testing::internal::CaptureStderr();
    conn.execute("SELECT " + ph(1) + " + 1", std::int64_t{41});
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(printed.find("[retort] SELECT " + ph(1) + " + 1 (41) ["), std::string::npos)
        << printed;
}

INSTANTIATE_TEST_SUITE_P(backends, engine_tx, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
