// retort's engine on PostgreSQL beside raw libpq doing the same work: insert, get, fetch, filter.
// Needs RETORT_TEST_POSTGRES_URL (e.g. from scripts/pg-cluster.sh); each side uses a TEMP table.
#include <retort/postgresql.hpp>

#include <libpq-fe.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view create_sql =
    "CREATE TEMP TABLE users (id BIGSERIAL PRIMARY KEY, username TEXT NOT NULL, "
    "email TEXT NOT NULL)";
constexpr std::string_view insert_sql = "INSERT INTO users (username, email) VALUES ($1, $2)";
constexpr std::string_view by_id_sql = "SELECT id, username, email FROM users WHERE id = $1";
constexpr std::string_view all_sql = "SELECT id, username FROM users";
constexpr std::string_view filter_sql =
    "SELECT id, username FROM users WHERE username LIKE $1 AND id > $2 AND id < $3";
constexpr int table_rows = 100'000;

std::optional<std::string> server_url() {
    const char* url = std::getenv("RETORT_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

void fill(retort::connection& conn, int rows) {
    conn.execute_script(create_sql);
    conn.execute_script(
        "INSERT INTO users (username, email) SELECT 'user' || g, 'someone@example.com' "
        "FROM generate_series(0, " + std::to_string(rows - 1) + ") g; ANALYZE users");
}

/** A raw libpq connection with the table filled and the statements prepared once. */
struct raw_db {
    PGconn* conn = nullptr;
    explicit raw_db(const std::string& url, int rows) {
        conn = PQconnectdb(url.c_str());
        if (PQstatus(conn) != CONNECTION_OK) fail("connect");
        exec(std::string(create_sql));
        exec("INSERT INTO users (username, email) SELECT 'user' || g, 'someone@example.com' "
             "FROM generate_series(0, " + std::to_string(rows - 1) + ") g; ANALYZE users");
        prepare("ins", insert_sql);
        prepare("by_id", by_id_sql);
        prepare("all", all_sql);
        prepare("filter", filter_sql);
    }
    ~raw_db() { PQfinish(conn); }
    void fail(const char* what) const {
        std::fprintf(stderr, "libpq %s: %s\n", what, PQerrorMessage(conn));
        std::abort();
    }
    void exec(const std::string& sql) const {
        PGresult* r = PQexec(conn, sql.c_str());
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
            fail("exec");
        }
        PQclear(r);
    }
    void prepare(const char* name, std::string_view sql) const {
        PGresult* r = PQprepare(conn, name, std::string(sql).c_str(), 0, nullptr);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail("prepare");
        PQclear(r);
    }
    PGresult* run(const char* name, int n, const char* const* values, const int* lengths,
                  const int* formats) const {
        PGresult* r = PQexecPrepared(conn, name, n, values, lengths, formats, 1);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
            fail("run");
        }
        return r;
    }
};

std::int64_t be64(const char* p) {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | static_cast<unsigned char>(p[k]);
    return static_cast<std::int64_t>(v);
}

void put_be64(char* out, std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int k = 7; k >= 0; --k) {
        out[k] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
}

#define RETORT_NEED_SERVER(state)                                        \
    const auto url = server_url();                                       \
    if (!url) {                                                          \
        (state).SkipWithError("RETORT_TEST_POSTGRES_URL is not set");    \
        return;                                                          \
    }

// --- insert one row, inside one big transaction -----------------------------------------------

void raw_insert(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    raw_db db(*url, 1);
    db.exec("BEGIN");
    const char* values[] = {"alice", "alice@example.com"};
    for (auto _ : state) PQclear(db.run("ins", 2, values, nullptr, nullptr));
    db.exec("COMMIT");
}
BENCHMARK(raw_insert)->UseRealTime();

void retort_insert(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    fill(conn, 1);
    auto tx = conn.begin();
    for (auto _ : state) {
        const std::array params{retort::value_view::text("alice"),
                                retort::value_view::text("alice@example.com")};
        auto r = conn.execute_prepared(insert_sql.data(), insert_sql.size(), params);
        benchmark::DoNotOptimize(r.rows_affected());
    }
    tx.commit();
}
BENCHMARK(retort_insert)->UseRealTime();

