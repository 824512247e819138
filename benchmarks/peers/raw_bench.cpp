// W1-W7 on the raw C APIs, the floor of every ratio: sqlite3 and libpq, prepared once, bound, stepped.
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../raw_libpq.hpp"
#include "workload.hpp"

namespace {

using namespace bench::wl;

constexpr std::string_view insert_sql = "INSERT INTO users (name, email, age, bio) VALUES (?, ?, ?, ?)";
constexpr std::string_view insert_returning_sql =
    "INSERT INTO users (name, email, age, bio) VALUES (?, ?, ?, ?) RETURNING id";
constexpr std::string_view post_sql = "INSERT INTO posts (user_id, title, body) VALUES (?, ?, ?)";
constexpr std::string_view by_key_sql = "SELECT id, name, email, age, bio FROM users WHERE id = ?";
constexpr std::string_view all_sql = "SELECT id, name, email, age, bio FROM users";
constexpr std::string_view w4_users_sql =
    "SELECT id, name, email, age, bio FROM users WHERE id <= ? ORDER BY id";
constexpr std::string_view w4_posts_sql =
    "SELECT id, user_id, title, body FROM posts WHERE user_id <= ? ORDER BY user_id, id";
// W4 as an ORM has to do it (and as the relationships issue states the baseline): the posts of
// the users just read, by their keys as one bound list.
constexpr std::string_view w4_posts_in_sqlite =
    "SELECT id, user_id, title, body FROM posts WHERE user_id IN (SELECT value FROM json_each(?))";
constexpr std::string_view w4_posts_in_postgresql =
    "SELECT id, user_id, title, body FROM posts WHERE user_id = ANY($1::bigint[])";
constexpr std::string_view filter_sql =
    "SELECT id, name, email, age, bio FROM users WHERE name LIKE ? AND id > ? ORDER BY id LIMIT ?";
constexpr std::string_view w7_load_sql =
    "SELECT id, name, email, age, bio FROM users WHERE id <= ? ORDER BY id";
constexpr std::string_view update_sql = "UPDATE users SET age = ? WHERE id = ?";

/** libpq spells parameters $n. */
std::string dollars(std::string_view sql) {
    std::string out;
    int n = 0;
    for (char c : sql) {
        if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

struct user_with_posts {
    user_row user;
    std::vector<post_row> posts;
};

/** Attaches posts (ordered by user_id) to users (ordered by id): a merge, as a careful user writes. */
template <class U, class P, class Out>
void attach(std::vector<U>& users, std::vector<P>& posts, Out& out) {
    out.clear();
    out.reserve(users.size());
    std::size_t p = 0;
    for (auto& u : users) {
        auto& e = out.emplace_back();
        e.user = std::move(u);
        while (p < posts.size() && posts[p].user_id == e.user.id) e.posts.push_back(std::move(posts[p++]));
    }
}

/** The users' keys as one list: `[1,2,...]` for json_each, `{1,2,...}` for a PostgreSQL array. */
template <class U>
std::string key_list(const std::vector<U>& users, char open, char close) {
    std::string out(1, open);
    for (const auto& u : users) {
        if (out.size() > 1) out += ',';
        out += std::to_string(u.id);
    }
    out += close;
    return out;
}

/** Posts in any order to their users, through a map from key to position. */
template <class U, class P, class Out>
void attach_by_key(std::vector<U>& users, std::vector<P>& posts, Out& out) {
    out.clear();
    out.reserve(users.size());
    std::unordered_map<std::int64_t, std::size_t> at;
    at.reserve(users.size());
    for (auto& u : users) {
        at.emplace(u.id, out.size());
        out.emplace_back().user = std::move(u);
    }
    for (auto& p : posts) out[at.at(p.user_id)].posts.push_back(std::move(p));
}

// ---- sqlite3 ----------------------------------------------------------------------------------

struct lite {
    sqlite3* db = nullptr;
    explicit lite(const options& o, bool qpsg) {
        std::string name = ":memory:";
        if (o.db == backend::sqlite_file) {
            remove_sqlite_file(o.file);
            name = o.file;
        }
        check(sqlite3_open_v2(name.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                              nullptr));
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, qpsg ? 1 : 0, nullptr);
        exec("PRAGMA foreign_keys = ON");
        if (o.db == backend::sqlite_file) exec("PRAGMA journal_mode = WAL");
        for (const auto& s : schema_sql(false)) exec(s);
    }
    lite(const lite&) = delete;
    lite& operator=(const lite&) = delete;
    ~lite() { sqlite3_close(db); }
    void check(int rc, int expected = SQLITE_OK) const {
        if (rc != expected) {
            std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
            std::abort();
        }
    }
    void exec(const std::string& sql) const { check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr)); }
    [[nodiscard]] sqlite3_stmt* prepare(std::string_view sql) const {
        sqlite3_stmt* st = nullptr;
        check(sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st,
                                 nullptr));
        return st;
    }
};

