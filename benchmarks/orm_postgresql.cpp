// The ORM session on PostgreSQL beside raw libpq doing the same work: add 100,000 objects and
// commit, load 100,000 objects, change 10,000 loaded objects and commit. Needs
// RETORT_TEST_POSTGRES_URL (e.g. from scripts/pg-cluster.sh); every case skips without it.
#include <retort/orm/session.hpp>
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>

#include <libpq-fe.h>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ratio_report.hpp"
#include "raw_libpq.hpp"

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

// A table name of its own, so a shared test database is not disturbed.
template <>
inline constexpr auto retort::table<bench::User> = retort::table_def{
    "bench_orm_users",
    retort::column<&bench::User::username>.max_length(50).unique(),
    retort::column<&bench::User::email>.max_length(120),
    retort::column<&bench::User::created_at>.server_default(retort::func::now()),
};

namespace {

using bench::User;
using retort::col;
namespace pq = bench::pq;

constexpr int insert_rows = 100'000;
constexpr int load_rows = 100'000;
constexpr int update_rows = 10'000;

// What the session sends for a new User (the key and created_at come back), and what it reads.
constexpr std::string_view insert_sql =
    "INSERT INTO bench_orm_users (username, email, bio) VALUES ($1, $2, $3) RETURNING id, created_at";
constexpr std::string_view select_sql =
    "SELECT bench_orm_users.id, bench_orm_users.username, bench_orm_users.email, "
    "bench_orm_users.bio, bench_orm_users.created_at FROM bench_orm_users";
constexpr std::string_view update_sql = "UPDATE bench_orm_users SET bio = $1 WHERE id = $2";

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

/** Drops and makes the table (create_all's DDL), filled with `rows` users by the server. */
void reset_table(const std::string& url, int rows) {
    pq::connection c(url);
    for (std::string_view ddl : retort::drop_all_sql<retort::postgresql, User>(retort::if_exists)) c.exec(std::string(ddl));
    for (std::string_view ddl : retort::create_all_sql<retort::postgresql, User>()) c.exec(std::string(ddl));
    if (rows > 0) {
        c.exec("INSERT INTO bench_orm_users (username, email, bio) SELECT 'user' || g, "
               "'user' || g || '@example.com', CASE WHEN g % 2 = 0 THEN "
               "'writes about databases and C++, mostly at night' END "
               "FROM generate_series(0, " + std::to_string(rows - 1) + ") g");
    }
    c.exec("ANALYZE bench_orm_users");
}

/** Binds a user the way a careful libpq user would: texts as text, NULL as a null pointer. */
struct user_params {
    const char* values[3];
    int lengths[3];
    int formats[3] = {0, 0, 0};
    explicit user_params(const User& u)
        : values{u.username.c_str(), u.email.c_str(), u.bio ? u.bio->c_str() : nullptr},
          lengths{0, 0, 0} {}
};

retort::timestamp timestamp_at(const PGresult* r, int row, int col) {
    return retort::timestamp{std::chrono::microseconds{pq::get_be64(PQgetvalue(r, row, col)) +
                                                       pq::epoch_shift_micros}};
}

/** What a careful raw user writes per row of a binary result: each column into its field. */
void read_user(const PGresult* r, int row, User& u) {
    u.id = pq::get_be64(PQgetvalue(r, row, 0));
    u.username.assign(pq::text_at(r, row, 1));
    u.email.assign(pq::text_at(r, row, 2));
    if (PQgetisnull(r, row, 3) != 0) {
        u.bio.reset();
    } else {
        u.bio.emplace(pq::text_at(r, row, 3));
    }
    u.created_at = timestamp_at(r, row, 4);
}

// --- (a) add 100,000 new objects and commit, in one transaction -------------------------------

void insert_raw(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        reset_table(*url, 0);
        auto db = std::make_unique<pq::connection>(*url);
        db->prepare("ins", insert_sql);
        state.ResumeTiming();
        {
            std::vector<User> out;
            db->exec("BEGIN");
            for (const User& src : users) {
                User& u = out.emplace_back(src);
                const user_params p(u);
                PGresult* r = db->run("ins", 3, p.values, p.lengths, p.formats);
                u.id = pq::get_be64(PQgetvalue(r, 0, 0));
                u.created_at = timestamp_at(r, 0, 1);
                PQclear(r);
            }
            db->exec("COMMIT");
            benchmark::DoNotOptimize(out.back().id);
        }
        state.PauseTiming();
        db.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_session(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    auto engine = retort::create_engine(*url);
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        reset_table(*url, 0);
        state.ResumeTiming();
        {
            retort::session s{engine};
            for (const User& src : users) s.add(src);
            s.commit();
        }
    }
    state.SetItemsProcessed(state.iterations() * insert_rows);
}

void insert_bulk(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    auto engine = retort::create_engine(*url);
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        reset_table(*url, 0);
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
    RETORT_BENCH_NEED_SERVER(state, url)
    auto engine = retort::create_engine(*url);
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        reset_table(*url, 0);
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
    RETORT_BENCH_NEED_SERVER(state, url)
    auto engine = retort::create_engine(*url);
    const auto& users = new_users();
    for (auto _ : state) {
        state.PauseTiming();
        reset_table(*url, 0);
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
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, load_rows);
    pq::connection db(*url);
    db.prepare("all", select_sql);
    for (auto _ : state) {
        std::vector<User> users;
        PGresult* r = db.run("all", 0, nullptr, nullptr, nullptr);
        const int n = PQntuples(r);
        for (int i = 0; i < n; ++i) read_user(r, i, users.emplace_back());
        PQclear(r);
        if (users.size() != load_rows) std::abort();
        benchmark::DoNotOptimize(users.data());
    }
    state.SetItemsProcessed(state.iterations() * load_rows);
}

void load_session(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, load_rows);
    auto engine = retort::create_engine(*url);
    for (auto _ : state) {
        retort::session s{engine};
        auto users = s.scalars(retort::select<User>());
        if (users.size() != load_rows) std::abort();
        benchmark::DoNotOptimize(&users[0]);
    }
    state.SetItemsProcessed(state.iterations() * load_rows);
}

