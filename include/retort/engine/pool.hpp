// The pool's settings and counters; the pool itself (overflow, timeout, recycling, pre-ping)
// is compiled into the library: retort/engine/detail/connection_state.hpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>


namespace retort {

/** How the pool behaves; the fields mirror SQLAlchemy's QueuePool arguments. */
struct pool_options {
    /** Connections kept open while idle. */
    std::size_t pool_size = 5;
    /** Extra connections opened under load, closed again when returned. */
    std::size_t max_overflow = 10;
    /** How long a checkout waits for a free connection before operational_error. */
    std::chrono::duration<double> pool_timeout{30.0};
    /** Connections older than this are closed at checkout and replaced (none: never). */
    std::optional<std::chrono::duration<double>> pool_recycle{};
    /** Ping each connection at checkout and replace it if the server has gone. */
    bool pool_pre_ping = false;
    /** Bound of the per-connection cache of constant-SQL statements (0 disables it). */
    std::size_t prepared_cache_size = 512;
    /** Bound of the per-connection cache of run-time SQL statements (0 disables it). */
    std::size_t text_cache_size = 128;
};

/** A snapshot of the pool's counters. */
struct pool_status {
    std::size_t open = 0;    // idle + checked out
    std::size_t idle = 0;
    std::size_t checked_out = 0;
};

}  // namespace retort
