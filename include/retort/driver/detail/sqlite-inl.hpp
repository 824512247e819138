// Definitions of <retort/driver/sqlite.hpp>: compiled into retort::sqlite, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp). The SQLite driver: retort's driver interface over libsqlite3; registers itself for sqlite:// URLs.
#pragma once

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/driver/sqlite.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/types/iso_time.hpp"
#include "retort/types/value.hpp"

namespace retort::drivers {

namespace detail {

/** Maps an SQLite (extended) result code and message to retort's exception hierarchy. */
[[noreturn]] inline void throw_sqlite_error(int extended, std::string_view message,
                                            std::string_view sql) {
    const int primary = extended & 0xff;
    std::string text = fmt::format("sqlite: {} (SQLite code {})", message, extended);
    if (!sql.empty()) text += fmt::format(" while running: {}", sql);
    std::string db_code = std::to_string(extended);
    switch (primary) {
        case SQLITE_CONSTRAINT: {
            // "UNIQUE constraint failed: users.email", "CHECK constraint failed: positive_price";
            // FOREIGN KEY violations carry no name.
            std::string constraint;
            const auto colon = message.find("failed: ");
            if (colon != std::string_view::npos) constraint = message.substr(colon + 8);
            throw integrity_error("integrity", text, std::move(db_code), std::string(sql),
                                  std::move(constraint));
        }
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_PROTOCOL:
        case SQLITE_NOMEM:
        case SQLITE_INTERRUPT:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw operational_error("operational", text, std::move(db_code), std::string(sql));
        case SQLITE_TOOBIG:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
            throw data_error("data", text, std::move(db_code), std::string(sql));
        case SQLITE_ERROR:
            // Syntax errors, missing tables and columns, wrong arity of functions.
            throw programming_error("programming", text, std::move(db_code), std::string(sql));
        case SQLITE_MISUSE:
            throw interface_error("driver_misuse", text, std::move(db_code), std::string(sql));
        default:
            throw database_error("database", text, std::move(db_code), std::string(sql));
    }
}

[[noreturn]] inline void throw_sqlite_error(sqlite3* db, std::string_view sql) {
    throw_sqlite_error(sqlite3_extended_errcode(db), sqlite3_errmsg(db), sql);
}

}  // namespace detail

/** A prepared SQLite statement (see driver_statement). */
class sqlite_statement final : public driver_statement {
public:
    sqlite_statement(sqlite3* db, std::string_view sql, bool persistent) : db_(db), sql_(sql) {
        const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0U;
        if (sqlite3_prepare_v3(db, sql_.data(), static_cast<int>(sql_.size()), flags, &stmt_,
                               nullptr) != SQLITE_OK) {
            detail::throw_sqlite_error(db, sql_);
        }
        if (stmt_ == nullptr) {
            throw programming_error("programming",
                                    fmt::format("sqlite: empty statement: '{}'", sql_), "",
                                    sql_);
        }
        const int n = sqlite3_column_count(stmt_);
        columns_.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const char* name = sqlite3_column_name(stmt_, i);
            columns_.emplace_back(name != nullptr ? name : "");
        }
        row_.resize(static_cast<std::size_t>(n));
        params_ = sqlite3_bind_parameter_count(stmt_);
    }
    ~sqlite_statement() override { sqlite3_finalize(stmt_); }

