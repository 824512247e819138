// A checked-out connection: executes statements through its caches; transactions and savepoints.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/detail/export.hpp"
#include "retort/engine/bulk.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/echo.hpp"
#include "retort/engine/execute.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/statement_cache.hpp"
#include "retort/errors.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort {

namespace detail {

struct connection_state;

/** A parameter as a value_view: type_traits<T>, plus string literals and value_view itself. */
template <class T>
value_view to_param(const T& v, std::string& scratch) {
    if constexpr (std::is_same_v<T, value_view>) {
        return v;
    } else if constexpr (std::is_same_v<T, std::nullopt_t> || std::is_same_v<T, std::nullptr_t>) {
        return value_view::null();
    } else if constexpr (std::is_array_v<T> || std::is_same_v<T, const char*> ||
                         std::is_same_v<T, char*>) {
        if constexpr (!std::is_array_v<T>) {
            if (v == nullptr) return value_view::null();
        }
        return value_view::text(std::string_view(v));
    } else if constexpr (std::is_same_v<T, std::string_view>) {
        return value_view::text(v);
    } else {
        static_assert(bindable<T>,
                      "execute(): this parameter type has no retort::type_traits "
                      "specialisation; specialise it (see retort::stored_as) or pass a value_view");
        return type_traits<T>::to_value(v, scratch);
    }
}

}  // namespace detail

/**
 * A transaction or a savepoint; rolls back when destroyed unless committed.
 *
 *     auto tx = conn.begin();
 *     conn.execute("INSERT INTO t VALUES (?)", 1);
 *     {
 *         auto sp = conn.begin_nested();           // SAVEPOINT
 *         conn.execute("INSERT INTO t VALUES (?)", 2);
 *     }                                            // ROLLBACK TO SAVEPOINT: 2 is gone
 *     tx.commit();                                 // 1 stays
 */
class RETORT_API transaction {
public:
    transaction(transaction&& other) noexcept
        : state_(std::move(other.state_)),
          savepoint_(std::move(other.savepoint_)),
          active_(std::exchange(other.active_, false)) {}
    transaction& operator=(transaction&&) = delete;
    ~transaction() {
        if (active_) {
            try {
                rollback();
            } catch (...) {  // the pool rolls back or discards the connection on return
            }
        }
    }

    /** COMMIT (or RELEASE SAVEPOINT). */
    void commit();
    /** ROLLBACK (or ROLLBACK TO SAVEPOINT and RELEASE it). */
    void rollback();
    [[nodiscard]] bool is_active() const noexcept { return active_; }
    [[nodiscard]] bool is_nested() const noexcept { return !savepoint_.empty(); }

private:
    friend class connection;
    transaction(std::shared_ptr<detail::connection_state> state, std::string savepoint)
        : state_(std::move(state)), savepoint_(std::move(savepoint)), active_(true) {}

    void check_active(std::string_view what) const;

    std::shared_ptr<detail::connection_state> state_;
    std::string savepoint_;  // empty for the outermost transaction
    bool active_ = false;
};

/**
 * A connection checked out of an engine's pool; returned when destroyed (and when the results
 * it handed out are gone). Not thread-safe: one thread at a time.
 *
 *     auto conn = engine.connect();
 *     conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
 *     conn.execute("INSERT INTO users (name) VALUES (?)", std::string("alice"));
 *     for (auto [id, name] : conn.execute("SELECT id, name FROM users").as<std::int64_t, std::string>())
 *         fmt::print("{} {}\n", id, name);
 */
class RETORT_API connection {
public:
    explicit connection(std::shared_ptr<detail::connection_state> state)
        : state_(std::move(state)) {}
    connection(connection&&) noexcept = default;
    connection& operator=(connection&&) = delete;
    ~connection() = default;

    /**
     * Runs `sql` with `params` bound in order (`?` on SQLite, `$1, $2, ...` on PostgreSQL).
     * Parameters go through `type_traits<T>::to_value`; string literals and value_view pass as
     * they are. The statement is prepared once per connection and cached by its text.
     */
    template <class... Params>
    result execute(std::string_view sql, const Params&... params) {
        std::array<std::string, sizeof...(Params)> scratch{};
        std::size_t k = 0;
        const std::array<value_view, sizeof...(Params)> values{
            detail::to_param(params, scratch[k++])...};
        (void)k;
        (void)scratch;
        return execute_text(sql, values);
    }

    /**
     * Runs a Core statement: its SQL for this connection's dialect is a constant, prepared once
     * and found again by its address; its values are bound from the statement object. Returns
     * `typed_rows<R>` for a statement with a result type R (a model or a tuple), else a plain
     * `result` (rows_affected()).
     *
     *     for (User& u : conn.execute(retort::select<User>().where(col<&User::id> > 10))) {}
     *     auto id = conn.execute(retort::insert<User>().values(u).returning(col<&User::id>)).scalar();
     *     auto n = conn.execute(retort::delete_<User>().where(col<&User::id> == 3)).rows_affected();
     */
    template <detail::statement Stmt>
    auto execute(const Stmt& stmt) {  // deduced: naming the type would instantiate it for any
                                      // argument before the constraint rejects it (clang)
        return detail::execute_statement(*this, stmt);
    }