void bind_text(sqlite3_stmt* st, int i, std::string_view s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
}

void bind_user(sqlite3_stmt* st, const user_row& u) {
    bind_text(st, 1, u.name);
    bind_text(st, 2, u.email);
    sqlite3_bind_int64(st, 3, u.age);
    if (u.bio) {
        bind_text(st, 4, *u.bio);
    } else {
        sqlite3_bind_null(st, 4);
    }
}

std::string_view text(sqlite3_stmt* st, int i) {
    return {reinterpret_cast<const char*>(sqlite3_column_text(st, i)), static_cast<std::size_t>(sqlite3_column_bytes(st, i))};
}

void read_user(sqlite3_stmt* st, user_row& u) {
    u.id = sqlite3_column_int64(st, 0);
    u.name.assign(text(st, 1));
    u.email.assign(text(st, 2));
    u.age = sqlite3_column_int64(st, 3);
    if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
        u.bio.reset();
    } else {
        u.bio.emplace(text(st, 4));
    }
}

void read_post(sqlite3_stmt* st, post_row& p) {
    p.id = sqlite3_column_int64(st, 0);
    p.user_id = sqlite3_column_int64(st, 1);
    p.title.assign(text(st, 2));
    p.body.assign(text(st, 3));
}

std::vector<user_row> select_users(sqlite3_stmt* st) {
    std::vector<user_row> out;
    while (sqlite3_step(st) == SQLITE_ROW) read_user(st, out.emplace_back());
    sqlite3_reset(st);
    return out;
}

