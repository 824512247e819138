// Core statements on PostgreSQL beside raw libpq doing the same work: insert a model, get a model
// by primary key, fetch 100,000 models, a filtered query with three parameters. Needs
// RETORT_TEST_POSTGRES_URL (e.g. from scripts/pg-cluster.sh); every case skips without it.
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>

#include <libpq-fe.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "ratio_report.hpp"
#include "raw_libpq.hpp"

namespace bench {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
};

}  // namespace bench

// A table name of its own, so a shared test database is not disturbed.
template <>
inline constexpr auto retort::table<bench::User> = retort::table_def{
    "bench_core_users",
    retort::column<&bench::User::username>.index(),
};

namespace {

using bench::User;
using retort::col;
namespace pq = bench::pq;

constexpr int table_rows = 100'000;
constexpr std::array<std::string_view, 4> patterns = {"user1%", "user2%", "user3%", "user4%"};

// The statements both sides run; raw libpq prepares the very same text.
User sample_user() { return {0, "alice", "alice@example.com"}; }
auto insert_stmt(const User& u) { return retort::insert<User>().values(u); }
auto by_id_stmt(std::int64_t id) { return retort::select<User>().where(col<&User::id> == id); }
auto all_stmt() { return retort::select<User>(); }
auto filter_stmt(std::string_view pattern) {
    return retort::select<User>().where(col<&User::username>.like(pattern) &&
                                        col<&User::id> > 1000 && col<&User::id> < 1100);
}
template <class Stmt>
std::string_view pg_sql(const Stmt& stmt) {
    return retort::sql<retort::postgresql>(stmt);
}

/** Drops and makes the table (create_all's DDL), filled with `rows` users by the server. */
void reset_table(const std::string& url, int rows) {
    pq::connection c(url);
    for (std::string_view ddl : retort::drop_all_sql<retort::postgresql, User>(retort::if_exists)) c.exec(std::string(ddl));
    for (std::string_view ddl : retort::create_all_sql<retort::postgresql, User>()) c.exec(std::string(ddl));
    if (rows > 0) {
        c.exec("INSERT INTO bench_core_users (username, email) SELECT 'user' || g, "
               "'someone@example.com' FROM generate_series(0, " + std::to_string(rows - 1) + ") g");
    }
    c.exec("ANALYZE bench_core_users");
}

/** A raw connection with every statement prepared once, as a careful libpq user does. */
struct raw_db : pq::connection {
    explicit raw_db(const std::string& url) : pq::connection(url) {
        prepare("ins", pg_sql(insert_stmt(User{})));
        prepare("by_id", pg_sql(by_id_stmt(0)));
        prepare("all", pg_sql(all_stmt()));
        prepare("filter", pg_sql(filter_stmt("")));
    }
};

/** What the raw side does for each row of a binary result: the struct's fields. */
void read_user(const PGresult* r, int row, User& u) {
    u.id = pq::get_be64(PQgetvalue(r, row, 0));
    u.username.assign(pq::text_at(r, row, 1));
    u.email.assign(pq::text_at(r, row, 2));
}

// --- insert one model, inside one big transaction ---------------------------------------------

void insert_raw(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, 0);
    raw_db db(*url);
    const User u = sample_user();
    db.exec("BEGIN");
    for (auto _ : state) {
        const char* values[] = {u.username.c_str(), u.email.c_str()};
        PQclear(db.run("ins", 2, values, nullptr, nullptr));
    }
    db.exec("COMMIT");
}

void insert_core(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, 0);
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    const User u = sample_user();
    auto tx = conn.begin();
    for (auto _ : state) {
        auto r = conn.execute(retort::insert<User>().values(u));
        benchmark::DoNotOptimize(r.rows_affected());
    }
    tx.commit();
}

// --- select one model by primary key ----------------------------------------------------------

void get_raw(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    raw_db db(*url);
    std::int64_t id = 0;
    char key[8];
    const char* values[] = {key};
    const int lengths[] = {8};
    const int formats[] = {1};
    for (auto _ : state) {
        pq::put_be64(key, 1 + (id++ % table_rows));
        PGresult* r = db.run("by_id", 1, values, lengths, formats);
        std::optional<User> u;
        if (PQntuples(r) > 0) read_user(r, 0, u.emplace());
        benchmark::DoNotOptimize(u);
        PQclear(r);
    }
}

void get_core(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    std::int64_t id = 0;
    for (auto _ : state) {
        std::optional<User> u =
            conn.execute(retort::select<User>().where(col<&User::id> == 1 + (id++ % table_rows))).first();
        benchmark::DoNotOptimize(u);
    }
}

// --- fetch 100,000 models ---------------------------------------------------------------------

void fetch_raw(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    raw_db db(*url);
    User u;
    for (auto _ : state) {
        PGresult* r = db.run("all", 0, nullptr, nullptr, nullptr);
        std::int64_t sum = 0;
        const int n = PQntuples(r);
        for (int i = 0; i < n; ++i) {
            read_user(r, i, u);
            sum += u.id + static_cast<std::int64_t>(u.username.size());
        }
        PQclear(r);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * table_rows);
}

void fetch_core(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (const User& u : conn.execute(retort::select<User>())) {
            sum += u.id + static_cast<std::int64_t>(u.username.size());
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * table_rows);
}

// --- a filtered query with three parameters (the LIKE pattern changes per call) ---------------

void filter_raw(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    raw_db db(*url);
    std::size_t k = 0;
    char lo[8];
    char hi[8];
    pq::put_be64(lo, 1000);
    pq::put_be64(hi, 1100);
    User u;
    for (auto _ : state) {
        const std::string pattern(patterns[k++ % patterns.size()]);
        const char* values[] = {pattern.c_str(), lo, hi};
        const int lengths[] = {0, 8, 8};
        const int formats[] = {0, 1, 1};
        PGresult* r = db.run("filter", 3, values, lengths, formats);
        int rows = 0;
        for (int i = 0; i < PQntuples(r); ++i) {
            read_user(r, i, u);
            ++rows;
        }
        PQclear(r);
        benchmark::DoNotOptimize(rows);
    }
}

void filter_core(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, table_rows);
    auto engine = retort::create_engine(*url);
    auto conn = engine.connect();
    std::size_t k = 0;
    for (auto _ : state) {
        int rows = 0;
        for (const User& u : conn.execute(filter_stmt(patterns[k++ % patterns.size()]))) {
            benchmark::DoNotOptimize(u.id);
            ++rows;
        }
        benchmark::DoNotOptimize(rows);
    }
}

}  // namespace

int main(int argc, char** argv) {
    // Real time: the server's work happens in another process.
    benchmark::RegisterBenchmark("insert/raw", insert_raw)->UseRealTime();
    benchmark::RegisterBenchmark("insert/core", insert_core)->UseRealTime();
    benchmark::RegisterBenchmark("get/raw", get_raw)->UseRealTime();
    benchmark::RegisterBenchmark("get/core", get_core)->UseRealTime();
    benchmark::RegisterBenchmark("fetch/raw", fetch_raw)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("fetch/core", fetch_core)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("filter/raw", filter_raw)->UseRealTime();
    benchmark::RegisterBenchmark("filter/core", filter_core)->UseRealTime();
    return bench::run_with_ratios(argc, argv);
}
