// Golden SQL of INSERT, UPDATE and DELETE: whole models, chosen columns, several rows,
// INSERT ... SELECT, ON CONFLICT, RETURNING, SET lists and the opt-in to touch every row.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

#include "models.hpp"
#include "sql_case.hpp"

namespace {

using namespace blog;
using namespace sqltest;
using retort::col;

TEST(SqlInsert, WholeModel) {
    User u{};
    auto q1 = retort::insert<User>().values(u);
    RETORT_CHECK_SQL(q1, "INSERT INTO users (username, email, bio) VALUES (?, ?, ?)",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3)");
    Post p{};
    auto q2 = retort::insert<Post>().values(p);
    RETORT_CHECK_SQL(q2,
                     "INSERT INTO posts (title, body, author_id, views, published, rating) VALUES "
                     "(?, ?, ?, ?, ?, ?)",
                     "INSERT INTO posts (title, body, author_id, views, published, rating) VALUES "
                     "($1, $2, $3, $4, $5, $6)");
    auto q3 = retort::insert<PostTag>().values(PostTag{1, 2});
    RETORT_CHECK_SQL(q3, "INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?)",
                     "INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)");
    auto q4 = retort::insert<Order>().values(Order{});
    RETORT_CHECK_SQL(q4, "INSERT INTO \"order\" (\"user\", total, note) VALUES (?, ?, ?)",
                     "INSERT INTO \"order\" (\"user\", total, note) VALUES ($1, $2, $3)");
    auto q5 = retort::insert<Employee>().values(Employee{});
    RETORT_CHECK_SQL(q5, "INSERT INTO employees (name, manager_id, salary) VALUES (?, ?, ?)",
                     "INSERT INTO employees (name, manager_id, salary) VALUES ($1, $2, $3)");
}

TEST(SqlInsert, SeveralRows) {
    std::array<Tag, 3> tags{};
    auto q1 = retort::insert<Tag>().values(tags);
    RETORT_CHECK_SQL(q1, "INSERT INTO tags (name) VALUES (?), (?), (?)",
                     "INSERT INTO tags (name) VALUES ($1), ($2), ($3)");
    auto q2 = retort::insert<PostTag>().values(std::array<PostTag, 2>{});
    RETORT_CHECK_SQL(q2, "INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?), (?, ?)",
                     "INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2), ($3, $4)");
    Tag raw[2]{};
    auto q3 = retort::insert<Tag>().values(raw).on_conflict_do_nothing<&Tag::name>();
    RETORT_CHECK_SQL(q3, "INSERT INTO tags (name) VALUES (?), (?) ON CONFLICT (name) DO NOTHING",
                     "INSERT INTO tags (name) VALUES ($1), ($2) ON CONFLICT (name) DO NOTHING");
}

// Longer than the renderer's first-pass buffer: the text is rendered again at its full size.
TEST(SqlInsert, ManyRows) {
    std::array<PostTag, 200> rows{};
    auto q = retort::insert<PostTag>().values(rows);
    std::string sqlite = "INSERT INTO post_tags (post_id, tag_id) VALUES ";
    std::string postgresql = sqlite;
    for (int i = 0; i != 200; ++i) {
        if (i != 0) sqlite += ", ", postgresql += ", ";
        sqlite += "(?, ?)";
        postgresql += "($" + std::to_string(2 * i + 1) + ", $" + std::to_string(2 * i + 2) + ")";
    }
    EXPECT_EQ(retort::sql<retort::sqlite>(q), sqlite);
    EXPECT_EQ(retort::sql<retort::postgresql>(q), postgresql);
    EXPECT_EQ(retort::sql<retort::sqlite>(q).data()[sqlite.size()], '\0');
    EXPECT_EQ(retort::sql<retort::postgresql>(q).data()[postgresql.size()], '\0');
    static_assert(retort::param_count(decltype(q){}) == 400);
}

TEST(SqlInsert, ChosenColumns) {
    auto q1 = retort::insert<User>().columns<&User::username, &User::email>().values("ann", "a@x");
    RETORT_CHECK_SQL(q1, "INSERT INTO users (username, email) VALUES (?, ?)",
                     "INSERT INTO users (username, email) VALUES ($1, $2)");
    auto q2 = retort::insert<User>()
                  .columns<&User::username, &User::email, &User::bio>()
                  .values("ann", "a@x", std::nullopt);
    RETORT_CHECK_SQL(q2, "INSERT INTO users (username, email, bio) VALUES (?, ?, ?)",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3)");
    auto q3 = retort::insert<User>()
                  .columns<&User::username, &User::email, &User::created_at>()
                  .values("ann", "a@x", retort::func::now());
    RETORT_CHECK_SQL(q3,
                     "INSERT INTO users (username, email, created_at) VALUES (?, ?, "
                     "CURRENT_TIMESTAMP)",
                     "INSERT INTO users (username, email, created_at) VALUES ($1, $2, "
                     "CURRENT_TIMESTAMP)");
    auto q4 = retort::insert<Post>()
                  .columns<&Post::title, &Post::body, &Post::author_id, &Post::published>()
                  .values("t", "b", 1, false)
                  .returning(col<&Post::id>);
    RETORT_CHECK_SQL(q4,
                     "INSERT INTO posts (title, body, author_id, published) VALUES (?, ?, ?, ?) "
                     "RETURNING id",
                     "INSERT INTO posts (title, body, author_id, published) VALUES ($1, $2, $3, $4) "
                     "RETURNING id");
}

TEST(SqlInsert, Returning) {
    User u{};
    auto q1 = retort::insert<User>()
                  .columns<&User::username, &User::email>()
                  .values(u.username, u.email)
                  .returning(col<&User::id>, col<&User::created_at>);
    RETORT_CHECK_SQL(q1,
                     "INSERT INTO users (username, email) VALUES (?, ?) RETURNING id, created_at",
                     "INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id, created_at");
    auto q2 = retort::insert<User>().values(u).returning<User>();
    RETORT_CHECK_SQL(q2,
                     "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) RETURNING id, "
                     "username, email, bio, created_at",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) RETURNING id, "
                     "username, email, bio, created_at");
    static_assert(std::is_same_v<decltype(q1)::result_type, std::tuple<std::int64_t, retort::timestamp>>);
    static_assert(std::is_same_v<decltype(q2)::result_type, User>);
    static_assert(std::is_same_v<decltype(retort::insert<User>().values(u))::result_type, void>);
}