void run_sqlite(const options& o, int rep) {
    lite db(o, true);
    const auto& all = users();
    sqlite3_stmt* ins = db.prepare(insert_sql);
    timed(o, "raw", "W1", rep, [&] {
        db.exec("BEGIN");
        for (const auto& u : all) {
            bind_user(ins, u);
            db.check(sqlite3_step(ins), SQLITE_DONE);
            sqlite3_reset(ins);
        }
        db.exec("COMMIT");
    });
    sqlite3_finalize(ins);
    sqlite3_stmt* pins = db.prepare(post_sql);
    db.exec("BEGIN");
    for (const auto& p : posts()) {
        sqlite3_bind_int64(pins, 1, p.user_id);
        bind_text(pins, 2, p.title);
        bind_text(pins, 3, p.body);
        db.check(sqlite3_step(pins), SQLITE_DONE);
        sqlite3_reset(pins);
    }
    db.exec("COMMIT");
    sqlite3_finalize(pins);

    sqlite3_stmt* get = db.prepare(by_key_sql);
    timed(o, "raw", "W2", rep, [&] {
        std::int64_t sum = 0;
        user_row u;
        for (std::int64_t k : lookup_keys()) {
            sqlite3_bind_int64(get, 1, k);
            db.check(sqlite3_step(get), SQLITE_ROW);
            read_user(get, u);
            sqlite3_reset(get);
            sum += u.id;
        }
        expect(sum > 0, "W2 rows");
    });
    sqlite3_finalize(get);

    sqlite3_stmt* sel = db.prepare(all_sql);
    timed(o, "raw", "W3", rep, [&] { expect(select_users(sel).size() == w3_rows, "W3 rows"); });
    sqlite3_finalize(sel);

    sqlite3_stmt* qu = db.prepare(w4_users_sql);
    sqlite3_stmt* qp = db.prepare(w4_posts_sql);
    timed(o, "raw", "W4", rep, [&] {
        sqlite3_bind_int64(qu, 1, w4_users);
        std::vector<user_row> us = select_users(qu);
        sqlite3_bind_int64(qp, 1, w4_users);
        std::vector<post_row> ps;
        while (sqlite3_step(qp) == SQLITE_ROW) read_post(qp, ps.emplace_back());
        sqlite3_reset(qp);
        std::vector<user_with_posts> out;
        attach(us, ps, out);
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });
    sqlite3_stmt* qi = db.prepare(w4_posts_in_sqlite);
    timed(o, "raw-in", "W4", rep, [&] {
        sqlite3_bind_int64(qu, 1, w4_users);
        std::vector<user_row> us = select_users(qu);
        const std::string keys = key_list(us, '[', ']');
        sqlite3_bind_text(qi, 1, keys.data(), static_cast<int>(keys.size()), SQLITE_STATIC);
        std::vector<post_row> ps;
        while (sqlite3_step(qi) == SQLITE_ROW) read_post(qi, ps.emplace_back());
        sqlite3_reset(qi);
        std::vector<user_with_posts> out;
        attach_by_key(us, ps, out);
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });
    sqlite3_finalize(qu);
    sqlite3_finalize(qp);
    sqlite3_finalize(qi);

    // W5 twice: with QPSG (the fastest honest baseline) and with SQLite's default, where every
    // change of the bound LIKE pattern re-prepares the statement.
    for (bool qpsg : {true, false}) {
        sqlite3_db_config(db.db, SQLITE_DBCONFIG_ENABLE_QPSG, qpsg ? 1 : 0, nullptr);
        sqlite3_stmt* f = db.prepare(filter_sql);
        timed(o, qpsg ? "raw" : "raw-noqpsg", "W5", rep, [&] {
            std::size_t rows = 0;
            std::vector<user_row> out;
            for (int k = 0; k < w5_queries; ++k) {
                const filter_params p = filter_for(k);
                bind_text(f, 1, p.pattern);
                sqlite3_bind_int64(f, 2, p.min_id);
                sqlite3_bind_int64(f, 3, p.limit);
                out.clear();
                while (sqlite3_step(f) == SQLITE_ROW) read_user(f, out.emplace_back());
                sqlite3_reset(f);
                rows += out.size();
            }
            expect(rows > 0, "W5 rows");
        });
        sqlite3_finalize(f);
    }

    sqlite3_stmt* load = db.prepare(w7_load_sql);
    sqlite3_bind_int64(load, 1, w7_objects);
    std::vector<user_row> loaded = select_users(load);
    sqlite3_finalize(load);
    sqlite3_stmt* upd = db.prepare(update_sql);
    timed(o, "raw", "W7", rep, [&] {
        for (auto& u : loaded) u.age += 1;
        db.exec("BEGIN");
        for (const auto& u : loaded) {
            sqlite3_bind_int64(upd, 1, u.age);
            sqlite3_bind_int64(upd, 2, u.id);
            db.check(sqlite3_step(upd), SQLITE_DONE);
            expect(sqlite3_changes(db.db) == 1, "W7 changes");
            sqlite3_reset(upd);
        }
        db.exec("COMMIT");
    });
    sqlite3_finalize(upd);

    // W6: what a unit of work sends for new objects, keys read back into them.
    for (const auto& s : schema_sql(false)) db.exec(s);
    sqlite3_stmt* ret = db.prepare(insert_returning_sql);
    std::vector<user_row> objects(all.begin(), all.end());
    timed(o, "raw", "W6", rep, [&] {
        db.exec("BEGIN");
        for (auto& u : objects) {
            bind_user(ret, u);
            db.check(sqlite3_step(ret), SQLITE_ROW);
            u.id = sqlite3_column_int64(ret, 0);
            sqlite3_reset(ret);
        }
        db.exec("COMMIT");
        expect(objects.back().id == w6_objects, "W6 keys");
    });
    sqlite3_finalize(ret);
}

