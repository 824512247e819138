// Per-connection caches of prepared statements: by the address of constant SQL, and by content.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/**
 * A prepared statement with the storage its bound text and blob bytes live in, so the driver
 * can bind them without copying (SQLite: SQLITE_STATIC) and they outlive any caller's buffers.
 * `in_use` is set while a result is reading from it.
 */
struct cached_statement {
    std::unique_ptr<driver_statement> stmt;
    std::string arena;
    std::vector<value_view> params;
    bool in_use = false;

    /** Copies the bytes of `values` into the arena and binds the copies. */
    void bind(std::span<const value_view> values) {
        std::size_t bytes = 0;
        for (const value_view& v : values) {
            if (v.type == value_type::text || v.type == value_type::blob) bytes += v.bytes.size();
        }
        if (bytes == 0) {  // nothing is kept by address: bind the caller's values as they are
            stmt->bind(values, false);
            return;
        }
        arena.resize(bytes);
        params.assign(values.begin(), values.end());
        std::size_t at = 0;
        for (value_view& v : params) {
            if (v.type != value_type::text && v.type != value_type::blob) continue;
            if (!v.bytes.empty()) v.bytes.copy(arena.data() + at, v.bytes.size());
            v.bytes = std::string_view(arena.data() + at, v.bytes.size());
            at += v.bytes.size();
        }
        stmt->bind(params, false);
    }
};

struct sql_constant_key {
    const char* text;
    std::size_t size;
    friend bool operator==(const sql_constant_key&, const sql_constant_key&) = default;
};

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
