// Definitions of <retort/driver/postgresql.hpp>: compiled into retort::postgresql, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp). The PostgreSQL driver: retort's driver interface over libpq; registers itself for postgresql://.
#pragma once

#include <libpq-fe.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/driver/detail/postgresql_codec.hpp"
#include "retort/driver/detail/postgresql_copy.hpp"
#include "retort/driver/postgresql.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/types/value.hpp"

namespace retort::drivers {

namespace pg {
struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;
}  // namespace pg

class pg_statement;

/** A libpq connection (see driver_connection). */
class pg_connection final : public driver_connection {
public:
    /**
     * Connects with PQconnectdbParams: host, port, dbname, user and password from the URL, then
     * every query key as a libpq keyword (a query key wins over the same part of the URL).
     * The session time zone is UTC unless the URL passes its own `options` naming TimeZone, so
     * timestamps without time zone round-trip unchanged. Server notices are dropped.
     */
    pg_connection(const url& u, const driver_options& /*options*/) : password_(u.password) {
        std::vector<std::pair<std::string, std::string>> params;
        auto set = [&](std::string key, std::string value) {
            for (auto& [k, v] : params) {
                if (k == key) {
                    v = std::move(value);
                    return;
                }
            }
            params.emplace_back(std::move(key), std::move(value));
        };
        if (!u.host.empty()) set("host", u.host);
        if (u.port) set("port", std::to_string(*u.port));
        if (!u.database.empty()) set("dbname", u.database);
        if (!u.username.empty()) set("user", u.username);
        if (!u.password.empty()) set("password", u.password);
        for (const auto& [k, v] : u.query) {
            set(k, v);
            if (k == "password") password_ = v;
        }
        std::string options_value;
        for (const auto& [k, v] : params) {
            if (k == "options") options_value = v;
        }
        if (options_value.find("TimeZone") == std::string::npos &&
            options_value.find("timezone") == std::string::npos) {
            set("options", options_value.empty() ? std::string("-c TimeZone=UTC")
                                                 : options_value + " -c TimeZone=UTC");
        }
        std::vector<const char*> keys;
        std::vector<const char*> values;
        for (const auto& [k, v] : params) {
            keys.push_back(k.c_str());
            values.push_back(v.c_str());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
        conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            conn_ = nullptr;
            while (!message.empty() && message.back() == '\n') message.pop_back();
            throw operational_error(
                "connect", pg::scrub(fmt::format("postgresql: cannot connect to {}: {}",
                                                 u.redacted(), message),
                                     password_),
                "08001");
        }
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~pg_connection() override { PQfinish(conn_); }

    [[nodiscard]] std::unique_ptr<driver_statement> prepare(std::string_view sql,
                                                            bool persistent) override;

    void execute_script(std::string_view sql) override { exec(sql); }

    void begin(const begin_options& options) override {
        std::string sql = "BEGIN";
        switch (options.isolation) {
            case isolation_level::database_default: break;
            case isolation_level::read_committed: sql += " ISOLATION LEVEL READ COMMITTED"; break;
            case isolation_level::repeatable_read: sql += " ISOLATION LEVEL REPEATABLE READ"; break;
            case isolation_level::serializable: sql += " ISOLATION LEVEL SERIALIZABLE"; break;
        }
        if (options.read_only) sql += " READ ONLY";
        exec(sql);
    }
    void commit() override {
        // COMMIT of a transaction that an error aborted answers "ROLLBACK" without an error.
        if (exec("COMMIT") == "ROLLBACK") {
            throw operational_error("rolled_back",
                                    "postgresql: COMMIT rolled back instead: an earlier statement "
                                    "in this transaction failed",
                                    "25P02", "COMMIT");
        }
    }
    void rollback() override {
        if (in_transaction()) exec("ROLLBACK");
    }
    void savepoint(std::string_view name) override { exec(fmt::format("SAVEPOINT \"{}\"", name)); }
    void release_savepoint(std::string_view name) override {
        exec(fmt::format("RELEASE SAVEPOINT \"{}\"", name));
    }
    void rollback_to_savepoint(std::string_view name) override {
        exec(fmt::format("ROLLBACK TO SAVEPOINT \"{}\"", name));
    }

    bool ping() noexcept override {
        if (is_broken()) return false;
        pg::result_ptr r{PQexec(conn_, "")};
        if (PQresultStatus(r.get()) != PGRES_EMPTY_QUERY || PQstatus(conn_) != CONNECTION_OK) {
            broken_ = true;
        }
        return !broken_;
    }
    [[nodiscard]] bool is_broken() const noexcept override {
        return broken_ || PQstatus(conn_) != CONNECTION_OK;
    }
    [[nodiscard]] bool in_transaction() const noexcept override {
        const auto status = PQtransactionStatus(conn_);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR ||
               status == PQTRANS_ACTIVE;
    }
    [[nodiscard]] dialect_kind dialect() const noexcept override {
        return dialect_kind::postgresql;
    }
    void prepare_close() noexcept override { closing_ = true; }
    /** True once the connection is broken or about to close: statements skip DEALLOCATE. */
    [[nodiscard]] bool closing() const noexcept { return closing_ || is_broken(); }

    /**
     * `COPY table (columns) FROM STDIN`: first the columns' types (`SELECT columns FROM table
     * WHERE false`, one round trip), then the rows in binary format, or in text format when a
     * column's type has no binary codec here (enums, citext, inet, ...; see postgresql_copy.hpp),
     * sent in buffers of about 64 KiB, then the COPY's outcome. Errors map as a statement's do
     * (a unique violation is integrity_error naming the constraint); a value that cannot be
     * written, or an exception from `rows`, ends the COPY with an error so the server discards
     * it. Either way the connection stays usable.
     */
    std::int64_t copy_in(std::string_view table, std::span<const std::string_view> columns,
                         row_source& rows) override;

    /** The underlying handle, for what retort does not wrap (LISTEN/NOTIFY, COPY TO). */
    [[nodiscard]] PGconn* native_handle() const noexcept { return conn_; }

    /** Throws the mapped error for `res` (may be null) and marks the connection if broken;
     *  `with_context` adds the server's CONTEXT (see pg::throw_pg_error). */
    [[noreturn]] void fail(const PGresult* res, std::string_view sql, bool with_context = false) {
        try {
            pg::throw_pg_error(conn_, res, sql, broken_, with_context);
        } catch (const error& e) {
            if (password_.empty()) throw;
            // The password never reaches a message, even if the server echoed it.
            const std::string what = e.what();
            if (what.find(password_) == std::string::npos) throw;
            throw operational_error(e.code(), pg::scrub(what, password_), e.db_code(),
                                    e.statement());
        }
    }

    std::string next_statement_name() { return fmt::format("retort_{}", ++statement_counter_); }

private:
    /** Reads and drops the results still pending; a COPY left open marks the connection broken. */
    void drain_results() noexcept {
        while (PGresult* r = PQgetResult(conn_)) {
            const auto status = PQresultStatus(r);
            PQclear(r);
            if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
                broken_ = true;
                return;
            }
        }
    }

