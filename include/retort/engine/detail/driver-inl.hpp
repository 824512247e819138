// Definitions of <retort/engine/driver.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/errors.hpp"

namespace retort {

RETORT_FUNC row_source::~row_source() = default;
RETORT_FUNC batch_sink::~batch_sink() = default;
RETORT_FUNC driver_statement::~driver_statement() = default;
RETORT_FUNC driver_connection::~driver_connection() = default;

RETORT_FUNC std::int64_t driver_statement::execute_batch(row_source& params, std::size_t width, batch_sink& sink) {
    if (width == 0) {
        throw interface_error("batch_width", "execute_batch(): rows need at least one value");
    }
    std::vector<value_view> batch(256 * width);
    std::int64_t affected = 0;
    std::size_t index = 0;
    try {
        for (std::size_t n = params.next(batch); n != 0; n = params.next(batch)) {
            for (std::size_t r = 0; r != n; ++r, ++index) {
                bind(std::span<const value_view>(batch).subspan(r * width, width), false);
                while (step()) sink.row(index, row());
                affected += rows_affected();
            }
        }
    } catch (...) {
        reset();
        throw;
    }
    reset();
    return affected;
}

RETORT_FUNC std::int64_t driver_connection::copy_in_by_inserts(std::string_view table,
                                std::span<const std::string_view> columns, row_source& rows) {
    const std::size_t width = columns.size();
    if (width == 0) {
        throw interface_error("bulk_columns", "copy_in(): no columns to insert");
    }
    constexpr std::size_t max_params = 999;
    const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(100, max_params / width));
    const bool numbered = dialect() == dialect_kind::postgresql;
    auto insert_of = [&](std::size_t count) {
        std::string sql = fmt::format("INSERT INTO {} (", table);
        for (std::size_t k = 0; k != width; ++k) sql += fmt::format("{}{}", k == 0 ? "" : ", ", columns[k]);
        sql += ") VALUES ";
        std::size_t param = 0;
        for (std::size_t r = 0; r != count; ++r) {
            sql += r == 0 ? "(" : ", (";
            for (std::size_t k = 0; k != width; ++k) {
                if (k != 0) sql += ", ";
                sql += numbered ? fmt::format("${}", ++param) : std::string("?");
            }
            sql += ')';
        }
        return prepare(sql, false);
    };
    const auto full = insert_of(chunk);
    std::unique_ptr<driver_statement> part;  // a shorter batch: the tail, as a rule
    std::size_t part_rows = 0;
    std::vector<value_view> batch(chunk * width);
    constexpr std::string_view savepoint_name = "retort_copy_in";
    savepoint(savepoint_name);
    std::int64_t total = 0;
    try {
        for (std::size_t n = rows.next(batch); n != 0; n = rows.next(batch)) {
            driver_statement* stmt = full.get();
            if (n != chunk) {
                if (part_rows != n) {
                    part = insert_of(n);
                    part_rows = n;
                }
                stmt = part.get();
            }
            // The source keeps the bytes until its next call: no copy needed.
            stmt->bind(std::span<const value_view>(batch.data(), n * width), false);
            while (stmt->step()) {
            }
            total += static_cast<std::int64_t>(n);
        }
    } catch (...) {
        try {
            rollback_to_savepoint(savepoint_name);
            release_savepoint(savepoint_name);
        } catch (...) {  // the first error is the one to report
        }
        throw;
    }
    release_savepoint(savepoint_name);
    return total;
}

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

RETORT_FUNC bool register_driver(std::string_view backend, driver_factory factory) {
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

RETORT_FUNC driver_factory find_driver(const url& u) {
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
