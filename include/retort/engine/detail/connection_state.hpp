// What connections, results and engines share: the pool, its pooled connections and their
// statement caches. Not a public header: only the library's sources (and header-only builds)
// include it, so <mutex>, <functional> and the hash maps stay out of user translation units.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/pool.hpp"
#include "retort/engine/statement_cache.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"

namespace retort::detail {

struct sql_constant_hash {
    std::size_t operator()(const sql_constant_key& k) const noexcept {
        return std::hash<const void*>{}(k.text) ^ (k.size * 0x9E3779B97F4A7C15ULL);
    }
};

struct sql_text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

/*
 * A bounded map from Key to cached_statement, least recently used first out. A hit moves the
 * entry to the front of the list (a splice: no allocation); an insert past the bound drops the
 * least recently used entry that no result is reading. Entries are list nodes, so a pointer to
 * one stays valid until it is evicted or the cache is cleared.
 */
template <class Key, class Hash, class Equal = std::equal_to<>>
class lru_statement_cache {
public:
    /** `capacity` 0 disables the cache: callers then prepare a statement per use. */
    explicit lru_statement_cache(std::size_t capacity) : capacity_(capacity) {}

    template <class K>
    cached_statement* find(const K& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        if (it->second != order_.begin()) order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }

    cached_statement& insert(Key key, std::unique_ptr<driver_statement> stmt) {
        while (order_.size() >= capacity_ && evict_one()) {
        }
        order_.emplace_front(std::move(key), cached_statement{});
        order_.front().second.stmt = std::move(stmt);
        index_.emplace(order_.front().first, order_.begin());
        return order_.front().second;
    }

    [[nodiscard]] std::size_t size() const noexcept { return order_.size(); }
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
    void clear() noexcept {
        index_.clear();
        order_.clear();
    }

private:
    bool evict_one() {
        for (auto it = order_.end(); it != order_.begin();) {
            --it;
            if (!it->second.in_use) {
                index_.erase(it->first);
                order_.erase(it);
                return true;
            }
        }
        return false;  // every entry is being read: grow past the bound for now
    }

    using list_type = std::list<std::pair<Key, cached_statement>>;
    std::size_t capacity_;
    list_type order_;
    std::unordered_map<Key, typename list_type::iterator, Hash, Equal> index_;
};

/** Statements whose SQL is a constant in .rodata, keyed by its address and length. */
using constant_statement_cache = lru_statement_cache<sql_constant_key, sql_constant_hash>;
/** Statements whose SQL was made at run time, keyed by the text itself. */
using text_statement_cache = lru_statement_cache<std::string, sql_text_hash>;

}  // namespace retort::detail

namespace retort {

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

    /**
     * Checks out a connection, waiting up to pool_timeout; throws operational_error. A timeout
     * past a century (`std::chrono::hours::max()`, infinity: "wait as long as it takes") waits
     * without a deadline: converted to the clock's ticks it would overflow.
     */
    [[nodiscard]] checkout acquire() {
        using clock = std::chrono::steady_clock;
        constexpr std::chrono::duration<double> far_bound{100.0 * 365.25 * 24 * 3600};
        const auto timeout = options_.pool_timeout;
        const bool forever = !(timeout < far_bound);  // also NaN
        const auto deadline =
            forever ? clock::time_point::max()
                    : clock::now() + std::chrono::duration_cast<clock::duration>(
                                         timeout.count() > 0 ? timeout : std::chrono::duration<double>{0});
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
            if (forever) {
                available_.wait(lock);
                continue;
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

namespace detail {

/** What an engine's copies, connections and results share; lives while any of them does. */
struct engine_shared {
    engine_shared(url u, engine_options o)
        : target(std::move(u)), options(std::move(o)), pool(make_factory(), options.pool()) {}

    url target;
    engine_options options;
    connection_pool pool;

private:
    connection_pool::factory make_factory() {
        driver_factory open = find_driver(target);
        return [this, open] { return open(target, options.driver()); };
    }
};

/** One checkout, shared by a connection and the results it handed out. */
struct connection_state {
    std::shared_ptr<engine_shared> engine;  // declared first: the pool outlives the lease
    connection_pool::checkout lease;
    std::uint64_t savepoints = 0;

    [[nodiscard]] pooled_connection& pooled() const noexcept { return lease.get(); }
    [[nodiscard]] driver_connection& driver() const noexcept { return *lease->driver; }
};

}  // namespace detail

}  // namespace retort