    void bind(std::span<const value_view> params, bool copy_bytes) override {
        // A statement that ran to its end or was released is reset already; resetting again
        // costs a mutex round trip per execution.
        if (sqlite3_stmt_busy(stmt_) != 0) sqlite3_reset(stmt_);
        changes_ = 0;
        if (static_cast<int>(params.size()) != params_) {
            throw programming_error(
                "programming",
                fmt::format("sqlite: the statement takes {} parameters but {} were given: {}",
                            params_, params.size(), sql_),
                "", sql_);
        }
        const auto lifetime = copy_bytes ? SQLITE_TRANSIENT : SQLITE_STATIC;
        int rc = SQLITE_OK;
        for (std::size_t k = 0; k < params.size() && rc == SQLITE_OK; ++k) {
            const value_view& v = params[k];
            const int i = static_cast<int>(k) + 1;
            switch (v.type) {
                case value_type::null: rc = sqlite3_bind_null(stmt_, i); break;
                case value_type::integer: rc = sqlite3_bind_int64(stmt_, i, v.i); break;
                case value_type::real: rc = sqlite3_bind_double(stmt_, i, v.d); break;
                case value_type::boolean: rc = sqlite3_bind_int(stmt_, i, v.b ? 1 : 0); break;
                case value_type::text:
                    // A null data pointer would bind NULL; an empty text is not NULL.
                    rc = sqlite3_bind_text64(stmt_, i, v.bytes.data() ? v.bytes.data() : "",
                                             v.bytes.size(), lifetime, SQLITE_UTF8);
                    break;
                case value_type::blob:
                    rc = v.bytes.empty()
                             ? sqlite3_bind_zeroblob(stmt_, i, 0)
                             : sqlite3_bind_blob64(stmt_, i, v.bytes.data(), v.bytes.size(),
                                                   lifetime);
                    break;
                case value_type::timestamp:
                case value_type::date: {
                    if (scratch_.size() < params.size()) scratch_.resize(params.size());
                    // ISO text, which sorts like the instants and which SQLite's date
                    // functions read; outside years 0000-9999 this throws data_error.
                    char* out = scratch_[k].data();
                    std::size_t n = 0;
                    if (v.type == value_type::date) {
                        const auto text = format_date(v.i);
                        n = text.size();
                        std::copy(text.begin(), text.end(), out);
                    } else {
                        const auto text = format_timestamp(v.i);
                        n = text.size();
                        std::copy(text.begin(), text.end(), out);
                    }
                    rc = sqlite3_bind_text(stmt_, i, out, static_cast<int>(n), SQLITE_STATIC);
                    break;
                }
            }
        }
        if (rc != SQLITE_OK) detail::throw_sqlite_error(db_, sql_);
    }

    bool step() override {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            fill_row();
            return true;
        }
        if (rc == SQLITE_DONE) {
            changes_ = sqlite3_stmt_readonly(stmt_) != 0 ? 0 : sqlite3_changes64(db_);
            sqlite3_reset(stmt_);
            return false;
        }
        const int extended = sqlite3_extended_errcode(db_);
        std::string message = sqlite3_errmsg(db_);
        sqlite3_reset(stmt_);
        detail::throw_sqlite_error(extended, message, sql_);
    }

    [[nodiscard]] std::span<const value_view> row() const noexcept override { return row_; }
    [[nodiscard]] std::span<const std::string> columns() const noexcept override {
        return columns_;
    }
    [[nodiscard]] std::int64_t rows_affected() const noexcept override { return changes_; }
    void reset() noexcept override {
        sqlite3_reset(stmt_);
        changes_ = 0;
    }
    [[nodiscard]] std::string_view sql() const noexcept override { return sql_; }

private:
    void fill_row() noexcept {
        for (std::size_t k = 0; k < row_.size(); ++k) {
            const int i = static_cast<int>(k);
            switch (sqlite3_column_type(stmt_, i)) {
                case SQLITE_INTEGER:
                    row_[k] = value_view::integer(sqlite3_column_int64(stmt_, i));
                    break;
                case SQLITE_FLOAT: row_[k] = value_view::real(sqlite3_column_double(stmt_, i)); break;
                case SQLITE_TEXT: {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
                    const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i));
                    row_[k] = value_view::text({p, n});
                    break;
                }
                case SQLITE_BLOB: {
                    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
                    const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i));
                    row_[k] = value_view::blob(n == 0 ? std::string_view{} : std::string_view{p, n});
                    break;
                }
                default: row_[k] = value_view::null(); break;
            }
        }
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
    std::vector<std::string> columns_;
    std::vector<value_view> row_;
    std::vector<std::array<char, timestamp_text_length>> scratch_;  // ISO text of bound timestamps and dates
    int params_ = 0;
    std::int64_t changes_ = 0;
};