// ---- libpq ------------------------------------------------------------------------------------

using bench::pq::connection;
using bench::pq::get_be64;
using bench::pq::put_be64;
using bench::pq::text_at;

/** Parameters of one call: texts as text, integers as binary int8. */
struct params {
    const char* values[4]{};
    int lengths[4]{};
    int formats[4]{};
    char ints[4][8]{};
    void text(int i, std::string_view s) {
        values[i] = s.data();
        lengths[i] = static_cast<int>(s.size());
        formats[i] = 0;
    }
    void null(int i) { values[i] = nullptr; }
    void int8(int i, std::int64_t v) {
        put_be64(ints[i], v);
        values[i] = ints[i];
        lengths[i] = 8;
        formats[i] = 1;
    }
    void user(const user_row& u) {
        text(0, u.name);
        text(1, u.email);
        int8(2, u.age);
        if (u.bio) {
            text(3, *u.bio);
        } else {
            null(3);
        }
    }
};

void read_user(const PGresult* r, int row, user_row& u) {
    u.id = get_be64(PQgetvalue(r, row, 0));
    u.name.assign(text_at(r, row, 1));
    u.email.assign(text_at(r, row, 2));
    u.age = get_be64(PQgetvalue(r, row, 3));
    if (PQgetisnull(r, row, 4)) {
        u.bio.reset();
    } else {
        u.bio.emplace(text_at(r, row, 4));
    }
}

std::vector<post_row> pg_posts(const PGresult* r) {
    std::vector<post_row> ps(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0; i < PQntuples(r); ++i) {
        auto& po = ps[static_cast<std::size_t>(i)];
        po.id = get_be64(PQgetvalue(r, i, 0));
        po.user_id = get_be64(PQgetvalue(r, i, 1));
        po.title.assign(text_at(r, i, 2));
        po.body.assign(text_at(r, i, 3));
    }
    return ps;
}

std::vector<user_row> pg_users(const PGresult* r) {
    std::vector<user_row> out(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0; i < PQntuples(r); ++i) read_user(r, i, out[static_cast<std::size_t>(i)]);
    return out;
}

