// The ORM session on SQLite (in memory) beside raw sqlite3 doing the same work: add 100,000
// objects and commit, load 100,000 objects, change 10,000 loaded objects and commit.
#include <retort/orm/session.hpp>
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <sqlite3.h>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ratio_report.hpp"

namespace bench {

/** The blog's user: a generated key, two texts, an optional text, a server-side timestamp. */
struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<std::string> bio;
    retort::timestamp created_at{};
};

}  // namespace bench

template <>
inline constexpr auto retort::table<bench::User> = retort::table_def{
    "users",
    retort::column<&bench::User::username>.max_length(50).unique(),
    retort::column<&bench::User::email>.max_length(120),
    retort::column<&bench::User::created_at>.server_default(retort::func::now()),
};

namespace {

using bench::User;
using retort::col;

constexpr int insert_rows = 100'000;
constexpr int load_rows = 100'000;
constexpr int update_rows = 10'000;

// What the session sends for a new User (the key and created_at come back), and what it reads.
constexpr std::string_view insert_sql =
    "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) RETURNING id, created_at";
constexpr std::string_view update_sql = "UPDATE users SET bio = ? WHERE id = ?";

void check(sqlite3* db, int rc, int expected) {
    if (rc != expected) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        std::abort();
    }
}

/** The objects both sides write: every other user has a bio. */
const std::vector<User>& new_users() {
    static const std::vector<User> users = [] {
        std::vector<User> out;
        out.reserve(insert_rows);
        for (int i = 0; i < insert_rows; ++i) {
            User u;
            u.username = "user" + std::to_string(i);
            u.email = "user" + std::to_string(i) + "@example.com";
            if (i % 2 == 0) u.bio = "writes about databases and C++, mostly at night";
            out.push_back(std::move(u));
        }
        return out;
    }();
    return users;
}

/** An empty in-memory database with the users table made by create_all. */
retort::engine empty_engine() {
    auto engine = retort::create_engine("sqlite://");
    auto conn = engine.connect();
    retort::create_all<User>(conn);
    return engine;
}

/** An in-memory database holding `rows` users, filled through Core. */
retort::engine filled_engine(int rows) {
    auto engine = empty_engine();
    auto conn = engine.connect();
    auto tx = conn.begin();
    const auto& users = new_users();
    for (int i = 0; i < rows; ++i) conn.execute(retort::insert<User>().values(users[static_cast<std::size_t>(i) % users.size()]));
    tx.commit();
    return engine;
}