    /**
     * Bulk insert, SQLAlchemy's `conn.execute(insert(User), [rows])`: every row of `rows` into
     * the statement's table, streamed by the driver (PostgreSQL: COPY; SQLite: one prepared
     * INSERT per row), all or nothing. Rows are models of T (the columns `insert<T>().values(u)`
     * sends: no generated key, no server default, so the database fills those), or tuples for
     * `.columns<...>()`. Keys are not read back. Returns the number of rows inserted.
     *
     *     std::vector<User> users = ...;
     *     conn.execute(retort::insert<User>(), users);
     *     std::vector<std::tuple<std::string, std::string>> pairs = {{"ann", "ann@x.org"}};
     *     conn.execute(retort::insert<User>().columns<&User::username, &User::email>(), pairs);
     */
    template <class T, class Cols, std::ranges::input_range R>
    std::int64_t execute(
        const detail::insert_stmt<T, Cols, detail::none, detail::none, detail::none>& /*stmt*/,
        R&& rows) {
        static_assert(detail::check_bulk_rows<T, Cols,
                                              std::remove_cvref_t<std::ranges::range_reference_t<R>>>());
        using target = detail::bulk_target<T, Cols>;
        detail::bulk_rows<T, Cols, std::remove_reference_t<R>> source(rows);
        return copy_in(detail::quoted_names<T>::table(), target::columns, source);
    }

    /**
     * The driver's bulk insert (driver_connection::copy_in), logged like a statement when echo
     * is on: `table` and `columns` are SQL identifiers, quoted where needed.
     */
    std::int64_t copy_in(std::string_view table, std::span<const std::string_view> columns,
                         row_source& rows);

    /** Runs run-time SQL with bound values; cached per connection by the text's content. */
    result execute_text(std::string_view sql, std::span<const value_view> params);

    /**
     * The entry of compile-time statements: `sql` is a constant in .rodata, so its prepared
     * statement is cached by the text's address and length (no hashing of the text). Bounded
     * by `engine_options::prepared_cache_size`, least recently used out.
     */
    result execute_prepared(const char* sql, std::size_t len, std::span<const value_view> params);

    /**
     * Runs the constant statement `sql` (cached by address, as execute_prepared) once for each
     * row of `params`, `width` values a row, handing result rows (RETURNING) to `sink` in order:
     * on PostgreSQL in pipeline mode, many runs per round trip; on SQLite a bind-and-step loop.
     * Returns the rows affected in all. With echo on, each run is logged as it is sent.
     */
    std::int64_t execute_batch(const char* sql, std::size_t len, row_source& params, std::size_t width,
                               batch_sink& sink);

    /** Runs DDL or several `;`-separated statements without parameters. */
    void execute_script(std::string_view sql);

    /** Opens a transaction (rolled back unless committed). */
    [[nodiscard]] transaction begin(const begin_options& options = {});
    /** SQLite: BEGIN IMMEDIATE (take the write lock now); PostgreSQL: BEGIN. */
    [[nodiscard]] transaction begin_immediate() {
        return begin({.sqlite_mode = sqlite_begin::immediate});
    }
    /** A savepoint inside the current transaction (opening one first if there is none). */
    [[nodiscard]] transaction begin_nested();

    [[nodiscard]] bool in_transaction() const noexcept;
    [[nodiscard]] dialect_kind dialect() const noexcept;
    [[nodiscard]] std::optional<std::int64_t> last_insert_rowid() const noexcept;
    /** How many prepared statements this connection keeps: by SQL address, by SQL text. */
    [[nodiscard]] std::pair<std::size_t, std::size_t> cached_statements() const noexcept;
    /** The driver connection, for what the engine does not wrap. */
    [[nodiscard]] driver_connection& driver() const noexcept;

private:
    friend class transactional_connection;

    result run(detail::cached_statement* entry, std::string_view sql,
               std::span<const value_view> params);

    void echo(std::string_view sql, std::span<const value_view> params,
              std::chrono::steady_clock::time_point start, bool failed) const;

    std::shared_ptr<detail::connection_state> state_;
};

/**
 * What `engine.begin()` returns: a connection inside a transaction that commits when this
 * object is destroyed, or rolls back if an exception is propagating then (SQLAlchemy's
 * `with engine.begin() as conn`). Its destructor may throw (a failing COMMIT); call commit()
 * to see that error at a point of your choosing. Keep it local: a plain `connection` is the
 * type to store in members and containers.
 *
 *     {
 *         auto conn = engine.begin();
 *         conn.execute("INSERT INTO t VALUES (?)", 1);
 *     }   // COMMIT
 */
class transactional_connection : public connection {
public:
    transactional_connection(connection&& conn, const begin_options& options)
        : connection(std::move(conn)), tx_(begin(options)), uncaught_(std::uncaught_exceptions()) {}
    transactional_connection(transactional_connection&&) noexcept = default;
    transactional_connection& operator=(transactional_connection&&) = delete;

    ~transactional_connection() noexcept(false) {
        if (!tx_.is_active()) return;
        if (std::uncaught_exceptions() > uncaught_) {
            try {
                tx_.rollback();
            } catch (...) {  // the pool discards or rolls back the connection on return
            }
        } else {
            tx_.commit();
        }
    }

    /** COMMIT now. */
    void commit() { tx_.commit(); }
    /** ROLLBACK now. */
    void rollback() { tx_.rollback(); }

private:
    transaction tx_;
    int uncaught_;
};

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/connection-inl.hpp"
#endif
