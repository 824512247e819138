// The engine: a URL, a pool and options; hands out connections. Created by create_engine.
#pragma once

#include <memory>
#include <string_view>
#include <utility>

#include "retort/detail/export.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/pool.hpp"
#include "retort/engine/url.hpp"

namespace retort {

namespace detail {
struct engine_shared;
}  // namespace detail

/**
 * The starting point of every database conversation: which database (the URL), how to reach it
 * (the driver registered for its scheme) and a pool of connections. Cheap to copy: copies share
 * the pool. Thread-safe: each thread takes its own connection.
 *
 *     #include <retort/sqlite.hpp>
 *     auto engine = retort::create_engine("sqlite:///app.db", {.echo = true});
 *     {
 *         auto conn = engine.begin();             // commits at scope exit, rolls back on throw
 *         conn.execute("INSERT INTO users (name) VALUES (?)", std::string("alice"));
 *     }
 *     auto n = engine.connect().execute("SELECT count(*) FROM users").scalar<std::int64_t>();
 */
class RETORT_API engine {
public:
    explicit engine(std::shared_ptr<detail::engine_shared> shared) : shared_(std::move(shared)) {}

    /** Checks a connection out of the pool (waiting up to pool_timeout). */
    [[nodiscard]] connection connect() const;

    /**
     * A connection inside a transaction that commits when the connection is destroyed, or rolls
     * back if that happens because of an exception (SQLAlchemy's `with engine.begin()`).
     */
    [[nodiscard]] transactional_connection begin(const begin_options& options = {}) const;

    /** The SQL flavour of this engine's database, known without connecting. */
    [[nodiscard]] dialect_kind dialect() const noexcept;
    [[nodiscard]] const url& target() const noexcept;
    [[nodiscard]] const engine_options& options() const noexcept;
    [[nodiscard]] retort::pool_status status() const;
    /** Closes the idle connections of the pool; checked-out ones close when returned. */
    void dispose() const;

private:
    std::shared_ptr<detail::engine_shared> shared_;
};

/**
 * Makes an engine for `database_url` (see url). Nothing connects yet, except that the driver
 * must be known: include <retort/sqlite.hpp> or <retort/postgresql.hpp>, or interface_error
 * ("no_driver") says which. An SQLite in-memory database lives inside its connection, so its
 * pool holds exactly one connection, shared by serialised checkouts (every checkout sees the
 * same database; a second concurrent checkout waits up to pool_timeout) and never recycled.
 */
[[nodiscard]] RETORT_API engine create_engine(std::string_view database_url,
                                         engine_options options = {});

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/engine-inl.hpp"
#endif