/** An SQLite database connection (see driver_connection). */
class sqlite_connection final : public driver_connection {
public:
    /** Opens the database named by `u` (see url) and applies the default pragmas. */
    sqlite_connection(const url& u, const driver_options& options) {
        const bool memory = u.is_memory();
        std::string filename;
        if (u.query.empty()) {
            filename = memory ? ":memory:" : u.database;
        } else {
            // Query keys become URI parameters: sqlite:///app.db?mode=ro -> file:app.db?mode=ro
            filename = "file:";
            for (char c : memory ? std::string_view(":memory:") : std::string_view(u.database)) {
                if (c == '%' || c == '?' || c == '#') {
                    filename += fmt::format("%{:02X}", static_cast<unsigned char>(c));
                } else {
                    filename += c;
                }
            }
            char sep = '?';
            for (const auto& [k, v] : u.query) {
                filename += sep;
                sep = '&';
                filename += ::retort::detail::percent_encode(k);
                filename += '=';
                filename += ::retort::detail::percent_encode(v, "/:");
            }
        }
        // NOMUTEX: the pool hands a connection to one thread at a time, so SQLite's per-call
        // lock would protect nothing; without it a fetch is ~24% faster (docs/engine.md).
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI |
                          SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
        const int rc = sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            const int extended = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
            sqlite3_close(db_);
            db_ = nullptr;
            detail::throw_sqlite_error(extended,
                                       fmt::format("cannot open '{}': {}", filename, message),
                                       "");
        }
        try {
            sqlite3_extended_result_codes(db_, 1);
            sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
            sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_QPSG, options.sqlite_qpsg ? 1 : 0,
                              nullptr);
            execute_script("PRAGMA foreign_keys = ON");
            if (!memory && options.sqlite_wal && sqlite3_db_readonly(db_, "main") == 0) {
                execute_script("PRAGMA journal_mode = WAL");
            }
            for (const auto& [name, value] : options.sqlite_pragmas) {
                execute_script(fmt::format("PRAGMA {} = {}", name, value));
            }
        } catch (...) {
            sqlite3_close(db_);
            throw;
        }
    }
    ~sqlite_connection() override { sqlite3_close_v2(db_); }

    [[nodiscard]] std::unique_ptr<driver_statement> prepare(std::string_view sql,
                                                            bool persistent) override {
        return std::make_unique<sqlite_statement>(db_, sql, persistent);
    }

    void execute_script(std::string_view sql) override {
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            detail::throw_sqlite_error(db_, sql);
        }
    }

    void begin(const begin_options& options) override {
        switch (options.sqlite_mode) {
            case sqlite_begin::deferred: execute_script("BEGIN"); break;
            case sqlite_begin::immediate: execute_script("BEGIN IMMEDIATE"); break;
            case sqlite_begin::exclusive: execute_script("BEGIN EXCLUSIVE"); break;
        }
    }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (in_transaction()) execute_script("ROLLBACK");
    }
    void savepoint(std::string_view name) override {
        execute_script(fmt::format("SAVEPOINT \"{}\"", name));
    }
    void release_savepoint(std::string_view name) override {
        execute_script(fmt::format("RELEASE SAVEPOINT \"{}\"", name));
    }
    void rollback_to_savepoint(std::string_view name) override {
        execute_script(fmt::format("ROLLBACK TO SAVEPOINT \"{}\"", name));
    }

    bool ping() noexcept override { return db_ != nullptr; }
    [[nodiscard]] bool is_broken() const noexcept override { return db_ == nullptr; }
    [[nodiscard]] bool in_transaction() const noexcept override {
        return sqlite3_get_autocommit(db_) == 0;
    }
    [[nodiscard]] dialect_kind dialect() const noexcept override { return dialect_kind::sqlite; }
    [[nodiscard]] std::optional<std::int64_t> last_insert_rowid() const noexcept override {
        return sqlite3_last_insert_rowid(db_);
    }

    /** The underlying handle, for what retort does not wrap (backup, custom functions). */
    [[nodiscard]] sqlite3* native_handle() const noexcept { return db_; }

private:
    sqlite3* db_ = nullptr;
};

RETORT_FUNC std::unique_ptr<driver_connection> open_sqlite(const url& u,
                                                         const driver_options& options) {
    return std::make_unique<sqlite_connection>(u, options);
}

RETORT_FUNC bool register_sqlite() {
    static const bool registered = register_driver("sqlite", &open_sqlite);
    return registered;
}

}  // namespace retort::drivers
