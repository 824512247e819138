// What only one backend does: SQLite pragmas, locks and memory sharing; PostgreSQL failures.
#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using retort::testing::engine_test;

class engine_backend : public engine_test {};

#if !defined(RETORT_TEST_POSTGRESQL)

TEST(engine_registry, a_scheme_without_its_driver_says_what_to_include) {
    try {
        (void)retort::create_engine("postgresql://u:secret@localhost/db");
        FAIL() << "no error";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(e.code(), "no_driver");
        EXPECT_STREQ(e.what(),
                     "no driver for scheme 'postgresql': include <retort/postgresql.hpp> and "
                     "link retort::postgresql");
    }
}

TEST_P(engine_backend, sqlite_memory_is_one_database_across_checkouts) {
    if (!memory()) GTEST_SKIP() << "in-memory only";
    auto engine = retort::create_engine(url());
    engine.connect().execute_script("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (5)");
    EXPECT_EQ(engine.connect().execute("SELECT x FROM t").scalar<std::int64_t>(), 5);
    EXPECT_EQ(engine.options().pool_size, 1U);
    EXPECT_EQ(engine.options().max_overflow, 0U);
}

TEST_P(engine_backend, sqlite_pragmas_and_rowid) {
    auto engine = retort::create_engine(
        url(), {.busy_timeout = std::chrono::milliseconds(1234),
                .sqlite_pragmas = {{"cache_size", "-4000"}}});
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute("PRAGMA foreign_keys").scalar<std::int64_t>(), 1);
    EXPECT_EQ(conn.execute("PRAGMA busy_timeout").scalar<std::int64_t>(), 1234);
    EXPECT_EQ(conn.execute("PRAGMA cache_size").scalar<std::int64_t>(), -4000);
    EXPECT_EQ(conn.execute("PRAGMA journal_mode").scalar<std::string>(),
              memory() ? "memory" : "wal");
    conn.execute_script("CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT)");
    conn.execute("INSERT INTO r (v) VALUES (?)", "a");
    conn.execute("INSERT INTO r (v) VALUES (?)", "b");
    EXPECT_EQ(conn.last_insert_rowid(), 2);
    EXPECT_EQ(conn.dialect(), retort::dialect_kind::sqlite);
    EXPECT_EQ(engine.dialect(), retort::dialect_kind::sqlite);
}

TEST_P(engine_backend, sqlite_qpsg_option_keeps_like_queries_correct) {
    for (bool qpsg : {false, true}) {
        auto engine = retort::create_engine(url(), {.sqlite_qpsg = qpsg});
        auto conn = engine.connect();
        conn.execute_script(
            "CREATE TABLE IF NOT EXISTS w (id INTEGER PRIMARY KEY, name TEXT);"
            "CREATE INDEX IF NOT EXISTS w_name ON w (name); DELETE FROM w;"
            "INSERT INTO w (name) VALUES ('apple'), ('apricot'), ('banana')");
        static constexpr std::string_view sql = "SELECT count(*) FROM w WHERE name LIKE ?";
        for (auto [pattern, expected] : {std::pair{"ap%", 2}, std::pair{"b%", 1}, std::pair{"%", 3}}) {
            const retort::value_view p[] = {retort::value_view::text(pattern)};
            EXPECT_EQ(conn.execute_prepared(sql.data(), sql.size(), p).scalar<std::int64_t>(),
                      expected);
        }
    }
}

TEST_P(engine_backend, sqlite_lock_contention_is_an_operational_error) {
    if (memory()) GTEST_SKIP() << "needs two connections to one file";
    auto a = retort::create_engine(url());
    auto b = retort::create_engine(url(), {.busy_timeout = std::chrono::milliseconds(10)});
    a.connect().execute_script("CREATE TABLE t (x INTEGER)");
    auto writer = a.connect();
    auto tx = writer.begin_immediate();
    writer.execute("INSERT INTO t VALUES (1)");
    try {
        auto other = b.connect();
        auto tx2 = other.begin_immediate();
        FAIL() << "no error";
    } catch (const retort::operational_error& e) {
        EXPECT_EQ(e.code(), "operational");
        EXPECT_EQ(e.db_code(), "5");  // SQLITE_BUSY
    }
}

#else

