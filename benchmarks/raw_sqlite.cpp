// The floor retort measures itself against: raw sqlite3 inserts with one reused prepared statement.
#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

namespace {

void check(sqlite3* db, int rc, int expected) {
    if (rc != expected) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        std::abort();
    }
}

/*
 * One row per iteration into an in-memory table, all inside one transaction, with the INSERT
 * prepared once and only reset and re-bound per row: the cost of the C API itself, which is
 * what the retort engine's inserts are compared with.
 */
void raw_sqlite_insert_one_row(benchmark::State& state) {
    sqlite3* db = nullptr;
    check(db, sqlite3_open(":memory:", &db), SQLITE_OK);
    check(db,
          sqlite3_exec(db,
                       "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, "
                       "email TEXT NOT NULL)",
                       nullptr, nullptr, nullptr),
          SQLITE_OK);
    sqlite3_stmt* insert = nullptr;
    check(db,
          sqlite3_prepare_v3(db, "INSERT INTO users (username, email) VALUES (?, ?)", -1,
                             SQLITE_PREPARE_PERSISTENT, &insert, nullptr),
          SQLITE_OK);
    check(db, sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);

    for (auto _ : state) {
        sqlite3_bind_text(insert, 1, "alice", 5, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, "alice@example.com", 17, SQLITE_STATIC);
        check(db, sqlite3_step(insert), SQLITE_DONE);
        sqlite3_reset(insert);
    }

    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(raw_sqlite_insert_one_row);

}  // namespace

BENCHMARK_MAIN();
