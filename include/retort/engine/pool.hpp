// A thread-safe pool of driver connections with overflow, timeout, recycling and pre-ping.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/statement_cache.hpp"
#include "retort/errors.hpp"

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

/** A driver connection as the pool keeps it: with its statement caches and its age. */
struct pooled_connection {
    explicit pooled_connection(std::unique_ptr<driver_connection> d, const pool_options& options)
        : driver(std::move(d)),
          by_address(options.prepared_cache_size),
          by_text(options.text_cache_size) {}
    pooled_connection(const pooled_connection&) = delete;
    pooled_connection& operator=(const pooled_connection&) = delete;
    ~pooled_connection() {
        if (driver) driver->prepare_close();  // the caches are destroyed next, then the driver
    }

    std::unique_ptr<driver_connection> driver;  // first member: destroyed after the statements
    detail::constant_statement_cache by_address;
    detail::text_statement_cache by_text;
    std::chrono::steady_clock::time_point created = std::chrono::steady_clock::now();
};

/** A snapshot of the pool's counters. */
struct pool_status {
    std::size_t open = 0;    // idle + checked out
    std::size_t idle = 0;
    std::size_t checked_out = 0;
};

/*
 * The pool's state machine, under one mutex:
 *   acquire: an idle connection (most recently returned first, so few stay warm) is taken and
 *            checked outside the lock (recycle age, broken, pre-ping); a bad one is closed and
 *            the loop tries again. With none idle and fewer than pool_size + max_overflow
 *            open, a slot is reserved (open_ + 1) and the connection is opened outside the
 *            lock; if that fails the slot is given back. Otherwise the caller waits on the
 *            condition variable until a return or a close, or until pool_timeout.
 *   release: a broken connection is closed; one left inside a transaction is rolled back
 *            (closed if that fails); then it goes back to the idle list unless pool_size are
 *            already idle (an overflow connection), in which case it is closed.
 * Opening and closing never happen under the lock; every close frees a slot and wakes a waiter.
 */
class connection_pool {
public:
    using factory = std::function<std::unique_ptr<driver_connection>()>;

    connection_pool(factory make, pool_options options)
        : make_(std::move(make)), options_(std::move(options)) {
        idle_.reserve(options_.pool_size);  // give_back never allocates
    }
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;
    ~connection_pool() = default;

    /** A checked-out connection; returns it to the pool when destroyed, on every path. */
    class checkout {
    public:
        checkout() = default;
        checkout(connection_pool* owner, std::unique_ptr<pooled_connection> c)
            : owner_(owner), conn_(std::move(c)) {}
        checkout(checkout&& other) noexcept
            : owner_(std::exchange(other.owner_, nullptr)), conn_(std::move(other.conn_)) {}
        checkout& operator=(checkout&& other) noexcept {
            if (this != &other) {
                release();
                owner_ = std::exchange(other.owner_, nullptr);
                conn_ = std::move(other.conn_);
            }
            return *this;
        }
        ~checkout() { release(); }

        [[nodiscard]] pooled_connection& get() const noexcept { return *conn_; }
        [[nodiscard]] pooled_connection* operator->() const noexcept { return conn_.get(); }
        [[nodiscard]] explicit operator bool() const noexcept { return conn_ != nullptr; }

        /** Returns the connection now instead of at destruction. */
        void release() noexcept {
            if (owner_ != nullptr && conn_) owner_->give_back(std::move(conn_));
            owner_ = nullptr;
        }

    private:
        connection_pool* owner_ = nullptr;
        std::unique_ptr<pooled_connection> conn_;
    };

    /** Checks out a connection, waiting up to pool_timeout; throws operational_error. */
    [[nodiscard]] checkout acquire() {
        using clock = std::chrono::steady_clock;
        const auto deadline =
            clock::now() + std::chrono::duration_cast<clock::duration>(options_.pool_timeout);
        const std::size_t limit = options_.pool_size + options_.max_overflow;
        std::unique_lock lock(mutex_);
        for (;;) {
            if (!idle_.empty()) {
                std::unique_ptr<pooled_connection> c = std::move(idle_.back());
                idle_.pop_back();
                lock.unlock();
                if (usable(*c)) return checkout(this, std::move(c));
                c.reset();
                lock.lock();
                --open_;
                continue;
            }
            if (open_ < limit) {
                ++open_;
                lock.unlock();
                try {
                    return checkout(this, std::make_unique<pooled_connection>(make_(), options_));
                } catch (...) {
                    lock.lock();
                    --open_;
                    available_.notify_one();
                    throw;
                }
            }
            if (available_.wait_until(lock, deadline) == std::cv_status::timeout &&
                idle_.empty() && open_ >= limit) {
                throw operational_error(
                    "pool_timeout",
                    fmt::format("pool exhausted: {} connections in use, timed out after {:g} s "
                                "(pool_size {}, max_overflow {}); return connections sooner "
                                "or raise pool_size, max_overflow or pool_timeout",
                                open_, options_.pool_timeout.count(), options_.pool_size,
                                options_.max_overflow));
            }
        }
    }

    [[nodiscard]] pool_status status() const {
        std::lock_guard lock(mutex_);
        return {open_, idle_.size(), open_ - idle_.size()};
    }

    /** Closes every idle connection (checked-out ones close when they come back). */
    void dispose() {
        std::vector<std::unique_ptr<pooled_connection>> closing;
        {
            std::lock_guard lock(mutex_);
            closing.swap(idle_);
            open_ -= closing.size();
        }
        closing.clear();
        available_.notify_all();
    }

    [[nodiscard]] const pool_options& options() const noexcept { return options_; }

private:
    bool usable(pooled_connection& c) const noexcept {
        if (c.driver->is_broken()) return false;
        if (options_.pool_recycle &&
            std::chrono::steady_clock::now() - c.created > *options_.pool_recycle) {
            return false;
        }
        return !options_.pool_pre_ping || c.driver->ping();
    }

    void give_back(std::unique_ptr<pooled_connection> c) noexcept {
        bool keep = !c->driver->is_broken();
        if (keep && c->driver->in_transaction()) {
            try {
                c->driver->rollback();
            } catch (...) {
                keep = false;
            }
            keep = keep && !c->driver->is_broken() && !c->driver->in_transaction();
        }
        std::unique_lock lock(mutex_);
        if (keep && idle_.size() < options_.pool_size) {
            idle_.push_back(std::move(c));
            lock.unlock();
            available_.notify_one();
            return;
        }
        lock.unlock();
        c.reset();  // close outside the lock
        lock.lock();
        --open_;
        lock.unlock();
        available_.notify_one();
    }

    factory make_;
    pool_options options_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<pooled_connection>> idle_;  // a stack: last returned, first out
    std::size_t open_ = 0;
};

}  // namespace retort
