// W1-W5 and W7 through libpqxx 6 (Debian's libpqxx-dev) on PostgreSQL, prepared statements.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "workload.hpp"

namespace {

using namespace bench::wl;

constexpr const char* select_cols = "SELECT id, name, email, age, bio FROM users";

user_row read_user(const pqxx::row& r) {
    user_row u;
    u.id = r[0].as<std::int64_t>();
    u.name.assign(r[1].c_str(), r[1].size());
    u.email.assign(r[2].c_str(), r[2].size());
    u.age = r[3].as<std::int64_t>();
    if (!r[4].is_null()) u.bio.emplace(r[4].c_str(), r[4].size());
    return u;
}

void run(const options& o, int rep) {
    pqxx::connection c(o.url);
    {
        pqxx::nontransaction n(c);
        for (const auto& s : schema_sql(true)) n.exec(s);
    }
    c.prepare("ins", "INSERT INTO users (name, email, age, bio) VALUES ($1, $2, $3, $4)");
    timed(o, "pqxx", "W1", rep, [&] {
        pqxx::work w(c);
        for (const auto& u : users()) w.exec_prepared("ins", u.name, u.email, u.age, u.bio ? u.bio->c_str() : nullptr);
        w.commit();
    });
    c.prepare("post", "INSERT INTO posts (user_id, title, body) VALUES ($1, $2, $3)");
    {
        pqxx::work w(c);
        for (const auto& p : posts()) w.exec_prepared("post", p.user_id, p.title, p.body);
        w.exec("ANALYZE");
        w.commit();
    }
    c.prepare("get", std::string(select_cols) + " WHERE id = $1");
    timed(o, "pqxx", "W2", rep, [&] {
        pqxx::nontransaction n(c);
        std::int64_t sum = 0;
        for (std::int64_t k : lookup_keys()) {
            pqxx::result r = n.exec_prepared("get", k);
            expect(r.size() == 1, "W2 row");
            sum += read_user(r[0]).id;
        }
        expect(sum > 0, "W2 rows");
    });
    c.prepare("all", select_cols);
    timed(o, "pqxx", "W3", rep, [&] {
        pqxx::nontransaction n(c);
        pqxx::result r = n.exec_prepared("all");
        std::vector<user_row> out;
        out.reserve(r.size());
        for (const auto& row : r) out.push_back(read_user(row));
        expect(out.size() == w3_rows, "W3 rows");
    });
    c.prepare("w4u", std::string(select_cols) + " WHERE id <= $1 ORDER BY id");
    c.prepare("w4p", "SELECT id, user_id, title, body FROM posts WHERE user_id <= $1 ORDER BY user_id, id");
    struct user_with_posts {
        user_row user;
        std::vector<post_row> posts;
    };
    timed(o, "pqxx", "W4", rep, [&] {
        pqxx::nontransaction n(c);
        std::vector<user_with_posts> out;
        for (const auto& row : n.exec_prepared("w4u", w4_users)) out.push_back({read_user(row), {}});
        std::size_t at = 0;
        for (const auto& row : n.exec_prepared("w4p", w4_users)) {
            post_row p{row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].c_str(), row[3].c_str()};
            while (out[at].user.id != p.user_id) ++at;
            out[at].posts.push_back(std::move(p));
        }
        expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
    });
    c.prepare("filter", std::string(select_cols) + " WHERE name LIKE $1 AND id > $2 ORDER BY id LIMIT $3");
    timed(o, "pqxx", "W5", rep, [&] {
        pqxx::nontransaction n(c);
        std::size_t rows = 0;
        std::vector<user_row> out;
        for (int k = 0; k < w5_queries; ++k) {
            const filter_params f = filter_for(k);
            out.clear();
            for (const auto& row : n.exec_prepared("filter", f.pattern, f.min_id, f.limit)) out.push_back(read_user(row));
            rows += out.size();
        }
        expect(rows > 0, "W5 rows");
    });
    std::vector<user_row> loaded;
    {
        pqxx::nontransaction n(c);
        for (const auto& row : n.exec_prepared("w4u", w7_objects)) loaded.push_back(read_user(row));
    }
    c.prepare("upd", "UPDATE users SET age = $1 WHERE id = $2");
    timed(o, "pqxx", "W7", rep, [&] {
        for (auto& u : loaded) u.age += 1;
        pqxx::work w(c);
        for (const auto& u : loaded) expect(w.exec_prepared("upd", u.age, u.id).affected_rows() == 1, "W7 changes");
        w.commit();
    });
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    if (!o.postgresql()) return 0;  // libpqxx speaks only PostgreSQL: n/a on SQLite
    for (int rep = 1; rep <= o.reps; ++rep) run(o, rep);
    return 0;
}