TEST(SqlInsert, Upserts) {
    User u{};
    auto q1 = retort::insert<User>().values(u).on_conflict_do_nothing();
    RETORT_CHECK_SQL(q1, "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
    auto q2 = retort::insert<User>().values(u).on_conflict_do_nothing<&User::email>();
    RETORT_CHECK_SQL(q2,
                     "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) ON CONFLICT (email) "
                     "DO NOTHING",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) ON CONFLICT (email) "
                     "DO NOTHING");
    auto q3 = retort::insert<User>().values(u).on_conflict_do_update<&User::email>(
        retort::set<&User::username>(retort::excluded<&User::username>));
    RETORT_CHECK_SQL(q3,
                     "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username");
    auto q4 = retort::insert<User>().values(u).on_conflict_do_update<&User::email>(
        col<&User::username> = retort::excluded<&User::username>, col<&User::bio> = "updated");
    RETORT_CHECK_SQL(q4,
                     "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username, bio = ?",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username, bio = $4");
    auto q5 = retort::insert<User>().values(u).on_conflict_do_update<&User::email>();
    RETORT_CHECK_SQL(q5,
                     "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username, bio = excluded.bio",
                     "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) ON CONFLICT (email) "
                     "DO UPDATE SET username = excluded.username, bio = excluded.bio");
    auto q6 = retort::insert<PostTag>()
                  .values(PostTag{})
                  .on_conflict_do_nothing<&PostTag::post_id, &PostTag::tag_id>()
                  .returning(col<&PostTag::post_id>);
    RETORT_CHECK_SQL(q6,
                     "INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?) ON CONFLICT (post_id, "
                     "tag_id) DO NOTHING RETURNING post_id",
                     "INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2) ON CONFLICT (post_id, "
                     "tag_id) DO NOTHING RETURNING post_id");
    auto q7 = retort::insert<Post>().values(Post{}).on_conflict_do_update<&Post::id>(
        col<&Post::views> = col<&Post::views> + retort::excluded<&Post::views>);
    RETORT_CHECK_SQL(q7,
                     "INSERT INTO posts (title, body, author_id, views, published, rating) VALUES "
                     "(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET views = posts.views + "
                     "excluded.views",
                     "INSERT INTO posts (title, body, author_id, views, published, rating) VALUES "
                     "($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET views = posts.views + "
                     "excluded.views");
}

TEST(SqlInsert, FromSelect) {
    auto q1 = retort::insert<Tag>().columns<&Tag::name>().from_select(
        retort::select(col<&User::username>).where(col<&User::id> > 10));
    RETORT_CHECK_SQL(q1,
                     "INSERT INTO tags (name) SELECT users.username FROM users WHERE users.id > ?",
                     "INSERT INTO tags (name) SELECT users.username FROM users WHERE users.id > $1");
    auto q2 = retort::insert<PostTag>()
                  .columns<&PostTag::post_id, &PostTag::tag_id>()
                  .from_select(retort::select(col<&Post::id>, col<&Tag::id>)
                                   .join<Tag>(col<&Tag::name> == "news"))
                  .on_conflict_do_nothing();
    RETORT_CHECK_SQL(q2,
                     "INSERT INTO post_tags (post_id, tag_id) SELECT posts.id, tags.id FROM posts "
                     "JOIN tags ON tags.name = ? ON CONFLICT DO NOTHING",
                     "INSERT INTO post_tags (post_id, tag_id) SELECT posts.id, tags.id FROM posts "
                     "JOIN tags ON tags.name = $1 ON CONFLICT DO NOTHING");
}

TEST(SqlUpdate, Set) {
    auto q1 = retort::update<User>().set(col<&User::email> = "e@x").where(col<&User::id> == 1);
    RETORT_CHECK_SQL(q1, "UPDATE users SET email = ? WHERE users.id = ?",
                     "UPDATE users SET email = $1 WHERE users.id = $2");
    auto q2 = retort::update<User>()
                  .set(retort::set<&User::email>("e@x"), retort::set<&User::bio>(std::nullopt))
                  .where(col<&User::id> == 1);
    RETORT_CHECK_SQL(q2, "UPDATE users SET email = ?, bio = ? WHERE users.id = ?",
                     "UPDATE users SET email = $1, bio = $2 WHERE users.id = $3");
    auto q3 = retort::update<Post>()
                  .set(col<&Post::views> = col<&Post::views> + 1)
                  .set(col<&Post::published> = true)
                  .where(col<&Post::id> == 3)
                  .where(col<&Post::published> == false);
    RETORT_CHECK_SQL(q3,
                     "UPDATE posts SET views = posts.views + ?, published = ? WHERE posts.id = ? "
                     "AND posts.published = ?",
                     "UPDATE posts SET views = posts.views + $1, published = $2 WHERE posts.id = $3 "
                     "AND posts.published = $4");
    auto q4 = retort::update<Order>().set(col<&Order::user> = 2).where(col<&Order::user> == 1);
    RETORT_CHECK_SQL(q4, "UPDATE \"order\" SET \"user\" = ? WHERE \"order\".\"user\" = ?",
                     "UPDATE \"order\" SET \"user\" = $1 WHERE \"order\".\"user\" = $2");
    auto q5 = retort::update<User>()
                  .where(col<&User::id> == 9)
                  .set(col<&User::username> = retort::func::call<"upper", std::string>(
                           col<&User::username>));
    RETORT_CHECK_SQL(q5, "UPDATE users SET username = upper(users.username) WHERE users.id = ?",
                     "UPDATE users SET username = upper(users.username) WHERE users.id = $1");
}

TEST(SqlUpdate, UnconditionallyAndReturning) {
    auto q1 = retort::update<Post>().set(col<&Post::views> = 0).unconditionally();
    RETORT_CHECK_SQL(q1, "UPDATE posts SET views = ?",
                     "UPDATE posts SET views = $1");
    auto q2 = retort::update<User>()
                  .set(col<&User::bio> = "x")
                  .where(col<&User::email>.like("%@old.org"))
                  .returning(col<&User::id>, col<&User::bio>);
    RETORT_CHECK_SQL(q2, "UPDATE users SET bio = ? WHERE users.email LIKE ? RETURNING id, bio",
                     "UPDATE users SET bio = $1 WHERE users.email LIKE $2 RETURNING id, bio");
    auto q3 = retort::update<Tag>().set(col<&Tag::name> = "n").where(col<&Tag::id> == 1).returning<Tag>();
    RETORT_CHECK_SQL(q3, "UPDATE tags SET name = ? WHERE tags.id = ? RETURNING id, name",
                     "UPDATE tags SET name = $1 WHERE tags.id = $2 RETURNING id, name");
    auto q4 = retort::update<User>()
                  .set(col<&User::bio> = "active")
                  .where(retort::exists(retort::select(col<&Post::id>)
                                            .where(col<&Post::author_id> == col<&User::id>)));
    RETORT_CHECK_SQL(q4,
                     "UPDATE users SET bio = ? WHERE EXISTS (SELECT posts.id FROM posts WHERE "
                     "posts.author_id = users.id)",
                     "UPDATE users SET bio = $1 WHERE EXISTS (SELECT posts.id FROM posts WHERE "
                     "posts.author_id = users.id)");
}

TEST(SqlDelete, WhereAndReturning) {
    auto q1 = retort::delete_<User>().where(col<&User::id> == 1);
    RETORT_CHECK_SQL(q1, "DELETE FROM users WHERE users.id = ?",
                     "DELETE FROM users WHERE users.id = $1");
    auto q2 = retort::delete_<Post>().where(col<&Post::views> < 10 && !col<&Post::published>);
    RETORT_CHECK_SQL(q2, "DELETE FROM posts WHERE posts.views < ? AND NOT posts.published",
                     "DELETE FROM posts WHERE posts.views < $1 AND NOT posts.published");
    auto q3 = retort::delete_<Tag>().unconditionally();
    RETORT_CHECK_SQL(q3, "DELETE FROM tags",
                     "DELETE FROM tags");
    auto q4 = retort::delete_<Tag>().where(col<&Tag::name>.like("tmp%")).returning(col<&Tag::id>);
    RETORT_CHECK_SQL(q4, "DELETE FROM tags WHERE tags.name LIKE ? RETURNING id",
                     "DELETE FROM tags WHERE tags.name LIKE $1 RETURNING id");
    auto q5 = retort::delete_<Order>().where(col<&Order::user> == 3).returning<Order>();
    RETORT_CHECK_SQL(q5, "DELETE FROM \"order\" WHERE \"order\".\"user\" = ? RETURNING id, \"user\", total, note",
                     "DELETE FROM \"order\" WHERE \"order\".\"user\" = $1 RETURNING id, \"user\", total, note");
    std::vector<std::int64_t> ids{4, 5};
    auto q6 = retort::delete_<User>().where(col<&User::id>.in(ids));
    RETORT_CHECK_SQL(q6, "DELETE FROM users WHERE users.id IN (SELECT value FROM json_each(?))",
                     "DELETE FROM users WHERE users.id = ANY($1)");
    auto q7 = retort::delete_<PostTag>().where(col<&PostTag::post_id>.in(
        retort::select(col<&Post::id>).where(col<&Post::author_id> == 2)));
    RETORT_CHECK_SQL(q7,
                     "DELETE FROM post_tags WHERE post_tags.post_id IN (SELECT posts.id FROM posts "
                     "WHERE posts.author_id = ?)",
                     "DELETE FROM post_tags WHERE post_tags.post_id IN (SELECT posts.id FROM posts "
                     "WHERE posts.author_id = $1)");
}

TEST(SqlText, Raw) {
    auto q1 = retort::text<"SELECT id, username FROM users WHERE id > ? AND username != '?'">()
                  .bind(10)
                  .returns<std::int64_t, std::string>();
    RETORT_CHECK_SQL(q1, "SELECT id, username FROM users WHERE id > ? AND username != '?'",
                     "SELECT id, username FROM users WHERE id > $1 AND username != '?'");
    static_assert(std::is_same_v<decltype(q1)::result_type, std::tuple<std::int64_t, std::string>>);
    auto q2 = retort::text<"VACUUM">();
    RETORT_CHECK_SQL(q2, "VACUUM", "VACUUM");
    static_assert(std::is_same_v<decltype(q2)::result_type, void>);
    auto q3 = retort::text<"UPDATE users SET bio = ? WHERE id = ?">().bind("x", 4);
    RETORT_CHECK_SQL(q3, "UPDATE users SET bio = ? WHERE id = ?",
                     "UPDATE users SET bio = $1 WHERE id = $2");
    auto q4 = retort::text("SELECT 1").returns<int>();
    EXPECT_EQ(retort::sql<retort::sqlite>(q4), "SELECT 1");
    EXPECT_EQ(retort::sql<retort::postgresql>(q4), "SELECT 1");
    EXPECT_EQ(retort::param_count(q4), 0U);
}

}  // namespace
