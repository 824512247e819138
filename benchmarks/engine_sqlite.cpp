// retort's engine on SQLite beside raw sqlite3 doing the same work: insert, get, fetch, filter.
#include <retort/sqlite.hpp>

#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view create_sql =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT NOT NULL)";
constexpr std::string_view insert_sql = "INSERT INTO users (username, email) VALUES (?, ?)";
constexpr std::string_view by_id_sql = "SELECT id, username, email FROM users WHERE id = ?";
constexpr std::string_view all_sql = "SELECT id, username FROM users";
constexpr std::string_view filter_sql =
    "SELECT id, username FROM users WHERE username LIKE ? AND id > ? AND id < ?";
constexpr int table_rows = 100'000;

void check(sqlite3* db, int rc, int expected) {
    if (rc != expected) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        std::abort();
    }
}

/** A raw in-memory database with `rows` users, and statements prepared once. */
struct raw_db {
    sqlite3* db = nullptr;
    explicit raw_db(int rows, bool qpsg = false) {
        check(db, sqlite3_open(":memory:", &db), SQLITE_OK);
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, qpsg ? 1 : 0, nullptr);
        check(db, sqlite3_exec(db, std::string(create_sql).c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK);
        check(db, sqlite3_exec(db, "CREATE INDEX users_username ON users (username)", nullptr,
                               nullptr, nullptr),
              SQLITE_OK);
        sqlite3_stmt* ins = prepare(insert_sql);
        check(db, sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
        for (int i = 0; i < rows; ++i) {
            const std::string name = "user" + std::to_string(i);
            sqlite3_bind_text(ins, 1, name.c_str(), static_cast<int>(name.size()), SQLITE_STATIC);
            sqlite3_bind_text(ins, 2, "someone@example.com", 19, SQLITE_STATIC);
            check(db, sqlite3_step(ins), SQLITE_DONE);
            sqlite3_reset(ins);
        }
        check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_finalize(ins);
    }
    ~raw_db() { sqlite3_close(db); }
    sqlite3_stmt* prepare(std::string_view sql) const {
        sqlite3_stmt* st = nullptr;
        check(db, sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                     SQLITE_PREPARE_PERSISTENT, &st, nullptr),
              SQLITE_OK);
        return st;
    }
};

std::string column_text(sqlite3_stmt* st, int i) {
    return {reinterpret_cast<const char*>(sqlite3_column_text(st, i)),
            static_cast<std::size_t>(sqlite3_column_bytes(st, i))};
}

/** A retort engine over an in-memory database filled like raw_db. */
retort::engine make_engine(int rows, bool qpsg = false) {
    auto engine = retort::create_engine("sqlite://", {.sqlite_qpsg = qpsg});
    auto conn = engine.connect();
    conn.execute_script(create_sql);
    conn.execute_script("CREATE INDEX users_username ON users (username)");
    auto tx = conn.begin();
    for (int i = 0; i < rows; ++i) {
        const std::string name = "user" + std::to_string(i);
        const std::array params{retort::value_view::text(name),
                                retort::value_view::text("someone@example.com")};
        conn.execute_prepared(insert_sql.data(), insert_sql.size(), params);
    }
    tx.commit();
    return engine;
}

// --- insert one row, inside one big transaction -----------------------------------------------