    /** Runs `sql` through the simple protocol; returns the command tag. */
    std::string exec(std::string_view sql) {
        const std::string text(sql);
        pg::result_ptr r{PQexec(conn_, text.c_str())};
        const auto status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
            status != PGRES_EMPTY_QUERY) {
            fail(r.get(), sql);
        }
        return PQcmdStatus(r.get());
    }

    PGconn* conn_ = nullptr;
    bool broken_ = false;
    bool closing_ = false;
    std::uint64_t statement_counter_ = 0;
    std::string password_;
};

/**
 * A PostgreSQL statement. Persistent ones become named server-side statements (PQprepare, then
 * PQexecPrepared), one per distinct list of parameter types; others run through the unnamed
 * statement (PQexecParams). Parameters and results travel in binary, except text parameters,
 * which are sent as text of unknown type so the server can read them as uuid, numeric, json or
 * an enum as the context needs.
 */
class pg_statement final : public driver_statement {
public:
    pg_statement(pg_connection& conn, std::string_view sql, bool persistent)
        : conn_(conn), sql_(sql), persistent_(persistent) {}
    ~pg_statement() override {
        if (conn_.closing()) return;
        for (const auto& [types, name] : prepared_) {
            // Best effort: inside an aborted transaction this fails and the server keeps it.
            pg::result_ptr r{PQexec(conn_.native_handle(), ("DEALLOCATE " + name).c_str())};
        }
    }

