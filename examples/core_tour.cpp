// The steps of SQLAlchemy's Core tutorial ("Working with Data") with retort, on SQLite in
// memory: users and their posts; each step prints its SQL and what came back.
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tour {

struct User {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> fullname;
};

struct Post {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title;
    std::int64_t likes = 0;
};

}  // namespace tour

template <>
inline constexpr auto retort::table<tour::User> = retort::table_def{
    "user_account",
    retort::column<&tour::User::name>.max_length(30).unique(),
};

template <>
inline constexpr auto retort::table<tour::Post> = retort::table_def{
    "post",
    retort::column<&tour::Post::user_id>.references(&tour::User::id),
    retort::column<&tour::Post::likes>.default_value(0),
};

namespace {

using retort::col;
using tour::Post;
using tour::User;

int failures = 0;

template <class Stmt>
const Stmt& show(const Stmt& stmt) {
    fmt::print("  {}\n", retort::sql<retort::sqlite>(stmt));
    return stmt;
}

void expect(bool ok, const char* what) {
    if (!ok) {
        fmt::print("  UNEXPECTED: {}\n", what);
        ++failures;
    }
}

}  // namespace

int main() {
    auto engine = retort::create_engine("sqlite://");
    auto conn = engine.connect();

    fmt::print("metadata.create_all(engine):\n");
    for (auto ddl : retort::create_all_sql<retort::sqlite, User, Post>()) fmt::print("  {}\n", ddl);
    retort::create_all<User, Post>(conn);

    fmt::print("\ninsert(user_table).values(name=..., fullname=...), with RETURNING:\n");
    const User spongebob{0, "spongebob", "Spongebob Squarepants"};
    const auto sb_id = conn.execute(show(retort::insert<User>().values(spongebob).returning(col<&User::id>))).scalar();
    fmt::print("    inserted primary key {}\n", sb_id);

    fmt::print("\nexecutemany: several rows in one statement:\n");
    const std::array more{User{0, "sandy", "Sandy Cheeks"}, User{0, "patrick", "Patrick Star"},
                          User{0, "squidward", std::nullopt}};
    fmt::print("    {} rows\n", conn.execute(show(retort::insert<User>().values(more))).rows_affected());

    fmt::print("\ninsert of chosen columns, and INSERT ... SELECT:\n");
    conn.execute(show(retort::insert<Post>()
                          .columns<&Post::user_id, &Post::title, &Post::likes>()
                          .values(sb_id, "Jellyfishing", std::int64_t{12})));
    auto from_select = retort::insert<Post>().columns<&Post::user_id, &Post::title>().from_select(
        retort::select(col<&User::id>, col<&User::name>).where(col<&User::name> != "squidward"));
    fmt::print("    {} rows\n", conn.execute(show(from_select)).rows_affected());

    fmt::print("\nselect(user_table).where(user_table.c.name == 'spongebob'):\n");
    for (const User& u : conn.execute(show(retort::select<User>().where(col<&User::name> == "spongebob")))) {
        fmt::print("    User(id={}, name={}, fullname={})\n", u.id, u.name, u.fullname.value_or("None"));
    }

    fmt::print("\nselect columns, order_by, limit:\n");
    auto names = retort::select(col<&User::name>, col<&User::fullname>).order_by(col<&User::name>).limit(3);
    for (auto [name, fullname] : conn.execute(show(names))) {
        fmt::print("    {} ({})\n", name, fullname.value_or("no full name"));
    }

    fmt::print("\nlike / in_ / is_(None):\n");
    const std::vector<std::string> wanted{"sandy", "patrick"};
    auto filtered = retort::select(col<&User::name>)
                        .where(col<&User::name>.in(wanted) || col<&User::fullname>.is_null())
                        .order_by(col<&User::id>);
    auto got = conn.execute(show(filtered)).scalars();
    fmt::print("    {}\n", fmt::join(got, ", "));
    expect(got == std::vector<std::string>{"sandy", "patrick", "squidward"}, "in_ / is_(None)");

    fmt::print("\njoin, from the foreign key:\n");
    auto joined = retort::select(col<&User::name>, col<&Post::title>)
                      .join<Post>()
                      .where(col<&Post::title>.like("%fish%"));
    for (auto [name, title] : conn.execute(show(joined))) fmt::print("    {}: {}\n", name, title);

    fmt::print("\nouter join, group_by, having, count:\n");
    auto counts = retort::select(col<&User::name>, retort::count(col<&Post::id>).label<"n">())
                      .left_join<Post>()
                      .group_by(col<&User::id>, col<&User::name>)
                      .having(retort::count(col<&Post::id>) >= 1)
                      .order_by(col<&User::id>);
    for (auto [name, n] : conn.execute(show(counts))) fmt::print("    {} has {} posts\n", name, n);

    fmt::print("\nscalar subquery and EXISTS:\n");
    auto post_count = retort::select(retort::count(col<&Post::id>))
                          .where(col<&Post::user_id> == col<&User::id>)
                          .scalar_subquery();
    auto busy = retort::select(col<&User::name>, post_count.label<"posts">())
                    .where(retort::exists(retort::select(col<&Post::id>)
                                              .where(col<&Post::user_id> == col<&User::id> &&
                                                     col<&Post::likes> > 10)));
    for (auto [name, n] : conn.execute(show(busy))) fmt::print("    {} ({} posts)\n", name, n);

    fmt::print("\nCTE and UNION:\n");
    auto liked = retort::select(col<&Post::user_id>).where(col<&Post::likes> > 0).cte<"liked">();
    auto with_cte = retort::select(col<&User::name>)
                        .join(liked, liked.col<&Post::user_id> == col<&User::id>)
                        .with(liked);
    fmt::print("    liked: {}\n", fmt::join(conn.execute(show(with_cte)).scalars(), ", "));
    auto both = retort::union_(retort::select(col<&User::name>).where(col<&User::id> == 1),
                               retort::select(col<&Post::title>).where(col<&Post::likes> > 0));
    fmt::print("    union: {}\n", fmt::join(conn.execute(show(both)).scalars(), ", "));

    fmt::print("\nupdate(user_table).where(...).values(fullname=...):\n");
    auto update = retort::update<User>()
                      .set(col<&User::fullname> = "Squidward Tentacles")
                      .where(col<&User::name> == "squidward")
                      .returning(col<&User::id>, col<&User::fullname>);
    auto [uid, full] = conn.execute(show(update)).one();
    fmt::print("    id {} is now {}\n", uid, full.value_or("?"));

    fmt::print("\ndelete(...).where(...), rowcount:\n");
    auto unlink = retort::delete_<Post>().where(col<&Post::user_id> == sb_id);
    const auto deleted = conn.execute(show(unlink)).rows_affected();
    fmt::print("    {} rows\n", deleted);
    expect(deleted == 2, "two posts of spongebob");

    fmt::print("\ntext(), with bound values:\n");
    auto raw = retort::text<"SELECT name FROM user_account WHERE id > ? ORDER BY name">()
                   .bind(std::int64_t{2})
                   .returns<std::string>();
    fmt::print("    {}\n", fmt::join(conn.execute(show(raw)).scalars(), ", "));

    return failures == 0 ? 0 : 1;
}
