// The driver interface (virtual per statement, never per value) and the registry of drivers.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/dialect/dialect.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/types/value.hpp"

namespace retort {

/** Which SQL flavour a connection speaks; picks one of a statement's constexpr texts. */
using dialect_kind = detail::dialect_kind;

/** Transaction isolation; `database_default` leaves the server's setting alone. */
enum class isolation_level : std::uint8_t {
    database_default,
    read_committed,
    repeatable_read,
    serializable,
};

/** SQLite's BEGIN flavours; PostgreSQL ignores it (its BEGIN takes locks as needed). */
enum class sqlite_begin : std::uint8_t { deferred, immediate, exclusive };

/** How to open a transaction. */
struct begin_options {
    isolation_level isolation = isolation_level::database_default;  // PostgreSQL
    bool read_only = false;                                          // PostgreSQL
    sqlite_begin sqlite_mode = sqlite_begin::deferred;               // SQLite
};

/** Driver settings that come from `engine_options`. */
struct driver_options {
    /** SQLite: how long a statement waits for a lock before SQLITE_BUSY. */
    std::chrono::milliseconds busy_timeout{5000};
    /**
     * SQLite: SQLITE_DBCONFIG_ENABLE_QPSG (stable query plans). Off by default: measured in
     * docs/engine.md, a LIKE filter with a bound pattern that changes per call is re-prepared
     * without it, but the default plans are better for skewed data and SQLite's own default is off.
     */
    bool sqlite_qpsg = false;
    /** SQLite: journal_mode=WAL for file databases (one writer, many readers). */
    bool sqlite_wal = true;
    /** SQLite: extra `PRAGMA name = value` run on every new connection, in order. */
    std::vector<std::pair<std::string, std::string>> sqlite_pragmas{};
};

/**
 * One prepared statement of a driver. Life cycle: `bind()` (which also resets), then `step()`
 * until it returns false; after a true `step()` the row's cells are `row()`, valid until the
 * next `step()`, `bind()`, `reset()` or destruction. One virtual call per row, none per value.
 *
 *     auto st = conn.prepare("SELECT id, name FROM users WHERE id > ?");
 *     const retort::value_view p[] = {retort::value_view::integer(10)};
 *     st->bind(p);
 *     while (st->step()) use(st->row()[0].i, st->row()[1].bytes);
 */
class driver_statement {
public:
    driver_statement() = default;
    driver_statement(const driver_statement&) = delete;
    driver_statement& operator=(const driver_statement&) = delete;
    virtual ~driver_statement() = default;

    /**
     * Resets and binds `params` in order. With `copy_bytes` false the driver may keep pointers
     * to text and blob bytes (SQLite: SQLITE_STATIC), so they must stay valid until the next
     * bind, reset or destruction; with true the driver copies them.
     */
    virtual void bind(std::span<const value_view> params, bool copy_bytes) = 0;
    void bind(std::span<const value_view> params) { bind(params, true); }

    /** Runs the statement (first call) or advances; true while a row is available. */
    virtual bool step() = 0;

    /** The cells of the current row; valid until the next step, bind, reset or destruction. */
    [[nodiscard]] virtual std::span<const value_view> row() const noexcept = 0;

    /** Result column names (SQLite: after prepare; PostgreSQL: after the first step). */
    [[nodiscard]] virtual std::span<const std::string> columns() const noexcept = 0;

    /** Rows inserted, updated or deleted by the last run (after step() returned false). */
    [[nodiscard]] virtual std::int64_t rows_affected() const noexcept = 0;

    /** Ends the current run and releases its locks; the bound values stay. */
    virtual void reset() noexcept = 0;

    /** The SQL text this statement was prepared from. */
    [[nodiscard]] virtual std::string_view sql() const noexcept = 0;
};

/**
 * One connection of a driver. Not thread-safe: the pool hands it to one thread at a time.
 * Statements prepared here must be destroyed before the connection.
 */
class driver_connection {
public:
    driver_connection() = default;
    driver_connection(const driver_connection&) = delete;
    driver_connection& operator=(const driver_connection&) = delete;
    virtual ~driver_connection() = default;

    /**
     * Prepares `sql`. `persistent` is a hint that the statement will be cached and reused
     * (SQLite: SQLITE_PREPARE_PERSISTENT; PostgreSQL: a named server-side statement instead of
     * the unnamed one).
     */
    [[nodiscard]] virtual std::unique_ptr<driver_statement> prepare(std::string_view sql,
                                                                    bool persistent) = 0;

    /** Runs DDL or several `;`-separated statements without parameters. */
    virtual void execute_script(std::string_view sql) = 0;

    virtual void begin(const begin_options& options) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint(std::string_view name) = 0;
    virtual void release_savepoint(std::string_view name) = 0;
    virtual void rollback_to_savepoint(std::string_view name) = 0;

    /** A cheap round trip; false (and the connection marked broken) if the server is gone. */
    virtual bool ping() noexcept = 0;
    /** True once the connection is known to be unusable; the pool then discards it. */
    [[nodiscard]] virtual bool is_broken() const noexcept = 0;
    [[nodiscard]] virtual bool in_transaction() const noexcept = 0;
    [[nodiscard]] virtual dialect_kind dialect() const noexcept = 0;
    /**
     * Says the connection is about to close, so its statements need not clean up on the server
     * one by one (PostgreSQL: no DEALLOCATE per cached statement).
     */
    virtual void prepare_close() noexcept {}
    /** SQLite's rowid of the last INSERT; nothing on PostgreSQL (use RETURNING). */
    [[nodiscard]] virtual std::optional<std::int64_t> last_insert_rowid() const noexcept {
        return std::nullopt;
    }
};

/** Opens a connection for a parsed URL; what a driver registers. */
using driver_factory = std::unique_ptr<driver_connection> (*)(const url&, const driver_options&);

namespace detail {

struct driver_registry {
    std::mutex mutex;
    std::vector<std::pair<std::string, driver_factory>> entries;

    static driver_registry& instance() {
        static driver_registry registry;  // a function-local static: safe from any initialiser
        return registry;
    }
};

}  // namespace detail

/**
 * Makes `factory` the driver for URLs whose backend is `backend` ("sqlite", "postgresql").
 * The driver headers call it from an inline variable's initialiser, so including
 * <retort/sqlite.hpp> or <retort/postgresql.hpp> anywhere in the program is enough. Returns
 * true so it can initialise such a variable.
 */
inline bool register_driver(std::string_view backend, driver_factory factory) {
    auto& registry = detail::driver_registry::instance();
    std::lock_guard lock(registry.mutex);
    for (auto& [name, f] : registry.entries) {
        if (name == backend) {
            f = factory;
            return true;
        }
    }
    registry.entries.emplace_back(std::string(backend), factory);
    return true;
}

/** The driver registered for `u.backend`; throws interface_error ("no_driver") if none. */
inline driver_factory find_driver(const url& u) {
    auto& registry = detail::driver_registry::instance();
    {
        std::lock_guard lock(registry.mutex);
        for (const auto& [name, f] : registry.entries) {
            if (name == u.backend) return f;
        }
    }
    throw interface_error(
        "no_driver",
        fmt::format("no driver for scheme '{}': include <retort/{}.hpp> and link retort::{}",
                    u.scheme, u.backend, u.backend));
}

}  // namespace retort