    void bind(std::span<const value_view> params, bool copy_bytes) override {
        reset();
        const std::size_t n = params.size();
        types_.resize(n);
        values_.resize(n);
        lengths_.resize(n);
        formats_.resize(n);
        std::size_t arena_size = 0;
        for (const value_view& v : params) {
            if (v.type == value_type::text) arena_size += v.bytes.size() + 1;
            else if (v.type == value_type::blob && copy_bytes) arena_size += v.bytes.size();
            else arena_size += 8;
        }
        arena_.clear();
        arena_.reserve(arena_size);  // no reallocation below: the pointers stay valid
        auto put = [&](std::string_view bytes) {
            const char* at = arena_.data() + arena_.size();
            arena_.append(bytes);
            return at;
        };
        auto put_int = [&](std::uint64_t v, int size) {
            char buf[8];
            pg::put_be(buf, v, size);
            return put({buf, static_cast<std::size_t>(size)});
        };
        for (std::size_t k = 0; k < n; ++k) {
            const value_view& v = params[k];
            formats_[k] = 1;
            switch (v.type) {
                case value_type::null:
                    types_[k] = pg::oid::unknown;
                    values_[k] = nullptr;
                    lengths_[k] = 0;
                    break;
                case value_type::integer:
                    types_[k] = pg::oid::int8;
                    values_[k] = put_int(static_cast<std::uint64_t>(v.i), 8);
                    lengths_[k] = 8;
                    break;
                case value_type::real: {
                    std::uint64_t bits = 0;
                    std::memcpy(&bits, &v.d, sizeof bits);
                    types_[k] = pg::oid::float8;
                    values_[k] = put_int(bits, 8);
                    lengths_[k] = 8;
                    break;
                }
                case value_type::boolean:
                    types_[k] = pg::oid::boolean;
                    values_[k] = put_int(v.b ? 1 : 0, 1);
                    lengths_[k] = 1;
                    break;
                case value_type::timestamp: {
                    // Infinity stays infinity; any other instant is shifted to PostgreSQL's
                    // epoch, range-checked before the subtraction could overflow.
                    std::int64_t t = v.i;
                    if (!pg::copy_detail::is_infinite_instant(t)) {
                        if (t < std::numeric_limits<std::int64_t>::min() + pg::epoch_shift_micros)
                            bad_param(k, fmt::format("timestamp {} microseconds from 1970 is out of range", t),
                                      "22008");
                        t -= pg::epoch_shift_micros;
                    }
                    types_[k] = pg::oid::timestamptz;
                    values_[k] = put_int(static_cast<std::uint64_t>(t), 8);
                    lengths_[k] = 8;
                    break;
                }
                case value_type::date: {
                    // PostgreSQL's date is 32 bits of days from 2000-01-01; its extremes are
                    // -infinity and infinity, as the COPY path writes them.
                    std::int64_t d = v.i;
                    if (pg::copy_detail::is_infinite_day(d)) {
                        d = d > 0 ? std::numeric_limits<std::int32_t>::max() : std::numeric_limits<std::int32_t>::min();
                    } else {
                        constexpr std::int64_t lowest = std::numeric_limits<std::int32_t>::min() + pg::epoch_shift_days;
                        constexpr std::int64_t highest = std::numeric_limits<std::int32_t>::max() + pg::epoch_shift_days;
                        if (d <= lowest || d >= highest)
                            bad_param(k, fmt::format("date {} days from 1970 is out of range", d), "22008");
                        d -= pg::epoch_shift_days;
                    }
                    types_[k] = pg::oid::date;
                    values_[k] = put_int(static_cast<std::uint64_t>(static_cast<std::uint32_t>(static_cast<std::int32_t>(d))), 4);
                    lengths_[k] = 4;
                    break;
                }
                case value_type::blob:
                    types_[k] = pg::oid::bytea;
                    values_[k] = copy_bytes ? put(v.bytes) : (v.bytes.data() ? v.bytes.data() : "");
                    lengths_[k] = static_cast<int>(v.bytes.size());
                    break;
                case value_type::text: {
                    // Text parameters travel as C strings: a NUL byte would cut the value short
                    // without a word. PostgreSQL text cannot hold NUL; say so instead.
                    if (v.bytes.find('\0') != std::string_view::npos)
                        bad_param(k, "text with a NUL byte (PostgreSQL text cannot hold one; bind bytes as a blob)",
                                  "22021");
                    types_[k] = pg::oid::unknown;
                    const char* at = put(v.bytes);
                    arena_ += '\0';  // text-format parameters are C strings
                    values_[k] = at;
                    lengths_[k] = static_cast<int>(v.bytes.size());
                    formats_[k] = 0;
                    break;
                }
            }
        }
    }

