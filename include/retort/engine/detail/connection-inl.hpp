// Definitions of <retort/engine/connection.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "retort/engine/connection.hpp"
#include "retort/engine/detail/connection_state.hpp"
#include "retort/engine/echo.hpp"
#include "retort/errors.hpp"

namespace retort {

RETORT_FUNC void transaction::commit() {
    check_active("commit");
    active_ = false;  // a failed COMMIT is not retried by the destructor
    if (savepoint_.empty()) {
        state_->driver().commit();
    } else {
        state_->driver().release_savepoint(savepoint_);
    }
}

RETORT_FUNC void transaction::rollback() {
    check_active("rollback");
    active_ = false;
    if (savepoint_.empty()) {
        state_->driver().rollback();
    } else {
        state_->driver().rollback_to_savepoint(savepoint_);
        state_->driver().release_savepoint(savepoint_);
    }
}

RETORT_FUNC void transaction::check_active(std::string_view what) const {
    if (!active_) {
        throw interface_error("transaction_closed",
                              fmt::format("{}(): the transaction was already committed or "
                                          "rolled back",
                                          what));
    }
}

RETORT_FUNC std::int64_t connection::copy_in(std::string_view table, std::span<const std::string_view> columns,
                     row_source& rows) {
    if (!state_->engine->options.echo) return state_->driver().copy_in(table, columns, rows);
    std::string what = fmt::format("bulk insert into {} (", table);
    for (std::size_t k = 0; k != columns.size(); ++k) {
        what += fmt::format("{}{}", k == 0 ? "" : ", ", columns[k]);
    }
    what += ')';
    const auto start = std::chrono::steady_clock::now();
    std::int64_t n = 0;
    try {
        n = state_->driver().copy_in(table, columns, rows);
    } catch (...) {
        echo(what, {}, start, true);
        throw;
    }
    echo(fmt::format("{}: {} rows", what, n), {}, start, false);
    return n;
}

RETORT_FUNC result connection::execute_text(std::string_view sql, std::span<const value_view> params) {
    auto& cache = state_->pooled().by_text;
    detail::cached_statement* entry = cache.capacity() == 0 ? nullptr : cache.find(sql);
    if (entry == nullptr && cache.capacity() != 0) {
        entry = &cache.insert(std::string(sql), state_->driver().prepare(sql, true));
    }
    return run(entry, sql, params);
}

RETORT_FUNC result connection::execute_prepared(const char* sql, std::size_t len, std::span<const value_view> params) {
    auto& cache = state_->pooled().by_address;
    const detail::sql_constant_key key{sql, len};
    detail::cached_statement* entry = cache.capacity() == 0 ? nullptr : cache.find(key);
    if (entry == nullptr && cache.capacity() != 0) {
        entry = &cache.insert(key, state_->driver().prepare({sql, len}, true));
    }
    return run(entry, {sql, len}, params);
}

RETORT_FUNC std::int64_t connection::execute_batch(const char* sql, std::size_t len, row_source& params, std::size_t width,
                           batch_sink& sink) {
    auto& cache = state_->pooled().by_address;
    const detail::sql_constant_key key{sql, len};
    detail::cached_statement* entry = cache.capacity() == 0 ? nullptr : cache.find(key);
    if (entry == nullptr && cache.capacity() != 0) {
        entry = &cache.insert(key, state_->driver().prepare({sql, len}, true));
    }
    std::unique_ptr<driver_statement> owned;
    if (entry == nullptr || entry->in_use) owned = state_->driver().prepare({sql, len}, false);
    driver_statement& stmt = owned ? *owned : *entry->stmt;
    struct release {
        detail::cached_statement* entry;
        ~release() {
            if (entry != nullptr) entry->in_use = false;
        }
    } guard{owned ? nullptr : entry};
    if (!owned) entry->in_use = true;
    if (!state_->engine->options.echo) return stmt.execute_batch(params, width, sink);

    // Echo each run as its values are handed to the driver (the batch has one timing).
    struct echoing final : row_source {
        row_source& inner;
        std::size_t width;
        const connection& self;
        std::string_view sql;
        std::size_t next(std::span<value_view> out) override {
            const std::size_t n = inner.next(out);
            for (std::size_t r = 0; r != n; ++r)
                self.echo(sql, out.subspan(r * width, width), std::chrono::steady_clock::now(), false);
            return n;
        }
        echoing(row_source& i, std::size_t w, const connection& c, std::string_view s)
            : inner(i), width(w), self(c), sql(s) {}
    } source(params, width, *this, {sql, len});
    const auto start = std::chrono::steady_clock::now();
    try {
        return stmt.execute_batch(source, width, sink);
    } catch (...) {
        echo({sql, len}, {}, start, true);
        throw;
    }
}

RETORT_FUNC void connection::execute_script(std::string_view sql) {
    const auto& options = state_->engine->options;
    if (!options.echo) {
        state_->driver().execute_script(sql);
        return;
    }
    const auto start = std::chrono::steady_clock::now();
    bool failed = true;
    try {
        state_->driver().execute_script(sql);
        failed = false;
    } catch (...) {
        echo(sql, {}, start, true);
        throw;
    }
    echo(sql, {}, start, failed);
}

RETORT_FUNC transaction connection::begin(const begin_options& options) {
    if (state_->driver().in_transaction()) {
        throw interface_error("transaction_open",
                              "begin(): a transaction is already open on this connection; "
                              "use begin_nested() for a savepoint");
    }
    state_->driver().begin(options);
    return transaction(state_, {});
}

RETORT_FUNC transaction connection::begin_nested() {
    std::string name = fmt::format("retort_sp_{}", ++state_->savepoints);
    if (!state_->driver().in_transaction()) {
        throw interface_error("transaction_missing",
                              "begin_nested(): no transaction is open; call begin() first");
    }
    state_->driver().savepoint(name);
    return transaction(state_, std::move(name));
}

RETORT_FUNC bool connection::in_transaction() const noexcept {
    return state_->driver().in_transaction();
}

RETORT_FUNC dialect_kind connection::dialect() const noexcept {
    return state_->driver().dialect();
}

RETORT_FUNC std::optional<std::int64_t> connection::last_insert_rowid() const noexcept {
    return state_->driver().last_insert_rowid();
}

RETORT_FUNC std::pair<std::size_t, std::size_t> connection::cached_statements() const noexcept {
    return {state_->pooled().by_address.size(), state_->pooled().by_text.size()};
}

RETORT_FUNC driver_connection& connection::driver() const noexcept {
    return state_->driver();
}

RETORT_FUNC result connection::run(detail::cached_statement* entry, std::string_view sql,
           std::span<const value_view> params) {
    std::unique_ptr<detail::cached_statement> owned;
    if (entry == nullptr || entry->in_use) {
        // Not cached, or the cached one is still being read: a statement of its own.
        owned = std::make_unique<detail::cached_statement>();
        owned->stmt = state_->driver().prepare(sql, false);
        entry = owned.get();
    }
    const bool echoing = state_->engine->options.echo;
    const auto start = echoing ? std::chrono::steady_clock::now()
                               : std::chrono::steady_clock::time_point{};
    entry->in_use = true;
    bool has_row = false;
    try {
        entry->bind(params);
        has_row = entry->stmt->step();
    } catch (...) {
        entry->stmt->reset();
        entry->in_use = false;
        if (echoing) echo(sql, params, start, true);
        throw;
    }
    if (echoing) echo(sql, params, start, false);
    return result(state_, entry, std::move(owned), has_row);
}

RETORT_FUNC void connection::echo(std::string_view sql, std::span<const value_view> params,
          std::chrono::steady_clock::time_point start, bool failed) const {
    const echo_record record{sql, params, std::chrono::steady_clock::now() - start,
                             state_->driver().dialect(), failed};
    const auto& sink = state_->engine->options.echo_to;
    if (sink) {
        sink(record);
    } else {
        print_echo_record(record);
    }
}

}  // namespace retort