/** The raw side's connection: the same schema, text from create_all_sql. */
struct raw_db {
    sqlite3* db = nullptr;
    raw_db() {
        check(db, sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
              SQLITE_OK);
        for (std::string_view ddl : retort::create_all_sql<retort::sqlite, User>()) {
            exec(std::string(ddl));
        }
    }
    raw_db(const raw_db&) = delete;
    raw_db& operator=(const raw_db&) = delete;
    ~raw_db() { sqlite3_close(db); }
    void exec(const std::string& sql) const {
        check(db, sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    [[nodiscard]] sqlite3_stmt* prepare(std::string_view sql) const {
        sqlite3_stmt* st = nullptr;
        check(db, sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                     SQLITE_PREPARE_PERSISTENT, &st, nullptr),
              SQLITE_OK);
        return st;
    }
    /** `rows` users, written as the raw insert case writes them. */
    void fill(int rows) const {
        sqlite3_stmt* ins = prepare(insert_sql);
        exec("BEGIN");
        const auto& users = new_users();
        for (int i = 0; i < rows; ++i) {
            const User& u = users[static_cast<std::size_t>(i) % users.size()];
            bind_user(ins, u);
            check(db, sqlite3_step(ins), SQLITE_ROW);
            sqlite3_reset(ins);
        }
        exec("COMMIT");
        sqlite3_finalize(ins);
    }
    static void bind_user(sqlite3_stmt* st, const User& u) {
        sqlite3_bind_text(st, 1, u.username.data(), static_cast<int>(u.username.size()), SQLITE_STATIC);
        sqlite3_bind_text(st, 2, u.email.data(), static_cast<int>(u.email.size()), SQLITE_STATIC);
        if (u.bio) {
            sqlite3_bind_text(st, 3, u.bio->data(), static_cast<int>(u.bio->size()), SQLITE_STATIC);
        } else {
            sqlite3_bind_null(st, 3);
        }
    }
};

std::string_view column_text(sqlite3_stmt* st, int i) {
    return {reinterpret_cast<const char*>(sqlite3_column_text(st, i)),
            static_cast<std::size_t>(sqlite3_column_bytes(st, i))};
}

retort::timestamp column_timestamp(sqlite3_stmt* st, int i) {
    const auto micros = retort::parse_timestamp(column_text(st, i));
    if (!micros) std::abort();
    return retort::timestamp{std::chrono::microseconds{*micros}};
}

/** What a careful raw user writes per row: each column into its field, the texts assigned. */
void read_user(sqlite3_stmt* st, User& u) {
    u.id = sqlite3_column_int64(st, 0);
    u.username.assign(column_text(st, 1));
    u.email.assign(column_text(st, 2));
    if (sqlite3_column_type(st, 3) == SQLITE_NULL) {
        u.bio.reset();
    } else {
        u.bio.emplace(column_text(st, 3));
    }
    u.created_at = column_timestamp(st, 4);
}

// --- (a) add 100,000 new objects and commit, in one transaction -------------------------------

void insert_raw(benchmark::State& state) {
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        auto db = std::make_unique<raw_db>();
        sqlite3_stmt* ins = db->prepare(insert_sql);
        state.ResumeTiming();
        {
            std::vector<User> out;
            db->exec("BEGIN");
            for (const User& src : users) {
                User& u = out.emplace_back(src);
                raw_db::bind_user(ins, u);
                check(db->db, sqlite3_step(ins), SQLITE_ROW);
                u.id = sqlite3_column_int64(ins, 0);
                u.created_at = column_timestamp(ins, 1);
                sqlite3_reset(ins);
            }
            db->exec("COMMIT");
            benchmark::DoNotOptimize(out.back().id);
        }
        state.PauseTiming();
        sqlite3_finalize(ins);
        db.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_session(benchmark::State& state) {
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        auto engine = empty_engine();
        state.ResumeTiming();
        {
            retort::session s{engine};
            for (const User& src : users) s.add(src);
            s.commit();
        }
        state.PauseTiming();
        {
            auto conn = engine.connect();
            if (conn.execute(retort::select(retort::count()).select_from<User>()).scalar() != insert_rows) std::abort();
        }
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_bulk(benchmark::State& state) {
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        auto engine = empty_engine();
        state.ResumeTiming();
        {
            retort::session s{engine};
            s.bulk_insert<User>(users);
            s.commit();
        }
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_core(benchmark::State& state) {
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        auto engine = empty_engine();
        state.ResumeTiming();
        {
            auto conn = engine.connect();
            auto tx = conn.begin();
            for (const User& u : users) conn.execute(retort::insert<User>().values(u));
            tx.commit();
        }
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_core_returning(benchmark::State& state) {
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        auto engine = empty_engine();
        state.ResumeTiming();
        {
            std::vector<User> out;
            auto conn = engine.connect();
            auto tx = conn.begin();
            for (const User& src : users) {
                User& u = out.emplace_back(src);
                std::tie(u.id, u.created_at) =
                    conn.execute(retort::insert<User>().values(u).returning(col<&User::id>, col<&User::created_at>))
                        .one();
            }
            tx.commit();
            benchmark::DoNotOptimize(out.back().id);
        }
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

// --- (b) load 100,000 objects -----------------------------------------------------------------

void load_raw(benchmark::State& state) {
    raw_db db;
    db.fill(load_rows);
    sqlite3_stmt* st = db.prepare(retort::sql<retort::sqlite>(retort::select<User>()));
    for (auto _ : state) {
        std::vector<User> users;
        while (sqlite3_step(st) == SQLITE_ROW) read_user(st, users.emplace_back());
        sqlite3_reset(st);
        if (users.size() != load_rows) std::abort();
        benchmark::DoNotOptimize(users.data());
    }
    sqlite3_finalize(st);
    state.SetItemsProcessed(state.iterations() * load_rows);
}

void load_session(benchmark::State& state) {
    auto engine = filled_engine(load_rows);
    for (auto _ : state) {
        retort::session s{engine};
        auto users = s.scalars(retort::select<User>());
        if (users.size() != load_rows) std::abort();
        benchmark::DoNotOptimize(&users[0]);
    }
    state.SetItemsProcessed(state.iterations() * load_rows);
}

void load_core(benchmark::State& state) {
    auto engine = filled_engine(load_rows);
    auto conn = engine.connect();
    for (auto _ : state) {
        std::vector<User> users = conn.execute(retort::select<User>()).all();
        if (users.size() != load_rows) std::abort();
        benchmark::DoNotOptimize(users.data());
    }
    state.SetItemsProcessed(state.iterations() * load_rows);
}

// --- (c) change one field of 10,000 loaded objects and commit --------------------------------

const std::string bios[2] = {"now writes about query planners", "back to writing about C++"};

void update_raw(benchmark::State& state) {
    raw_db db;
    db.fill(update_rows);
    sqlite3_stmt* sel = db.prepare(retort::sql<retort::sqlite>(retort::select<User>()));
    sqlite3_stmt* upd = db.prepare(update_sql);
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<User> users;
        while (sqlite3_step(sel) == SQLITE_ROW) read_user(sel, users.emplace_back());
        sqlite3_reset(sel);
        const std::string& bio = bios[round++ % 2];
        state.ResumeTiming();
        for (User& u : users) u.bio = bio;
        db.exec("BEGIN");
        for (const User& u : users) {
            sqlite3_bind_text(upd, 1, u.bio->data(), static_cast<int>(u.bio->size()), SQLITE_STATIC);
            sqlite3_bind_int64(upd, 2, u.id);
            check(db.db, sqlite3_step(upd), SQLITE_DONE);
            if (sqlite3_changes(db.db) != 1) std::abort();
            sqlite3_reset(upd);
        }
        db.exec("COMMIT");
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    state.SetItemsProcessed(state.iterations() * update_rows);
}

void update_session(benchmark::State& state) {
    auto engine = filled_engine(update_rows);
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto s = std::make_unique<retort::session>(engine);
        auto users = s->scalars(retort::select<User>());
        s->commit();  // the load's transaction ends: the timed commit is the update's alone
        const std::string& bio = bios[round++ % 2];
        state.ResumeTiming();
        for (User& u : users) u.bio = bio;
        s->commit();
        state.PauseTiming();
        s.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * update_rows);
}

void update_core(benchmark::State& state) {
    auto engine = filled_engine(update_rows);
    auto conn = engine.connect();
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<User> users = conn.execute(retort::select<User>()).all();
        const std::string& bio = bios[round++ % 2];
        state.ResumeTiming();
        for (User& u : users) u.bio = bio;
        auto tx = conn.begin();
        for (const User& u : users) {
            auto r = conn.execute(retort::update<User>()
                                      .set(col<&User::bio> = u.bio)
                                      .where(col<&User::id> == u.id));
            if (r.rows_affected() != 1) std::abort();
        }
        tx.commit();
    }
    state.SetItemsProcessed(state.iterations() * update_rows);
}

}  // namespace

int main(int argc, char** argv) {
    const auto ms = benchmark::kMillisecond;
    benchmark::RegisterBenchmark("insert/raw", insert_raw)->Unit(ms);
    benchmark::RegisterBenchmark("insert/session", insert_session)->Unit(ms);
    benchmark::RegisterBenchmark("insert/session_bulk", insert_bulk)->Unit(ms);
    benchmark::RegisterBenchmark("insert/core", insert_core)->Unit(ms);
    benchmark::RegisterBenchmark("insert/core_returning", insert_core_returning)->Unit(ms);
    benchmark::RegisterBenchmark("load/raw", load_raw)->Unit(ms);
    benchmark::RegisterBenchmark("load/session", load_session)->Unit(ms);
    benchmark::RegisterBenchmark("load/core", load_core)->Unit(ms);
    benchmark::RegisterBenchmark("update/raw", update_raw)->Unit(ms);
    benchmark::RegisterBenchmark("update/session", update_session)->Unit(ms);
    benchmark::RegisterBenchmark("update/core", update_core)->Unit(ms);
    return bench::run_with_ratios(argc, argv);
}