    [[noreturn]] void bad_param(std::size_t k, std::string_view what, const char* sqlstate) const {
        throw data_error("data",
                         fmt::format("postgresql: parameter {}: {} (SQLSTATE {}) while running: {}", k + 1,
                                     what, sqlstate, sql_),
                         sqlstate, sql_);
    }

    bool step() override {
        if (!executed_) execute();
        if (++row_ >= rows_) return false;
        decode_row(res_.get(), row_);
        return true;
    }

    [[nodiscard]] std::span<const value_view> row() const noexcept override { return cells_; }
    [[nodiscard]] std::span<const std::string> columns() const noexcept override {
        return columns_;
    }
    [[nodiscard]] std::int64_t rows_affected() const noexcept override { return affected_; }
    void reset() noexcept override {
        res_.reset();
        executed_ = false;
        row_ = -1;
        rows_ = 0;
        affected_ = 0;
    }
    [[nodiscard]] std::string_view sql() const noexcept override { return sql_; }

    /**
     * The runs in libpq pipeline mode: named statements (prepared in the pipeline when a
     * parameter-type list is new), results read a window behind what is sent, one sync at the
     * end (postgresql_pipeline.hpp).
     */
    std::int64_t execute_batch(row_source& params, std::size_t width, batch_sink& sink) override;

private:
    /** The server-side statement for the bound parameters' types, if prepared already. */
    [[nodiscard]] const std::string* prepared_name() const noexcept {
        for (const auto& [types, name] : prepared_) {
            if (types == types_) return &name;
        }
        return nullptr;
    }

    void execute() {
        executed_ = true;
        row_ = -1;
        PGconn* c = conn_.native_handle();
        const int n = static_cast<int>(types_.size());
        if (persistent_) {
            const std::string* name = prepared_name();
            if (name == nullptr) {
                std::string fresh = conn_.next_statement_name();
                pg::result_ptr r{PQprepare(c, fresh.c_str(), sql_.c_str(), n, types_.data())};
                if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) conn_.fail(r.get(), sql_);
                prepared_.emplace_back(types_, std::move(fresh));
                name = &prepared_.back().second;
            }
            res_.reset(PQexecPrepared(c, name->c_str(), n, values_.data(), lengths_.data(),
                                      formats_.data(), 1));
        } else {
            res_.reset(PQexecParams(c, sql_.c_str(), n, types_.data(), values_.data(),
                                    lengths_.data(), formats_.data(), 1));
        }
        const auto status = PQresultStatus(res_.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK &&
            status != PGRES_EMPTY_QUERY) {
            pg::result_ptr failed = std::move(res_);
            conn_.fail(failed.get(), sql_);
        }
        rows_ = PQntuples(res_.get());
        affected_ = affected_by(res_.get());
        describe(res_.get());
    }

    /** Rows an INSERT, UPDATE or DELETE touched (with or without RETURNING); 0 for a SELECT. */
    static std::int64_t affected_by(PGresult* res) {
        const std::string_view tag = PQcmdStatus(res);
        return tag.starts_with("SELECT") ? 0 : std::atoll(PQcmdTuples(res));
    }

    /** Takes the result's column names and picks each column's decoder. */
    void describe(const PGresult* res) {
        const int fields = PQnfields(res);
        const auto count = static_cast<std::size_t>(fields);
        if (columns_.size() != count || decoders_.size() != count) {
            columns_.resize(count);
            decoders_.resize(count);
            cells_.resize(count);
            scratch_.resize(count);
        }
        for (int f = 0; f < fields; ++f) {
            const auto k = static_cast<std::size_t>(f);
            if (columns_[k] != PQfname(res, f)) columns_[k] = PQfname(res, f);
            decoders_[k] = pg::decoder_for(PQftype(res, f));
        }
    }

    /** Decodes row `r` of `res` into the cells `row()` shows. */
    void decode_row(const PGresult* res, int r) {
        for (std::size_t k = 0; k < cells_.size(); ++k) {
            const int c = static_cast<int>(k);
            if (PQgetisnull(res, r, c) != 0) {
                cells_[k] = value_view::null();
            } else {
                cells_[k] = pg::decode_cell(decoders_[k], PQgetvalue(res, r, c),
                                            PQgetlength(res, r, c), scratch_[k]);
            }
        }
    }

    pg_connection& conn_;
    std::string sql_;
    bool persistent_;
    std::vector<std::pair<std::vector<Oid>, std::string>> prepared_;  // types -> server name
    std::vector<Oid> types_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::string arena_;  // binary parameters and NUL-terminated texts
    pg::result_ptr res_;
    bool executed_ = false;
    int row_ = -1;
    int rows_ = 0;
    std::int64_t affected_ = 0;
    std::vector<std::string> columns_;
    std::vector<pg::decoder> decoders_;
    std::vector<value_view> cells_;
    std::vector<std::string> scratch_;  // text made for uuid and numeric cells
};

