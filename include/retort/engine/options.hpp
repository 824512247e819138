// Everything `create_engine` can be told: pool, echo, statement caches and driver settings.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/echo.hpp"
#include "retort/engine/pool.hpp"

namespace retort {

/**
 * Options of `create_engine`, flat so designated initialisers read well:
 *
 *     auto engine = retort::create_engine("postgresql://app@db/shop",
 *         {.pool_size = 10, .pool_timeout = std::chrono::seconds(5), .pool_pre_ping = true});
 */
struct engine_options {
    // --- pool (see pool_options) ---
    std::size_t pool_size = 5;
    std::size_t max_overflow = 10;
    std::chrono::duration<double> pool_timeout{30.0};
    std::optional<std::chrono::duration<double>> pool_recycle{};
    bool pool_pre_ping = false;
    /** Per connection: statements with constant SQL kept prepared (least recently used out). */
    std::size_t prepared_cache_size = 512;
    /** Per connection: statements with run-time SQL kept prepared (least recently used out). */
    std::size_t text_cache_size = 128;

    // --- logging ---
    /** Log every statement, its parameters and its duration through `echo_to`. */
    bool echo = false;
    /** Where echo goes; empty means one line per statement on stderr. */
    echo_sink echo_to{};

    // --- SQLite ---
    std::chrono::milliseconds busy_timeout{5000};
    bool sqlite_qpsg = false;  // see driver_options::sqlite_qpsg and docs/engine.md
    bool sqlite_wal = true;
    std::vector<std::pair<std::string, std::string>> sqlite_pragmas{};

    [[nodiscard]] pool_options pool() const {
        return {pool_size,     max_overflow,        pool_timeout,   pool_recycle,
                pool_pre_ping, prepared_cache_size, text_cache_size};
    }
    [[nodiscard]] driver_options driver() const {
        return {busy_timeout, sqlite_qpsg, sqlite_wal, sqlite_pragmas};
    }
};

}  // namespace retort
