// The raw libpq side of the PostgreSQL benchmarks: a connection, prepared statements, binary ints.
#pragma once

#include <libpq-fe.h>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace bench::pq {

/** The server to measure: RETORT_TEST_POSTGRES_URL (e.g. from scripts/pg-cluster.sh). */
inline std::optional<std::string> server_url() {
    const char* url = std::getenv("RETORT_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

/** Skips the case (the run still succeeds) when no server is configured. */
#define RETORT_BENCH_NEED_SERVER(state, url)                                  \
    const auto url = ::bench::pq::server_url();                               \
    if (!url) {                                                               \
        (state).SkipWithError("RETORT_TEST_POSTGRES_URL is not set: skipped"); \
        return;                                                               \
    }

/** PostgreSQL counts timestamps from 2000-01-01, Unix from 1970-01-01. */
inline constexpr std::int64_t epoch_shift_micros = 946'684'800'000'000;

inline std::int64_t get_be64(const char* p) {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | static_cast<unsigned char>(p[k]);
    return static_cast<std::int64_t>(v);
}

inline void put_be64(char* out, std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int k = 7; k >= 0; --k) {
        out[k] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
}

/** A libpq connection that aborts on any error (a benchmark has no recovery to do). */
struct connection {
    PGconn* conn = nullptr;

    explicit connection(const std::string& url) {
        conn = PQconnectdb(url.c_str());
        if (PQstatus(conn) != CONNECTION_OK) fail("connect");
        PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
        exec("SET TimeZone = 'UTC'");
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() { PQfinish(conn); }

    [[noreturn]] void fail(const char* what) const {
        std::fprintf(stderr, "libpq %s: %s\n", what, PQerrorMessage(conn));
        std::abort();
    }
    void exec(const std::string& sql) const {
        PGresult* r = PQexec(conn, sql.c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) fail("exec");
        PQclear(r);
    }
    void prepare(const char* name, std::string_view sql) const {
        PGresult* r = PQprepare(conn, name, std::string(sql).c_str(), 0, nullptr);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail("prepare");
        PQclear(r);
    }
    /** PQexecPrepared with binary results; the caller PQclear()s. */
    PGresult* run(const char* name, int n, const char* const* values, const int* lengths,
                  const int* formats) const {
        PGresult* r = PQexecPrepared(conn, name, n, values, lengths, formats, 1);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) fail("run");
        return r;
    }
};

inline std::string_view text_at(const PGresult* r, int row, int col) {
    return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}

}  // namespace bench::pq
