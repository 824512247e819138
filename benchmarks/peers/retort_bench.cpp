// W1-W7 through retort Core and the retort ORM session, on the same tables and data as raw_bench.
#include <retort/orm/session.hpp>
#include <retort/retort.hpp>
#include <retort/postgresql.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "workload.hpp"

namespace bench {

struct Post;

struct User {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::int64_t age = 0;
    std::optional<std::string> bio;
    retort::many<Post> posts;
};

struct Post {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title;
    std::string body;
};

}  // namespace bench

template <>
inline constexpr auto retort::table<bench::User> = retort::table_def{
    "users", retort::column<&bench::User::name>.max_length(50),
    retort::column<&bench::User::email>.max_length(120),
    retort::has_many<&bench::User::posts>.by(&bench::Post::user_id)};
template <>
inline constexpr auto retort::table<bench::Post> = retort::table_def{
    "posts", retort::column<&bench::Post::user_id>.references(&bench::User::id).index(),
    retort::column<&bench::Post::title>.max_length(100)};

namespace {

using namespace bench::wl;
using bench::Post;
using bench::User;
using retort::col;

User to_model(const user_row& r) {
    User u;
    u.name = r.name;
    u.email = r.email;
    u.age = r.age;
    u.bio = r.bio;
    return u;
}

const std::vector<User>& models() {
    static const std::vector<User> all = [] {
        std::vector<User> out;
        for (const auto& r : users()) out.push_back(to_model(r));
        return out;
    }();
    return all;
}

std::string url_of(const options& o) {
    if (o.db == backend::sqlite_memory) return "sqlite://";
    if (o.db == backend::sqlite_file) return "sqlite:///" + o.file;  // o.file is absolute: sqlite:////...
    return o.url;
}

retort::engine fresh_engine(const options& o, bool qpsg = false) {
    if (o.db == backend::sqlite_file) remove_sqlite_file(o.file);
    retort::engine_options eo;
    eo.sqlite_qpsg = qpsg;
    auto engine = retort::create_engine(url_of(o), eo);
    auto conn = engine.connect();
    for (const auto& s : schema_sql(o.postgresql())) conn.execute(s);
    return engine;
}

auto by_key(std::int64_t k) { return retort::select<User>().where(col<&User::id> == k); }
auto w4_users_stmt() {
    return retort::select<User>().where(col<&User::id> <= std::int64_t{w4_users}).order_by(col<&User::id>);
}
auto filter_stmt(const filter_params& p) {
    return retort::select<User>()
        .where(col<&User::name>.like(p.pattern) && col<&User::id> > p.min_id)
        .order_by(col<&User::id>)
        .limit(p.limit);
}
auto w7_stmt() {
    return retort::select<User>().where(col<&User::id> <= std::int64_t{w7_objects}).order_by(col<&User::id>);
}

struct user_with_posts {
    User user;
    std::vector<Post> posts;
};

void run_core(const options& o, int rep) {
    auto engine = fresh_engine(o);
    auto conn = engine.connect();
    timed(o, "retort-core", "W1", rep, [&] {
        auto tx = conn.begin();
        for (const User& u : models()) conn.execute(retort::insert<User>().values(u));
        tx.commit();
    });
    {
        auto tx = conn.begin();
        for (const auto& p : posts()) {
            conn.execute(retort::insert<Post>().values(Post{0, p.user_id, p.title, p.body}));
        }
        tx.commit();
        if (o.postgresql()) conn.execute("ANALYZE");
    }
    timed(o, "retort-core", "W2", rep, [&] {
        std::int64_t sum = 0;
        for (std::int64_t k : lookup_keys()) {
            std::optional<User> u = conn.execute(by_key(k)).first();
            sum += u->id;
        }
        expect(sum > 0, "W2 rows");
    });
    timed(o, "retort-core", "W3", rep, [&] {
        std::vector<User> all = conn.execute(retort::select<User>()).all();
        expect(all.size() == w3_rows, "W3 rows");
    });
    timed(o, "retort-core", "W4", rep, [&] {
        std::vector<User> us = conn.execute(w4_users_stmt()).all();
        std::vector<Post> ps = conn.execute(retort::select<Post>()
                                                .where(col<&Post::user_id> <= std::int64_t{w4_users})
                                                .order_by(col<&Post::user_id>, col<&Post::id>))
                                   .all();
        std::vector<user_with_posts> out;
        out.reserve(us.size());
        std::size_t p = 0;
        for (auto& u : us) {
            auto& e = out.emplace_back();
            e.user = std::move(u);
            while (p < ps.size() && ps[p].user_id == e.user.id) e.posts.push_back(std::move(ps[p++]));
        }
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });
    auto w5 = [&](retort::connection& c, const char* name) {
        timed(o, name, "W5", rep, [&] {
            std::size_t rows = 0;
            for (int k = 0; k < w5_queries; ++k) rows += c.execute(filter_stmt(filter_for(k))).all().size();
            expect(rows > 0, "W5 rows");
        });
    };
    w5(conn, "retort-core");
    std::vector<User> loaded = conn.execute(w7_stmt()).all();
    timed(o, "retort-core", "W7", rep, [&] {
        for (User& u : loaded) u.age += 1;
        auto tx = conn.begin();
        for (const User& u : loaded) {
            auto r = conn.execute(retort::update<User>().set(col<&User::age> = u.age).where(col<&User::id> == u.id));
            expect(r.rows_affected() == 1, "W7 changes");
        }
        tx.commit();
    });
}

/** W5 with SQLite's QPSG on ({.sqlite_qpsg = true}): the statement is not re-prepared per pattern. */
void run_core_qpsg(const options& o, int rep) {
    auto engine = fresh_engine(o, true);
    auto conn = engine.connect();
    {
        auto tx = conn.begin();
        for (const User& u : models()) conn.execute(retort::insert<User>().values(u));
        tx.commit();
    }
    timed(o, "retort-core-qpsg", "W5", rep, [&] {
        std::size_t rows = 0;
        for (int k = 0; k < w5_queries; ++k) rows += conn.execute(filter_stmt(filter_for(k))).all().size();
        expect(rows > 0, "W5 rows");
    });
}

void run_orm(const options& o, int rep) {
    auto engine = fresh_engine(o);
    {
        // W1 is the Core's and the raw API's; the ORM's insert path is W6. Fill the same rows.
        retort::session s{engine};
        s.bulk_insert<User>(models());
        std::vector<Post> ps;
        for (const auto& p : posts()) ps.push_back(Post{0, p.user_id, p.title, p.body});
        s.bulk_insert<Post>(ps);
        s.commit();
        if (o.postgresql()) engine.connect().execute("ANALYZE");
    }
    // Autoflush compares every object in the identity map before each query (no dirty flags),
    // so 100,000 queries in one session grow quadratically: W2 and W5 run under no_autoflush(),
    // and W2a measures the default on the first 10,000 keys.
    {
        retort::session s{engine};
        timed(o, "retort-orm", "W2a", rep, [&] {
            std::int64_t sum = 0;
            for (std::size_t i = 0; i < w7_objects; ++i) sum += s.scalars(by_key(lookup_keys()[i])).one().id;
            expect(sum > 0, "W2a rows");
        });
    }
    {
        retort::session s{engine};
        auto no_flush = s.no_autoflush();
        timed(o, "retort-orm", "W2", rep, [&] {
            std::int64_t sum = 0;
            for (std::int64_t k : lookup_keys()) sum += s.scalars(by_key(k)).one().id;
            expect(sum > 0, "W2 rows");
        });
    }
    timed(o, "retort-orm", "W3", rep, [&] {
        retort::session s{engine};
        auto all = s.scalars(retort::select<User>());
        expect(all.size() == w3_rows, "W3 rows");
    });
    timed(o, "retort-orm", "W4", rep, [&] {
        retort::session s{engine};
        auto us = s.scalars(w4_users_stmt().options(retort::selectinload<&User::posts>));
        std::size_t n = 0;
        for (User& u : us) n += u.posts.size();
        expect(us.size() == w4_users && n == w4_users * w4_posts_per_user, "W4 rows");
    });
    timed(o, "retort-orm-joinedload", "W4", rep, [&] {
        retort::session s{engine};
        auto us = s.scalars(w4_users_stmt().options(retort::joinedload<&User::posts>));
        std::size_t n = 0;
        for (User& u : us) n += u.posts.size();
        expect(us.size() == w4_users && n == w4_users * w4_posts_per_user, "W4 rows");
    });
    {
        retort::session s{engine};
        auto no_flush = s.no_autoflush();
        timed(o, "retort-orm", "W5", rep, [&] {
            std::size_t rows = 0;
            for (int k = 0; k < w5_queries; ++k) rows += s.scalars(filter_stmt(filter_for(k))).size();
            expect(rows > 0, "W5 rows");
        });
    }
    {
        auto s = std::make_unique<retort::session>(engine);
        auto loaded = s->scalars(w7_stmt());
        s->commit();
        timed(o, "retort-orm", "W7", rep, [&] {
            for (User& u : loaded) u.age += 1;
            s->commit();
        });
    }
    {
        auto conn = engine.connect();
        for (const auto& q : schema_sql(o.postgresql())) conn.execute(q);
    }
    timed(o, "retort-orm", "W6", rep, [&] {
        retort::session s{engine};
        for (const User& u : models()) s.add(u);
        s.commit();
    });
    {
        auto conn = engine.connect();
        expect(conn.execute("SELECT count(*) FROM users").scalar<std::int64_t>() == w6_objects, "W6 rows");
        for (const auto& q : schema_sql(o.postgresql())) conn.execute(q);
    }
    timed(o, "retort-orm-bulk", "W6", rep, [&] {
        retort::session s{engine};
        s.bulk_insert<User>(models());
        s.commit();
    });
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    for (int rep = 1; rep <= o.reps; ++rep) {
        run_core(o, rep);
        if (!o.postgresql()) run_core_qpsg(o, rep);
        run_orm(o, rep);
    }
    return 0;
}