void load_core(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, load_rows);
    auto engine = retort::create_engine(*url);
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
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, update_rows);
    pq::connection db(*url);
    db.prepare("all", select_sql);
    db.prepare("upd", update_sql);
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<User> users;
        PGresult* all = db.run("all", 0, nullptr, nullptr, nullptr);
        for (int i = 0; i < PQntuples(all); ++i) read_user(all, i, users.emplace_back());
        PQclear(all);
        const std::string& bio = bios[round++ % 2];
        state.ResumeTiming();
        for (User& u : users) u.bio = bio;
        db.exec("BEGIN");
        char key[8];
        for (const User& u : users) {
            pq::put_be64(key, u.id);
            const char* values[] = {u.bio->c_str(), key};
            const int lengths[] = {0, 8};
            const int formats[] = {0, 1};
            PGresult* r = db.run("upd", 2, values, lengths, formats);
            if (std::strcmp(PQcmdTuples(r), "1") != 0) std::abort();
            PQclear(r);
        }
        db.exec("COMMIT");
    }
    state.SetItemsProcessed(state.iterations() * update_rows);
}

void update_session(benchmark::State& state) {
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, update_rows);
    auto engine = retort::create_engine(*url);
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
    RETORT_BENCH_NEED_SERVER(state, url)
    reset_table(*url, update_rows);
    auto engine = retort::create_engine(*url);
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
    // Real time: the server's work happens in another process.
    for (auto [name, fn] : {std::pair{"insert/raw", &insert_raw},
                            std::pair{"insert/session", &insert_session},
                            std::pair{"insert/session_bulk", &insert_bulk},
                            std::pair{"insert/core", &insert_core},
                            std::pair{"insert/core_returning", &insert_core_returning},
                            std::pair{"load/raw", &load_raw},
                            std::pair{"load/session", &load_session},
                            std::pair{"load/core", &load_core},
                            std::pair{"update/raw", &update_raw},
                            std::pair{"update/session", &update_session},
                            std::pair{"update/core", &update_core}}) {
        benchmark::RegisterBenchmark(name, fn)->Unit(ms)->UseRealTime();
    }
    return bench::run_with_ratios(argc, argv);
}
