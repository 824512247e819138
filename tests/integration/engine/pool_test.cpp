// The pool under load, when exhausted, with pre-ping; and what only one backend does.
#include "engine_fixture.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using retort::testing::engine_test;

class engine_pool : public engine_test {};

TEST_P(engine_pool, sixteen_threads_check_out_and_in) {
    auto engine = retort::create_engine(url(), {.pool_size = 4, .max_overflow = 4});
    engine.connect().execute_script("CREATE TABLE hits (id BIGINT PRIMARY KEY, n BIGINT)");
    engine.connect().execute("INSERT INTO hits (id, n) VALUES (1, 0)");
    constexpr int threads = 16;
    constexpr int checkouts = 10'000;
    constexpr int queries = 50;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            try {
                for (int i = 0; i < checkouts; ++i) {
                    auto conn = engine.connect();
                }
                for (int i = 0; i < queries; ++i) {
                    auto conn = engine.begin();
                    conn.execute("UPDATE hits SET n = n + 1 WHERE id = 1");
                }
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                ++failures;
            }
        });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(engine.connect().execute("SELECT n FROM hits").scalar<std::int64_t>(),
              threads * queries);
    const auto status = engine.status();
    EXPECT_EQ(status.checked_out, 0U);
    EXPECT_LE(status.idle, memory() ? 1U : 4U);
}

TEST_P(engine_pool, exhaustion_times_out_with_a_clear_message) {
    auto engine = retort::create_engine(
        url(), {.pool_size = 1, .max_overflow = 0, .pool_timeout = std::chrono::milliseconds(50)});
    auto held = engine.connect();
    const auto start = std::chrono::steady_clock::now();
    try {
        auto second = engine.connect();
        FAIL() << "no error";
    } catch (const retort::operational_error& e) {
        EXPECT_EQ(e.code(), "pool_timeout");
        EXPECT_NE(std::string_view(e.what()).find(
                      "pool exhausted: 1 connections in use, timed out after 0.05 s"),
                  std::string_view::npos)
            << e.what();
    }
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
}

TEST_P(engine_pool, a_returned_connection_is_handed_to_a_waiter) {
    auto engine = retort::create_engine(
        url(), {.pool_size = 1, .max_overflow = 0, .pool_timeout = std::chrono::seconds(10)});
    std::optional<retort::connection> held(engine.connect());
    std::thread waiter([&] { EXPECT_EQ(engine.connect().execute("SELECT 1").scalar<std::int64_t>(), 1); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    held.reset();
    waiter.join();
}

// "Wait as long as it takes" values used to overflow the deadline and fail at once.
TEST_P(engine_pool, a_timeout_past_any_deadline_waits_for_a_returned_connection) {
    for (const std::chrono::duration<double> forever :
         {std::chrono::duration<double>(std::chrono::hours::max()),
          std::chrono::duration<double>(std::numeric_limits<double>::infinity()),
          std::chrono::duration<double>(1e300)}) {
        auto engine = retort::create_engine(url(), {.pool_size = 1, .max_overflow = 0, .pool_timeout = forever});
        std::optional<retort::connection> held(engine.connect());
        std::atomic<bool> released{false};
        std::thread waiter([&] {
            try {
                EXPECT_EQ(engine.connect().execute("SELECT 1").scalar<std::int64_t>(), 1);
                EXPECT_TRUE(released.load());  // it waited, it did not fail at once
            } catch (const std::exception& e) {
                ADD_FAILURE() << "the checkout failed instead of waiting: " << e.what();
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        released = true;
        held.reset();
        waiter.join();
    }
}

TEST_P(engine_pool, an_open_transaction_is_rolled_back_on_return) {
    auto engine = retort::create_engine(url(), {.pool_size = 1, .max_overflow = 0});
    engine.connect().execute_script("CREATE TABLE t (id BIGINT PRIMARY KEY)");
    {
        auto conn = engine.connect();
        conn.execute_script("BEGIN");
        conn.execute("INSERT INTO t (id) VALUES (1)");
    }
    auto conn = engine.connect();
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(conn.execute("SELECT count(*) FROM t").scalar<std::int64_t>(), 0);
}

TEST_P(engine_pool, pre_ping_and_recycle) {
    auto engine = retort::create_engine(
        url(), {.pool_recycle = std::chrono::hours(1), .pool_pre_ping = true});
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(engine.connect().execute("SELECT 1").scalar<std::int64_t>(), 1);
    }
    EXPECT_EQ(engine.status().open, 1U);
}

INSTANTIATE_TEST_SUITE_P(backends, engine_pool, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