inline std::unique_ptr<driver_statement> pg_connection::prepare(std::string_view sql,
                                                                bool persistent) {
    return std::make_unique<pg_statement>(*this, sql, persistent);
}

inline std::int64_t pg_connection::copy_in(std::string_view table,
                                           std::span<const std::string_view> columns,
                                           row_source& rows) {
    constexpr std::size_t buffer_bytes = 64 * 1024;
    const std::size_t width = columns.size();
    if (width == 0) throw interface_error("bulk_columns", "copy_in(): no columns to insert");
    std::string list;
    for (std::size_t k = 0; k != width; ++k) {
        if (k != 0) list += ", ";
        list += columns[k];
    }
    std::vector<Oid> types;
    {
        const std::string probe = fmt::format("SELECT {} FROM {} WHERE false", list, table);
        pg::result_ptr r{PQexec(conn_, probe.c_str())};
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) fail(r.get(), probe);
        for (int f = 0; f < PQnfields(r.get()); ++f) types.push_back(PQftype(r.get(), f));
    }
    const bool binary = std::none_of(types.begin(), types.end(), [](Oid t) {
        return pg::copy_codec_for(t) == pg::copy_codec::text_only;
    });
    const std::string sql = fmt::format("COPY {} ({}) FROM STDIN{}", table, list,
                                        binary ? " (FORMAT binary)" : "");
    {
        pg::result_ptr r{PQexec(conn_, sql.c_str())};
        if (PQresultStatus(r.get()) != PGRES_COPY_IN) fail(r.get(), sql);
    }
    pg::copy_writer writer(types, columns, sql);
    std::string buffer;
    buffer.reserve(buffer_bytes + 4096);
    std::vector<value_view> batch(256 * width);  // rows asked of the source at a time
    // False once libpq refused data: the server ended the COPY (its error is in the result).
    bool streaming = true;
    auto send = [&] {
        if (streaming && !buffer.empty() &&
            PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
            streaming = false;
        }
        buffer.clear();
    };
    try {
        writer.begin(buffer);
        for (std::size_t n = rows.next(batch); n != 0 && streaming; n = rows.next(batch)) {
            const std::span<const value_view> values(batch.data(), n * width);
            for (std::size_t r = 0; r != n; ++r) writer.row(buffer, values.subspan(r * width, width));
            if (buffer.size() >= buffer_bytes) send();
        }
        writer.end(buffer);
        send();
    } catch (...) {
        if (streaming) PQputCopyEnd(conn_, "bulk insert abandoned: a row could not be written");
        drain_results();
        throw;
    }
    if (streaming && PQputCopyEnd(conn_, nullptr) != 1) streaming = false;
    pg::result_ptr outcome{PQgetResult(conn_)};
    drain_results();
    if (PQresultStatus(outcome.get()) != PGRES_COMMAND_OK || !streaming) {
        fail(PQresultStatus(outcome.get()) == PGRES_FATAL_ERROR ? outcome.get() : nullptr, sql,
             true);
    }
    return std::atoll(PQcmdTuples(outcome.get()));
}

RETORT_FUNC std::unique_ptr<driver_connection> open_postgresql(const url& u,
                                                         const driver_options& options) {
    return std::make_unique<pg_connection>(u, options);
}

RETORT_FUNC bool register_postgresql() {
    static const bool registered = register_driver("postgresql", &open_postgresql);
    return registered;
}

}  // namespace retort::drivers

#include "retort/driver/detail/postgresql_pipeline.hpp"  // pg_statement::execute_batch
