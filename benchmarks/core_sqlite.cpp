// Core statements on SQLite beside raw sqlite3 doing the same work: insert a model, get a model
// by primary key, fetch 100,000 models, a filtered query with three parameters.
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace bench {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
};

}  // namespace bench

template <>
inline constexpr auto retort::table<bench::User> = retort::table_def{
    "users",
    retort::column<&bench::User::username>.index(),
};

namespace {

using bench::User;
using retort::col;

constexpr int table_rows = 100'000;
constexpr std::array<std::string_view, 4> patterns = {"user1%", "user2%", "user3%", "user4%"};

// The statements both sides run; raw sqlite3 prepares the very same text.
User sample_user() { return {0, "alice", "alice@example.com"}; }
auto insert_stmt(const User& u) { return retort::insert<User>().values(u); }
auto by_id_stmt(std::int64_t id) { return retort::select<User>().where(col<&User::id> == id); }
auto all_stmt() { return retort::select<User>(); }
auto filter_stmt(std::string_view pattern) {
    return retort::select<User>().where(col<&User::username>.like(pattern) &&
                                        col<&User::id> > 1000 && col<&User::id> < 1100);
}

void check(sqlite3* db, int rc, int expected) {
    if (rc != expected) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        std::abort();
    }
}

/** The same database both ways: created by create_all, filled with `rows` users. */
retort::engine make_engine(int rows) {
    auto engine = retort::create_engine("sqlite://");
    auto conn = engine.connect();
    retort::create_all<User>(conn);
    auto tx = conn.begin();
    User u{0, "", "someone@example.com"};
    for (int i = 0; i < rows; ++i) {
        u.username = "user" + std::to_string(i);
        conn.execute(insert_stmt(u));
    }
    tx.commit();
    return engine;
}

struct raw_db {
    sqlite3* db = nullptr;
    explicit raw_db(int rows) {
        check(db, sqlite3_open(":memory:", &db), SQLITE_OK);
        for (std::string_view ddl : retort::create_all_sql<retort::sqlite, User>()) {
            check(db, sqlite3_exec(db, std::string(ddl).c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        }
        sqlite3_stmt* ins = prepare(retort::sql<retort::sqlite>(insert_stmt(User{})));
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
    raw_db(const raw_db&) = delete;
    raw_db& operator=(const raw_db&) = delete;
    ~raw_db() { sqlite3_close(db); }
    [[nodiscard]] sqlite3_stmt* prepare(std::string_view sql) const {
        sqlite3_stmt* st = nullptr;
        check(db, sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                     SQLITE_PREPARE_PERSISTENT, &st, nullptr),
              SQLITE_OK);
        return st;
    }
};

/** What the raw side does for each row: the struct's fields from the columns. */
void read_user(sqlite3_stmt* st, User& u) {
    u.id = sqlite3_column_int64(st, 0);
    u.username.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                      static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    u.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                   static_cast<std::size_t>(sqlite3_column_bytes(st, 2)));
}

// --- insert one model, inside one big transaction ---------------------------------------------

void raw_insert(benchmark::State& state) {
    raw_db db(0);
    const User u = sample_user();
    sqlite3_stmt* ins = db.prepare(retort::sql<retort::sqlite>(insert_stmt(u)));
    check(db.db, sqlite3_exec(db.db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
    for (auto _ : state) {
        sqlite3_bind_text(ins, 1, u.username.data(), static_cast<int>(u.username.size()), SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, u.email.data(), static_cast<int>(u.email.size()), SQLITE_STATIC);
        check(db.db, sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
    }
    check(db.db, sqlite3_exec(db.db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_finalize(ins);
}
// A fixed count: each insert grows the table and its index, so both sides must do as many.
BENCHMARK(raw_insert)->Iterations(300000);

void core_insert(benchmark::State& state) {
    auto engine = make_engine(0);
    auto conn = engine.connect();
    const User u = sample_user();
    auto tx = conn.begin();
    for (auto _ : state) {
        auto r = conn.execute(retort::insert<User>().values(u));
        benchmark::DoNotOptimize(r.rows_affected());
    }
    tx.commit();
}
BENCHMARK(core_insert)->Iterations(300000);

// --- select one model by primary key ----------------------------------------------------------

void raw_get_by_id(benchmark::State& state) {
    raw_db db(table_rows);
    sqlite3_stmt* st = db.prepare(retort::sql<retort::sqlite>(by_id_stmt(0)));
    std::int64_t id = 0;
    for (auto _ : state) {
        sqlite3_bind_int64(st, 1, 1 + (id++ % table_rows));
        check(db.db, sqlite3_step(st), SQLITE_ROW);
        std::optional<User> u(std::in_place);
        read_user(st, *u);
        benchmark::DoNotOptimize(u);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
}
BENCHMARK(raw_get_by_id);

void core_get_by_id(benchmark::State& state) {
    auto engine = make_engine(table_rows);
    auto conn = engine.connect();
    std::int64_t id = 0;
    for (auto _ : state) {
        std::optional<User> u =
            conn.execute(retort::select<User>().where(col<&User::id> == 1 + (id++ % table_rows))).first();
        benchmark::DoNotOptimize(u);
    }
}
BENCHMARK(core_get_by_id);

// --- fetch 100,000 models ---------------------------------------------------------------------

void raw_fetch_all(benchmark::State& state) {
    raw_db db(table_rows);
    sqlite3_stmt* st = db.prepare(retort::sql<retort::sqlite>(all_stmt()));
    User u;
    for (auto _ : state) {
        std::int64_t sum = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            read_user(st, u);
            sum += u.id + static_cast<std::int64_t>(u.username.size());
        }
        sqlite3_reset(st);
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(st);
    state.SetItemsProcessed(state.iterations() * table_rows);
}
BENCHMARK(raw_fetch_all)->Unit(benchmark::kMillisecond);

void core_fetch_all(benchmark::State& state) {
    auto engine = make_engine(table_rows);
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
BENCHMARK(core_fetch_all)->Unit(benchmark::kMillisecond);

// --- a filtered query with three parameters (the LIKE pattern changes per call) ---------------

void raw_filter(benchmark::State& state) {
    raw_db db(table_rows);
    sqlite3_stmt* st = db.prepare(retort::sql<retort::sqlite>(filter_stmt("")));
    std::size_t k = 0;
    User u;
    for (auto _ : state) {
        const std::string_view p = patterns[k++ % patterns.size()];
        sqlite3_bind_text(st, 1, p.data(), static_cast<int>(p.size()), SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, 1000);
        sqlite3_bind_int64(st, 3, 1100);
        int rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            read_user(st, u);
            ++rows;
        }
        sqlite3_reset(st);
        benchmark::DoNotOptimize(rows);
    }
    sqlite3_finalize(st);
}
BENCHMARK(raw_filter);

void core_filter(benchmark::State& state) {
    auto engine = make_engine(table_rows);
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
BENCHMARK(core_filter);

}  // namespace

BENCHMARK_MAIN();