TEST_P(engine_backend, a_backend_killed_mid_transaction_is_replaced_and_nothing_commits) {
    auto engine = retort::create_engine(url(), {.pool_size = 1, .max_overflow = 0});
    engine.connect().execute_script("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    auto killer = retort::create_engine(url());
    {
        auto victim = engine.connect();
        auto tx = victim.begin();
        victim.execute("INSERT INTO t (id) VALUES (1)");
        const auto pid = victim.execute("SELECT pg_backend_pid()").scalar<std::int64_t>();
        EXPECT_TRUE(killer.connect()
                        .execute("SELECT pg_terminate_backend($1::int)", pid)
                        .scalar<bool>());
        try {
            victim.execute("INSERT INTO t (id) VALUES (2)");
            FAIL() << "no error";
        } catch (const retort::operational_error& e) {
            EXPECT_EQ(e.code(), "operational");
        }
        EXPECT_TRUE(victim.driver().is_broken());
    }  // the transaction's rollback fails quietly; the pool discards the connection
    EXPECT_EQ(engine.status().open, 0U);
    auto next = engine.connect();
    EXPECT_EQ(next.execute("SELECT count(*) FROM t").scalar<std::int64_t>(), 0);
}

TEST_P(engine_backend, pre_ping_replaces_a_dead_idle_connection) {
    auto engine = retort::create_engine(url(), {.pool_size = 1, .pool_pre_ping = true});
    const auto pid = engine.connect().execute("SELECT pg_backend_pid()").scalar<std::int64_t>();
    retort::create_engine(url()).connect().execute("SELECT pg_terminate_backend($1::int)", pid);
    const auto pid2 = engine.connect().execute("SELECT pg_backend_pid()").scalar<std::int64_t>();
    EXPECT_NE(pid, pid2);
}

TEST_P(engine_backend, pool_recycle_replaces_old_connections) {
    auto engine = retort::create_engine(url(), {.pool_recycle = std::chrono::seconds(0)});
    const auto pid = engine.connect().execute("SELECT pg_backend_pid()").scalar<std::int64_t>();
    const auto pid2 = engine.connect().execute("SELECT pg_backend_pid()").scalar<std::int64_t>();
    EXPECT_NE(pid, pid2);
    EXPECT_EQ(engine.status().open, 1U);
}

TEST_P(engine_backend, isolation_levels) {
    auto engine = retort::create_engine(url());
    auto conn = engine.connect();
    for (auto [level, name] :
         {std::pair{retort::isolation_level::read_committed, "read committed"},
          std::pair{retort::isolation_level::repeatable_read, "repeatable read"},
          std::pair{retort::isolation_level::serializable, "serializable"}}) {
        auto tx = conn.begin({.isolation = level});
        EXPECT_EQ(conn.execute("SHOW transaction_isolation").scalar<std::string>(), name);
        tx.commit();
    }
    auto ro = conn.begin({.read_only = true});
    EXPECT_EQ(conn.execute("SHOW transaction_read_only").scalar<std::string>(), "on");
}

TEST_P(engine_backend, notices_are_not_printed_and_text_types_decode) {
    auto conn = retort::create_engine(url()).connect();
    ::testing::internal::CaptureStderr();
    conn.execute_script("DO $$ BEGIN RAISE NOTICE 'should not be seen'; END $$");
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(conn.execute("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid").scalar<std::string>(),
              "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    EXPECT_EQ(conn.execute("SELECT $1::numeric(20,6)", "-12345.5").scalar<std::string>(),
              "-12345.500000");
    EXPECT_EQ(conn.execute("SELECT 0.0001::numeric").scalar<std::string>(), "0.0001");
    EXPECT_EQ(conn.execute("SELECT 100000000::numeric").scalar<std::string>(), "100000000");
    const auto texts =
        conn.execute("SELECT 'x'::varchar(3), '{\"a\": 1}'::jsonb").one<std::string, std::string>();
    EXPECT_EQ(texts, (std::tuple<std::string, std::string>{"x", "{\"a\": 1}"}));
    const auto ints =
        conn.execute("SELECT 7::int2 + 0::int2, 8::int4").one<std::int64_t, std::int64_t>();
    EXPECT_EQ(ints, (std::tuple<std::int64_t, std::int64_t>{7, 8}));
    EXPECT_EQ(conn.dialect(), retort::dialect_kind::postgresql);
}

TEST_P(engine_backend, the_password_never_reaches_a_connect_error) {
    try {
        (void)retort::create_engine("postgresql://nobody:hunter2secret@127.0.0.1:1/db?connect_timeout=2")
            .connect();
        FAIL() << "no error";
    } catch (const retort::operational_error& e) {
        EXPECT_EQ(e.code(), "connect");
        EXPECT_EQ(std::string_view(e.what()).find("hunter2secret"), std::string_view::npos)
            << e.what();
        EXPECT_NE(std::string_view(e.what()).find("nobody:***@127.0.0.1:1"),
                  std::string_view::npos)
            << e.what();
    }
}

#endif

INSTANTIATE_TEST_SUITE_P(backends, engine_backend, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