void run_postgresql(const options& o, int rep) {
    connection c(o.url);
    for (const auto& s : schema_sql(true)) c.exec(s);
    const auto& all = users();
    c.prepare("ins", dollars(insert_sql));
    params p;
    timed(o, "raw", "W1", rep, [&] {
        c.exec("BEGIN");
        for (const auto& u : all) {
            p.user(u);
            PQclear(c.run("ins", 4, p.values, p.lengths, p.formats));
        }
        c.exec("COMMIT");
    });
    c.prepare("post", dollars(post_sql));
    c.exec("BEGIN");
    for (const auto& po : posts()) {
        p.int8(0, po.user_id);
        p.text(1, po.title);
        p.text(2, po.body);
        PQclear(c.run("post", 3, p.values, p.lengths, p.formats));
    }
    c.exec("COMMIT");
    c.exec("ANALYZE");

    c.prepare("get", dollars(by_key_sql));
    timed(o, "raw", "W2", rep, [&] {
        std::int64_t sum = 0;
        user_row u;
        for (std::int64_t k : lookup_keys()) {
            p.int8(0, k);
            PGresult* r = c.run("get", 1, p.values, p.lengths, p.formats);
            expect(PQntuples(r) == 1, "W2 row");
            read_user(r, 0, u);
            PQclear(r);
            sum += u.id;
        }
        expect(sum > 0, "W2 rows");
    });

    c.prepare("all", all_sql);
    timed(o, "raw", "W3", rep, [&] {
        PGresult* r = c.run("all", 0, nullptr, nullptr, nullptr);
        std::vector<user_row> out = pg_users(r);
        PQclear(r);
        expect(out.size() == w3_rows, "W3 rows");
    });

    c.prepare("w4u", dollars(w4_users_sql));
    c.prepare("w4p", dollars(w4_posts_sql));
    timed(o, "raw", "W4", rep, [&] {
        p.int8(0, w4_users);
        PGresult* r = c.run("w4u", 1, p.values, p.lengths, p.formats);
        std::vector<user_row> us = pg_users(r);
        PQclear(r);
        r = c.run("w4p", 1, p.values, p.lengths, p.formats);
        std::vector<post_row> ps = pg_posts(r);
        PQclear(r);
        std::vector<user_with_posts> out;
        attach(us, ps, out);
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });
    c.prepare("w4i", w4_posts_in_postgresql);
    timed(o, "raw-in", "W4", rep, [&] {
        p.int8(0, w4_users);
        PGresult* r = c.run("w4u", 1, p.values, p.lengths, p.formats);
        std::vector<user_row> us = pg_users(r);
        PQclear(r);
        const std::string keys = key_list(us, '{', '}');
        p.text(0, keys);
        r = c.run("w4i", 1, p.values, p.lengths, p.formats);
        std::vector<post_row> ps = pg_posts(r);
        PQclear(r);
        std::vector<user_with_posts> out;
        attach_by_key(us, ps, out);
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });

    c.prepare("filter", dollars(filter_sql));
    timed(o, "raw", "W5", rep, [&] {
        std::size_t rows = 0;
        for (int k = 0; k < w5_queries; ++k) {
            const filter_params f = filter_for(k);
            p.text(0, f.pattern);
            p.int8(1, f.min_id);
            p.int8(2, f.limit);
            PGresult* r = c.run("filter", 3, p.values, p.lengths, p.formats);
            rows += pg_users(r).size();
            PQclear(r);
        }
        expect(rows > 0, "W5 rows");
    });

    c.prepare("w7", dollars(w7_load_sql));
    p.int8(0, w7_objects);
    PGresult* lr = c.run("w7", 1, p.values, p.lengths, p.formats);
    std::vector<user_row> loaded = pg_users(lr);
    PQclear(lr);
    c.prepare("upd", dollars(update_sql));
    timed(o, "raw", "W7", rep, [&] {
        for (auto& u : loaded) u.age += 1;
        c.exec("BEGIN");
        for (const auto& u : loaded) {
            p.int8(0, u.age);
            p.int8(1, u.id);
            PGresult* r = c.run("upd", 2, p.values, p.lengths, p.formats);
            expect(std::string_view(PQcmdTuples(r)) == "1", "W7 changes");
            PQclear(r);
        }
        c.exec("COMMIT");
    });

    for (const auto& s : schema_sql(true)) c.exec(s);
    c.prepare("ret", dollars(insert_returning_sql));
    std::vector<user_row> objects(all.begin(), all.end());
    timed(o, "raw", "W6", rep, [&] {
        c.exec("BEGIN");
        for (auto& u : objects) {
            p.user(u);
            PGresult* r = c.run("ret", 4, p.values, p.lengths, p.formats);
            u.id = get_be64(PQgetvalue(r, 0, 0));
            PQclear(r);
        }
        c.exec("COMMIT");
        expect(objects.back().id == w6_objects, "W6 keys");
    });
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    for (int rep = 1; rep <= o.reps; ++rep) {
        if (o.postgresql()) {
            run_postgresql(o, rep);
        } else {
            run_sqlite(o, rep);
        }
    }
    return 0;
}
