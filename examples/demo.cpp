// The demo behind `bash scripts/demo.sh`: a blog in blog.db, written and read with Core
// statements whose SQL the compiler wrote; each step prints the SQL it ran.
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace blog {

struct Post;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<std::string> bio;
    retort::timestamp created_at{};  // set by the database
    std::vector<Post> posts;         // a relationship, not a column
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    std::int64_t views = 0;
};

}  // namespace blog

template <>
inline constexpr auto retort::table<blog::User> = retort::table_def{
    "users",
    retort::column<&blog::User::username>.max_length(50).unique(),
    retort::column<&blog::User::email>.max_length(120).unique(),
    retort::column<&blog::User::created_at>.server_default(retort::func::now()),
    retort::has_many<&blog::User::posts>.by(&blog::Post::author_id),
};

template <>
inline constexpr auto retort::table<blog::Post> = retort::table_def{
    "posts",
    retort::column<&blog::Post::author_id>.references(&blog::User::id).index(),
};

namespace {

using blog::Post;
using blog::User;
using retort::col;

/** Prints the SQL a statement runs on SQLite: a constant the compiler rendered. */
template <class Stmt>
const Stmt& show(const Stmt& stmt) {
    fmt::print("  {}\n", retort::sql<retort::sqlite>(stmt));
    return stmt;
}

}  // namespace

int main() {
    fmt::print("retort {} demo\n", retort::version);
    auto engine = retort::create_engine("sqlite:///blog.db");
    auto conn = engine.connect();

    // Start from empty tables so the demo prints the same thing every run.
    retort::drop_all<User, Post>(conn);
    retort::create_all<User, Post>(conn);
    fmt::print("created tables users and posts in blog.db\n");

    fmt::print("insert users, reading back the generated id and the server's created_at:\n");
    const std::array users{User{0, "alice", "alice@example.com", "writes", {}, {}},
                           User{0, "bob", "bob@example.org", std::nullopt, {}, {}},
                           User{0, "carol", "carol@example.com", std::nullopt, {}, {}}};
    std::vector<std::int64_t> ids;
    for (const User& u : users) {
        auto [id, created] = conn.execute(show(retort::insert<User>().values(u).returning(
                                              col<&User::id>, col<&User::created_at>)))
                                 .one();
        fmt::print("    -> {} has id {} (created_at set: {})\n", u.username, id,
                   created != retort::timestamp{});
        ids.push_back(id);
    }
    const std::array posts{Post{0, "Hello, world", ids[0], 10}, Post{0, "Second thoughts", ids[0], 150},
                           Post{0, "Bob writes too", ids[1], 40}};
    const auto added = conn.execute(show(retort::insert<Post>().values(posts))).rows_affected();
    fmt::print("    -> {} posts\n", added);

    fmt::print("users with an example.com address, newest id first, at most 10:\n");
    auto q = retort::select<User>()
                 .where(col<&User::email>.like("%@example.com"))
                 .order_by(col<&User::id>.desc())
                 .limit(10);
    for (const User& u : conn.execute(show(q))) {
        fmt::print("    id={} username={} bio={}\n", u.id, u.username, u.bio.value_or("(none)"));
    }

    fmt::print("posts with their authors (a join found from the foreign key):\n");
    auto join = retort::select(col<&Post::title>, col<&User::username>)
                    .join<User>()
                    .order_by(col<&Post::id>);
    for (auto [title, author] : conn.execute(show(join))) {
        fmt::print("    '{}' by {}\n", title, author);
    }

    fmt::print("update:\n");
    auto update = retort::update<Post>()
                      .set(col<&Post::views> = col<&Post::views> + 1)
                      .where(col<&Post::author_id> == ids[0]);
    fmt::print("    -> {} rows\n", conn.execute(show(update)).rows_affected());

    fmt::print("delete:\n");
    auto del = retort::delete_<User>().where(col<&User::id> == ids[2]);
    fmt::print("    -> {} rows\n", conn.execute(show(del)).rows_affected());

    fmt::print("raw SQL with a bound value:\n");
    auto raw = retort::text<"SELECT username, (SELECT count(*) FROM posts WHERE author_id = users.id) "
                            "FROM users WHERE id >= ? ORDER BY id">()
                   .bind(ids[0])
                   .returns<std::string, std::int64_t>();
    std::int64_t total = 0;
    for (auto [name, count] : conn.execute(show(raw))) {
        fmt::print("    {} wrote {} posts\n", name, count);
        total += count;
    }

    const auto users_left = conn.execute(retort::select(retort::count()).select_from<User>()).scalar();
    fmt::print("blog.db now holds {} users and {} posts\n", users_left, total);
    return users_left == 2 && total == 3 ? 0 : 1;
}
