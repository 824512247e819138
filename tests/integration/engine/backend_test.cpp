// What only one backend does: SQLite pragmas, locks and memory sharing; PostgreSQL failures.
#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
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

// A date or timestamp PostgreSQL cannot hold is an error, not a wrapped or overflowed value.
TEST_P(engine_backend, dates_and_timestamps_out_of_postgresql_range_are_refused) {
    auto conn = retort::create_engine(url()).connect();
    const std::chrono::sys_days far{std::chrono::days(std::int64_t{3'000'000'000})};
    const std::chrono::sys_days far_back{std::chrono::days(-std::int64_t{3'000'000'000})};
    const retort::timestamp earliest{std::chrono::microseconds(std::numeric_limits<std::int64_t>::min() + 5)};
    for (auto bind : {std::function<void()>([&] { (void)conn.execute("SELECT $1::date", far); }),
                      std::function<void()>([&] { (void)conn.execute("SELECT $1::date", far_back); }),
                      std::function<void()>([&] { (void)conn.execute("SELECT $1::timestamptz", earliest); })}) {
        try {
            bind();
            ADD_FAILURE() << "no error";
        } catch (const retort::data_error& e) {
            EXPECT_EQ(e.db_code(), "22008") << e.what();
        }
    }
    // Dates in range still round-trip, the extremes included.
    const std::chrono::sys_days leap{std::chrono::days(19'782)};  // 2024-02-29
    EXPECT_EQ(conn.execute("SELECT $1::date", leap).scalar<std::chrono::sys_days>(), leap);
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

// Text parameters used to reach libpq as C strings: "abc\0def" was stored as "abc" and
// matched rows holding "abc". A NUL byte is refused on PostgreSQL and kept on SQLite.
TEST_P(engine_backend, text_with_a_nul_byte_is_kept_or_refused_never_cut_short) {
    auto conn = retort::create_engine(url()).connect();
    conn.execute_script("CREATE TABLE tokens (token TEXT NOT NULL)");
    conn.execute("INSERT INTO tokens (token) VALUES (" + ph(1) + ")", std::string("abc"));
    const std::string with_nul("abc\0def", 7);
    const std::string insert = "INSERT INTO tokens (token) VALUES (" + ph(1) + ")";
    const std::string lookup = "SELECT count(*) FROM tokens WHERE token = " + ph(1);
    if (!pg()) {
        conn.execute(insert, with_nul);
        EXPECT_EQ(conn.execute(lookup, with_nul).scalar<std::int64_t>(), 1);
        EXPECT_EQ(conn.execute("SELECT count(*) FROM tokens").scalar<std::int64_t>(), 2);
        return;
    }
    for (const std::string& sql : {insert, lookup}) {
        try {
            (void)conn.execute(sql, with_nul);
            ADD_FAILURE() << "no error for " << sql;
        } catch (const retort::data_error& e) {
            EXPECT_EQ(e.db_code(), "22021");
            EXPECT_NE(std::string_view(e.what()).find("parameter 1: text with a NUL byte"), std::string_view::npos)
                << e.what();
        }
    }
    // The batch path (pipeline mode, as the session's flush uses) checks the same way.
    struct one_text final : retort::row_source {
        const std::string* text;
        bool done = false;
        explicit one_text(const std::string& t) : text(&t) {}
        std::size_t next(std::span<retort::value_view> out) override {
            if (done) return 0;
            done = true;
            out[0] = retort::value_view::text(*text);
            return 1;
        }
    } rows(with_nul);
    struct no_rows final : retort::batch_sink {
        void row(std::size_t, std::span<const retort::value_view>) override {}
    } sink;
    auto stmt = conn.driver().prepare(insert, false);
    EXPECT_THROW(stmt->execute_batch(rows, 1, sink), retort::data_error);
    EXPECT_EQ(conn.execute("SELECT count(*) FROM tokens").scalar<std::int64_t>(), 1);  // only "abc"
}

INSTANTIATE_TEST_SUITE_P(backends, engine_backend, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