void raw_insert(benchmark::State& state) {
    raw_db db(0);
    sqlite3_stmt* ins = db.prepare(insert_sql);
    check(db.db, sqlite3_exec(db.db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
    for (auto _ : state) {
        sqlite3_bind_text(ins, 1, "alice", 5, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, "alice@example.com", 17, SQLITE_STATIC);
        check(db.db, sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    check(db.db, sqlite3_exec(db.db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_finalize(ins);
}
BENCHMARK(raw_insert);

void retort_insert(benchmark::State& state) {
    auto engine = make_engine(0);
    auto conn = engine.connect();
    auto tx = conn.begin();
    for (auto _ : state) {
        const std::array params{retort::value_view::text("alice"),
                                retort::value_view::text("alice@example.com")};
        auto r = conn.execute_prepared(insert_sql.data(), insert_sql.size(), params);
        benchmark::DoNotOptimize(r.rows_affected());
    }
    tx.commit();
}
BENCHMARK(retort_insert);

// --- select one row by primary key ------------------------------------------------------------

void raw_get_by_id(benchmark::State& state) {
    raw_db db(table_rows);
    sqlite3_stmt* st = db.prepare(by_id_sql);
    std::int64_t id = 0;
    for (auto _ : state) {
        sqlite3_bind_int64(st, 1, 1 + (id++ % table_rows));
        check(db.db, sqlite3_step(st), SQLITE_ROW);
        const std::int64_t got = sqlite3_column_int64(st, 0);
        std::string name = column_text(st, 1);
        std::string email = column_text(st, 2);
        benchmark::DoNotOptimize(got);
        benchmark::DoNotOptimize(name);
        benchmark::DoNotOptimize(email);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
}
BENCHMARK(raw_get_by_id);

// first() reads one row and stops, as the raw loop does; one() also steps once more to prove
// there is no second row (Arg 1).
void retort_get_by_id(benchmark::State& state) {
    auto engine = make_engine(table_rows);
    auto conn = engine.connect();
    std::int64_t id = 0;
    const bool one = state.range(0) != 0;
    for (auto _ : state) {
        const std::array params{retort::value_view::integer(1 + (id++ % table_rows))};
        auto r = conn.execute_prepared(by_id_sql.data(), by_id_sql.size(), params);
        if (one) {
            auto row = r.one<std::int64_t, std::string, std::string>();
            benchmark::DoNotOptimize(row);
        } else {
            auto row = r.first<std::int64_t, std::string, std::string>();
            benchmark::DoNotOptimize(row);
        }
    }
}
BENCHMARK(retort_get_by_id)->Arg(0)->Arg(1);

// --- fetch 100,000 rows -----------------------------------------------------------------------

void raw_fetch_all(benchmark::State& state) {
    raw_db db(table_rows);
    sqlite3_stmt* st = db.prepare(all_sql);
    for (auto _ : state) {
        std::int64_t sum = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            sum += sqlite3_column_int64(st, 0);
            std::string name = column_text(st, 1);
            benchmark::DoNotOptimize(name);
        }
        sqlite3_reset(st);
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(st);
    state.SetItemsProcessed(state.iterations() * table_rows);
}
BENCHMARK(raw_fetch_all)->Unit(benchmark::kMillisecond);

void retort_fetch_all(benchmark::State& state) {
    auto engine = make_engine(table_rows);
    auto conn = engine.connect();
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (auto [id, name] : conn.execute_prepared(all_sql.data(), all_sql.size(), {})
                                   .as<std::int64_t, std::string>()) {
            sum += id;
            benchmark::DoNotOptimize(name);
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * table_rows);
}
BENCHMARK(retort_fetch_all)->Unit(benchmark::kMillisecond);

// --- a filtered query with three parameters (LIKE pattern changes per call) -------------------
// Arg 0/1: SQLITE_DBCONFIG_ENABLE_QPSG off/on. Without it SQLite re-prepares the statement
// whenever the bound LIKE pattern changes, as the pattern may enable the LIKE optimisation.

constexpr std::array<std::string_view, 4> patterns = {"user1%", "user2%", "user3%", "user4%"};

void raw_filter(benchmark::State& state) {
    raw_db db(table_rows, state.range(0) != 0);
    sqlite3_stmt* st = db.prepare(filter_sql);
    std::size_t k = 0;
    for (auto _ : state) {
        const std::string_view p = patterns[k++ % patterns.size()];
        sqlite3_bind_text(st, 1, p.data(), static_cast<int>(p.size()), SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, 1000);
        sqlite3_bind_int64(st, 3, 1100);
        int rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::string name = column_text(st, 1);
            benchmark::DoNotOptimize(name);
            ++rows;
        }
        sqlite3_reset(st);
        benchmark::DoNotOptimize(rows);
    }
    sqlite3_finalize(st);
}
BENCHMARK(raw_filter)->Arg(0)->Arg(1);

void retort_filter(benchmark::State& state) {
    auto engine = make_engine(table_rows, state.range(0) != 0);
    auto conn = engine.connect();
    std::size_t k = 0;
    for (auto _ : state) {
        const std::array params{retort::value_view::text(patterns[k++ % patterns.size()]),
                                retort::value_view::integer(1000),
                                retort::value_view::integer(1100)};
        int rows = 0;
        for (auto [id, name] : conn.execute_prepared(filter_sql.data(), filter_sql.size(), params)
                                   .as<std::int64_t, std::string>()) {
            benchmark::DoNotOptimize(id);
            benchmark::DoNotOptimize(name);
            ++rows;
        }
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(retort_filter)->Arg(0)->Arg(1);

// The other side of QPSG: a selective prefix on a NOCASE index, where the LIKE optimisation
// (only possible when the plan sees the pattern) turns a full scan into an index range.
void raw_like_prefix(benchmark::State& state) {
    raw_db db(table_rows, state.range(0) != 0);
    check(db.db, sqlite3_exec(db.db, "CREATE INDEX users_username_nocase ON users "
                                     "(username COLLATE NOCASE)", nullptr, nullptr, nullptr),
          SQLITE_OK);
    sqlite3_stmt* st = db.prepare("SELECT id FROM users WHERE username LIKE ?");
    std::size_t k = 0;
    constexpr std::array<std::string_view, 2> prefixes = {"user1234%", "user4321%"};
    for (auto _ : state) {
        const std::string_view p = prefixes[k++ % prefixes.size()];
        sqlite3_bind_text(st, 1, p.data(), static_cast<int>(p.size()), SQLITE_STATIC);
        int rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW) ++rows;
        sqlite3_reset(st);
        benchmark::DoNotOptimize(rows);
    }
    sqlite3_finalize(st);
}
BENCHMARK(raw_like_prefix)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
