// A cached prepared statement and the key of constant SQL; the caches live in the library.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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

}  // namespace retort::detail
