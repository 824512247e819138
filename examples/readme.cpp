// The README's example, built and run by ctest so the README cannot rot.
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <fmt/core.h>
#include <optional>
#include <string>

struct Post;

struct User {
    std::int64_t id = 0;                  // the primary key, by convention
    std::string username;                 // NOT NULL
    std::string email;
    std::optional<std::string> bio;       // nullable
    retort::timestamp created_at{};       // set by the server, read back
    retort::many<Post> posts;             // a relationship, not a column
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    retort::one<User> author;
};

template <> inline constexpr auto retort::table<User> = retort::table_def{
    "users",
    retort::column<&User::username>.max_length(50).unique(),
    retort::column<&User::email>.max_length(120).unique(),
    retort::column<&User::created_at>.server_default(retort::func::now()),
    retort::has_many<&User::posts>.by(&Post::author_id),
};
template <> inline constexpr auto retort::table<Post> = retort::table_def{
    "posts",
    retort::column<&Post::author_id>.references(&User::id).index(),
    retort::belongs_to<&Post::author>.by(&Post::author_id),
};

int main() {
    using retort::col;
    auto engine = retort::create_engine("sqlite://");          // or postgresql://user@host/db
    retort::create_all<User, Post>(engine);                    // DDL in foreign-key order

    retort::session s{engine};
    User& alice = s.add(User{0, "alice", "alice@example.com", {}, {}, {}});
    alice.posts.add(Post{0, "Hello, retort", 0, {}});
    s.commit();                                     // INSERT users ... RETURNING id, created_at;
                                                    // INSERT posts with author_id = alice.id
    alice.email = "alice@new.example";
    s.commit();                                     // UPDATE users SET email = ? WHERE id = ?

    // SQL fixed at compile time; the values are bound at run time.
    auto q = retort::select<User>()
                 .where(col<&User::email>.like("%.example") && col<&User::id> > 0)
                 .order_by(col<&User::created_at>.desc())
                 .limit(10)
                 .options(retort::selectinload<&User::posts>);   // 2 queries, no N+1
    static_assert(retort::sql<retort::sqlite>(q) ==
                  "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                  "FROM users WHERE users.email LIKE ? AND users.id > ? "
                  "ORDER BY users.created_at DESC LIMIT ?");
    for (User& u : s.scalars(q))
        for (Post& p : u.posts) fmt::print("{} wrote '{}'\n", u.username, p.title);

    // Core without the ORM, on a connection of the same engine.
    s.commit();
    auto conn = engine.connect();
    for (auto [id, name] : conn.execute(retort::select(col<&User::id>, col<&User::username>)))
        fmt::print("user {} is {}\n", id, name);
    return 0;
}
