// W1-W5 and W7 through SOCI 4 (Debian's libsoci-dev), statements prepared once with use/into.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <vector>

#include "workload.hpp"

namespace {

using namespace bench::wl;

/** The variables a statement binds (use) and fills (into), as SOCI wants them. */
struct row_vars {
    long long id = 0;
    std::string name;
    std::string email;
    long long age = 0;
    std::string bio;
    soci::indicator bio_ind = soci::i_ok;

    void set(const user_row& u) {
        name = u.name;
        email = u.email;
        age = u.age;
        bio = u.bio.value_or(std::string());
        bio_ind = u.bio ? soci::i_ok : soci::i_null;
    }
    [[nodiscard]] user_row get() const {
        user_row u{id, name, email, age, {}};
        if (bio_ind == soci::i_ok) u.bio = bio;
        return u;
    }
};

/** SOCI's PostgreSQL backend takes key=value pairs, not a URL: postgresql://user@host:port/db. */
std::string conninfo(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string out;
    if (const auto at = rest.find('@'); at != std::string::npos) {
        out += "user=" + rest.substr(0, at) + " ";
        rest = rest.substr(at + 1);
    }
    const auto slash = rest.find('/');
    const std::string host_port = rest.substr(0, slash);
    const std::string db = slash == std::string::npos ? "" : rest.substr(slash + 1, rest.find('?', slash) - slash - 1);
    if (const auto colon = host_port.find(':'); colon != std::string::npos) {
        out += "host=" + host_port.substr(0, colon) + " port=" + host_port.substr(colon + 1);
    } else {
        out += "host=" + host_port;
    }
    if (!db.empty()) out += " dbname=" + db;
    return out;
}

// SOCI spells parameters :name on both backends and translates them for PostgreSQL.
constexpr const char* select_cols = "SELECT id, name, email, age, bio FROM users";

void run(const options& o, int rep) {
    std::unique_ptr<soci::session> sql;
    if (o.postgresql()) {
        sql = std::make_unique<soci::session>(soci::postgresql, conninfo(o.url));
    } else {
        std::string file = ":memory:";
        if (o.db == backend::sqlite_file) {
            remove_sqlite_file(o.file);
            file = o.file;
        }
        sql = std::make_unique<soci::session>(soci::sqlite3, "db=" + file);
        *sql << "PRAGMA foreign_keys = ON";
        if (o.db == backend::sqlite_file) *sql << "PRAGMA journal_mode = WAL";
    }
    soci::session& db = *sql;
    for (const auto& s : schema_sql(o.postgresql())) db << s;

    row_vars v;
    {
        soci::statement ins = (db.prepare << "INSERT INTO users (name, email, age, bio) VALUES (:n, :e, :a, :b)",
                               soci::use(v.name), soci::use(v.email), soci::use(v.age), soci::use(v.bio, v.bio_ind));
        timed(o, "soci", "W1", rep, [&] {
            soci::transaction tr(db);
            for (const auto& u : users()) {
                v.set(u);
                ins.execute(true);
            }
            tr.commit();
        });
    }
    {
        long long uid = 0;
        std::string title;
        std::string body;
        soci::statement ins = (db.prepare << "INSERT INTO posts (user_id, title, body) VALUES (:u, :t, :b)",
                               soci::use(uid), soci::use(title), soci::use(body));
        soci::transaction tr(db);
        for (const auto& p : posts()) {
            uid = p.user_id;
            title = p.title;
            body = p.body;
            ins.execute(true);
        }
        tr.commit();
        if (o.postgresql()) db << "ANALYZE";
    }
    auto into_row = [&](soci::statement& st) {
        st.exchange(soci::into(v.id));
        st.exchange(soci::into(v.name));
        st.exchange(soci::into(v.email));
        st.exchange(soci::into(v.age));
        st.exchange(soci::into(v.bio, v.bio_ind));
    };
    {
        long long key = 0;
        soci::statement get(db);
        into_row(get);
        get.exchange(soci::use(key));
        get.alloc();
        get.prepare(std::string(select_cols) + " WHERE id = :k");
        get.define_and_bind();
        timed(o, "soci", "W2", rep, [&] {
            long long sum = 0;
            for (std::int64_t k : lookup_keys()) {
                key = k;
                expect(get.execute(true), "W2 row");
                user_row u = v.get();
                sum += u.id;
            }
            expect(sum > 0, "W2 rows");
        });
    }
    {
        soci::statement all(db);
        into_row(all);
        all.alloc();
        all.prepare(select_cols);
        all.define_and_bind();
        timed(o, "soci", "W3", rep, [&] {
            std::vector<user_row> out;
            all.execute();
            while (all.fetch()) out.push_back(v.get());
            expect(out.size() == w3_rows, "W3 rows");
        });
    }
    {
        long long limit = w4_users;
        soci::statement us(db);
        into_row(us);
        us.exchange(soci::use(limit));
        us.alloc();
        us.prepare(std::string(select_cols) + " WHERE id <= :k ORDER BY id");
        us.define_and_bind();
        post_row p;
        long long pid = 0;
        long long puid = 0;
        soci::statement ps = (db.prepare << "SELECT id, user_id, title, body FROM posts WHERE user_id <= :k "
                                            "ORDER BY user_id, id",
                              soci::into(pid), soci::into(puid), soci::into(p.title), soci::into(p.body),
                              soci::use(limit));
        struct user_with_posts {
            user_row user;
            std::vector<post_row> posts;
        };
        timed(o, "soci", "W4", rep, [&] {
            std::vector<user_with_posts> out;
            us.execute();
            while (us.fetch()) out.push_back({v.get(), {}});
            ps.execute();
            std::size_t at = 0;
            while (ps.fetch()) {
                p.id = pid;
                p.user_id = puid;
                while (out[at].user.id != p.user_id) ++at;
                out[at].posts.push_back(p);
            }
            expect(out.size() == w4_users && out.back().posts.size() == w4_posts_per_user, "W4 rows");
        });
    }
    {
        std::string pattern;
        long long min_id = 0;
        long long limit = 0;
        soci::statement f(db);
        into_row(f);
        f.exchange(soci::use(pattern));
        f.exchange(soci::use(min_id));
        f.exchange(soci::use(limit));
        f.alloc();
        f.prepare(std::string(select_cols) + " WHERE name LIKE :p AND id > :m ORDER BY id LIMIT :l");
        f.define_and_bind();
        timed(o, "soci", "W5", rep, [&] {
            std::size_t rows = 0;
            std::vector<user_row> out;
            for (int k = 0; k < w5_queries; ++k) {
                const filter_params fp = filter_for(k);
                pattern = fp.pattern;
                min_id = fp.min_id;
                limit = fp.limit;
                out.clear();
                f.execute();
                while (f.fetch()) out.push_back(v.get());
                rows += out.size();
            }
            expect(rows > 0, "W5 rows");
        });
    }
    {
        std::vector<user_row> loaded;
        {
            long long limit = w7_objects;
            soci::statement st(db);
            into_row(st);
            st.exchange(soci::use(limit));
            st.alloc();
            st.prepare(std::string(select_cols) + " WHERE id <= :k ORDER BY id");
            st.define_and_bind();
            st.execute();
            while (st.fetch()) loaded.push_back(v.get());
        }
        long long age = 0;
        long long id = 0;
        soci::statement upd = (db.prepare << "UPDATE users SET age = :a WHERE id = :i", soci::use(age), soci::use(id));
        timed(o, "soci", "W7", rep, [&] {
            for (auto& u : loaded) u.age += 1;
            soci::transaction tr(db);
            for (const auto& u : loaded) {
                age = u.age;
                id = u.id;
                upd.execute(true);
                expect(upd.get_affected_rows() == 1, "W7 changes");
            }
            tr.commit();
        });
    }
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    for (int rep = 1; rep <= o.reps; ++rep) run(o, rep);
    return 0;
}