// --- select one row by primary key ------------------------------------------------------------

void raw_get_by_id(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    raw_db db(*url, table_rows);
    std::int64_t id = 0;
    char key[8];
    const char* values[] = {key};
    const int lengths[] = {8};
    const int formats[] = {1};
    for (auto _ : state) {
        put_be64(key, 1 + (id++ % table_rows));
        PGresult* r = db.run("by_id", 1, values, lengths, formats);
        const std::int64_t got = be64(PQgetvalue(r, 0, 0));
        std::string name(PQgetvalue(r, 0, 1), static_cast<std::size_t>(PQgetlength(r, 0, 1)));
        std::string email(PQgetvalue(r, 0, 2), static_cast<std::size_t>(PQgetlength(r, 0, 2)));
        benchmark::DoNotOptimize(got);
        benchmark::DoNotOptimize(name);
        benchmark::DoNotOptimize(email);
        PQclear(r);
    }
}
BENCHMARK(raw_get_by_id)->UseRealTime();

void retort_get_by_id(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    fill(conn, table_rows);
    std::int64_t id = 0;
    for (auto _ : state) {
        const std::array params{retort::value_view::integer(1 + (id++ % table_rows))};
        auto row = conn.execute_prepared(by_id_sql.data(), by_id_sql.size(), params)
                       .first<std::int64_t, std::string, std::string>();
        benchmark::DoNotOptimize(row);
    }
}
BENCHMARK(retort_get_by_id)->UseRealTime();

// --- fetch 100,000 rows -----------------------------------------------------------------------

void raw_fetch_all(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    raw_db db(*url, table_rows);
    for (auto _ : state) {
        PGresult* r = db.run("all", 0, nullptr, nullptr, nullptr);
        std::int64_t sum = 0;
        const int n = PQntuples(r);
        for (int i = 0; i < n; ++i) {
            sum += be64(PQgetvalue(r, i, 0));
            std::string name(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1)));
            benchmark::DoNotOptimize(name);
        }
        PQclear(r);
        benchmark::DoNotOptimize(sum);
    }
}
BENCHMARK(raw_fetch_all)->Unit(benchmark::kMillisecond)->UseRealTime();

void retort_fetch_all(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    fill(conn, table_rows);
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (auto [id, name] : conn.execute_prepared(all_sql.data(), all_sql.size(), {})
                                   .as<std::int64_t, std::string>()) {
            sum += id;
            benchmark::DoNotOptimize(name);
        }
        benchmark::DoNotOptimize(sum);
    }
}
BENCHMARK(retort_fetch_all)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- a filtered query with three parameters ---------------------------------------------------

constexpr std::array<std::string_view, 4> patterns = {"user1%", "user2%", "user3%", "user4%"};

void raw_filter(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    raw_db db(*url, table_rows);
    std::size_t k = 0;
    char lo[8];
    char hi[8];
    put_be64(lo, 1000);
    put_be64(hi, 1100);
    for (auto _ : state) {
        const std::string pattern(patterns[k++ % patterns.size()]);
        const char* values[] = {pattern.c_str(), lo, hi};
        const int lengths[] = {0, 8, 8};
        const int formats[] = {0, 1, 1};
        PGresult* r = db.run("filter", 3, values, lengths, formats);
        for (int i = 0; i < PQntuples(r); ++i) {
            std::string name(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1)));
            benchmark::DoNotOptimize(name);
        }
        PQclear(r);
    }
}
BENCHMARK(raw_filter)->UseRealTime();

void retort_filter(benchmark::State& state) {
    RETORT_NEED_SERVER(state)
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    fill(conn, table_rows);
    std::size_t k = 0;
    for (auto _ : state) {
        const std::array params{retort::value_view::text(patterns[k++ % patterns.size()]),
                                retort::value_view::integer(1000),
                                retort::value_view::integer(1100)};
        for (auto [id, name] : conn.execute_prepared(filter_sql.data(), filter_sql.size(), params)
                                   .as<std::int64_t, std::string>()) {
            benchmark::DoNotOptimize(id);
            benchmark::DoNotOptimize(name);
        }
    }
}
BENCHMARK(retort_filter)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
