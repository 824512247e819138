// The driver interface (virtual per statement, never per value) and the registry of drivers.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/engine/url.hpp"
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
 * Rows of values handed over a batch at a time, for a bulk insert (`driver_connection::copy_in`)
 * or a batch of runs of one statement (`driver_statement::execute_batch`): one virtual call per
 * batch, none per row or value.
 *
 *     struct two_ints final : retort::row_source {
 *         std::int64_t n = 0;
 *         std::size_t next(std::span<retort::value_view> out) override {  // 2 columns
 *             std::size_t rows = 0;
 *             for (; rows * 2 < out.size() && n < 1000; ++rows, ++n) {
 *                 out[rows * 2] = retort::value_view::integer(n);
 *                 out[rows * 2 + 1] = retort::value_view::integer(n * n);
 *             }
 *             return rows;
 *         }
 *     };
 */
class RETORT_API row_source {
public:
    row_source() = default;
    row_source(const row_source&) = delete;
    row_source& operator=(const row_source&) = delete;
    virtual ~row_source();

    /**
     * Writes the values of the next rows into `out`, row after row, one value per column
     * (`out.size()` is a whole number of rows); returns how many rows it wrote, 0 once there
     * are no more. The values, and the bytes they point to, stay valid until the next call.
     */
    virtual std::size_t next(std::span<value_view> out) = 0;
};

/**
 * Receives the result rows of `driver_statement::execute_batch`: one virtual call per row.
 *
 *     struct keys final : retort::batch_sink {
 *         std::vector<std::int64_t> ids;
 *         void row(std::size_t, std::span<const retort::value_view> cells) override {
 *             ids.push_back(cells[0].i);
 *         }
 *     };
 */
class RETORT_API batch_sink {
public:
    batch_sink() = default;
    batch_sink(const batch_sink&) = delete;
    batch_sink& operator=(const batch_sink&) = delete;
    virtual ~batch_sink();

    /** One result row of the run for parameter row `index` (0-based, in order); the cells are
     *  valid during the call only. */
    virtual void row(std::size_t index, std::span<const value_view> cells) = 0;
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
class RETORT_API driver_statement {
public:
    driver_statement() = default;
    driver_statement(const driver_statement&) = delete;
    driver_statement& operator=(const driver_statement&) = delete;
    virtual ~driver_statement();

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

    /**
     * Runs the statement once per row of `params` (`width` values each, in the order of the
     * statement's parameters) and hands every result row to `sink`, tagged with the index of
     * its parameter row; returns the rows affected in all. What a loop of `bind` and `step`
     * does, which is what this generic way is; PostgreSQL sends the runs in pipeline mode
     * instead, without waiting for each result (one round trip per few hundred rows). On an
     * error the runs before it have happened as far as the transaction goes: run batches
     * inside a transaction, and drop what `sink` received if it throws. Leaves the statement
     * reset.
     *
     *     auto st = conn.driver().prepare("INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id", true);
     *     two_ints src;                                        // see row_source
     *     keys sink;                                           // see batch_sink
     *     st->execute_batch(src, 2, sink);                     // sink.ids: 1000 keys, in order
     */
    virtual std::int64_t execute_batch(row_source& params, std::size_t width, batch_sink& sink);
};

/**
 * One connection of a driver. Not thread-safe: the pool hands it to one thread at a time.
 * Statements prepared here must be destroyed before the connection.
 */
class RETORT_API driver_connection {
public:
    driver_connection() = default;
    driver_connection(const driver_connection&) = delete;
    driver_connection& operator=(const driver_connection&) = delete;
    virtual ~driver_connection();

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

    /**
     * Inserts every row of `rows` into `table` (`columns`), all or nothing, as one statement
     * would; returns how many rows it inserted. `table` and `columns` are SQL identifiers,
     * quoted where needed. Generated keys are not read back. A failure inside a transaction
     * leaves it as any failed statement does (PostgreSQL: aborted, to be rolled back).
     * PostgreSQL streams the rows with COPY ... FROM STDIN; this generic way, which SQLite
     * uses, runs prepared multi-row INSERTs inside a savepoint.
     *
     *     const std::string_view cols[] = {"a", "b"};
     *     two_ints src;                                        // see row_source
     *     std::int64_t n = conn.driver().copy_in("squares", cols, src);   // 1000
     */
    virtual std::int64_t copy_in(std::string_view table, std::span<const std::string_view> columns,
                                 row_source& rows) {
        return copy_in_by_inserts(table, columns, rows);
    }

protected:
    /**
     * The generic `copy_in`: INSERTs of up to 100 rows each (fewer when 100 rows would pass 999
     * parameters, the smallest limit SQLite builds have), each text prepared once, inside a
     * savepoint. On SQLite in memory 100,000 rows of four columns took 18 ms this way and 41 ms
     * with one single-row INSERT each (docs/engine.md).
     */
    std::int64_t copy_in_by_inserts(std::string_view table,
                                    std::span<const std::string_view> columns, row_source& rows);
};

/** Opens a connection for a parsed URL; what a driver registers. */
using driver_factory = std::unique_ptr<driver_connection> (*)(const url&, const driver_options&);

/**
 * Makes `factory` the driver for URLs whose backend is `backend` ("sqlite", "postgresql").
 * The driver headers call it from an inline variable's initialiser, so including
 * <retort/sqlite.hpp> or <retort/postgresql.hpp> anywhere in the program is enough. Returns
 * true so it can initialise such a variable.
 */
RETORT_API bool register_driver(std::string_view backend, driver_factory factory);

/** The driver registered for `u.backend`; throws interface_error ("no_driver") if none. */
[[nodiscard]] RETORT_API driver_factory find_driver(const url& u);

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/driver-inl.hpp"
#endif
