// Golden SQL of SELECT: models and columns, DISTINCT, WHERE, ORDER BY, LIMIT/OFFSET, GROUP BY,
// HAVING, aggregates, joins, subqueries, EXISTS, CTEs and UNION.
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

TEST(SqlSelect, WholeModel) {
    auto q1 = retort::select<User>();
    RETORT_CHECK_SQL(q1, "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM users",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM users");
    auto q2 = retort::select<Tag>();
    RETORT_CHECK_SQL(q2, "SELECT tags.id, tags.name FROM tags",
                     "SELECT tags.id, tags.name FROM tags");
    auto q3 = retort::select<PostTag>().where(col<&PostTag::tag_id> == 3);
    RETORT_CHECK_SQL(q3, "SELECT post_tags.post_id, post_tags.tag_id FROM post_tags WHERE post_tags.tag_id = ?",
                     "SELECT post_tags.post_id, post_tags.tag_id FROM post_tags WHERE post_tags.tag_id = $1");
}

TEST(SqlSelect, DesignExample) {
    auto q = retort::select<User>()
                 .where(col<&User::email>.like("%@example.com") && col<&User::id> > 25)
                 .order_by(col<&User::created_at>.desc())
                 .limit(10);
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM users "
                     "WHERE users.email LIKE ? AND users.id > ? ORDER BY users.created_at DESC LIMIT ?",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM users "
                     "WHERE users.email LIKE $1 AND users.id > $2 ORDER BY users.created_at DESC LIMIT $3");
}

TEST(SqlSelect, Columns) {
    auto q1 = retort::select(col<&User::id>, col<&User::username>);
    RETORT_CHECK_SQL(q1, "SELECT users.id, users.username FROM users",
                     "SELECT users.id, users.username FROM users");
    auto q2 = retort::select(col<&User::email>);
    RETORT_CHECK_SQL(q2, "SELECT users.email FROM users",
                     "SELECT users.email FROM users");
    auto q3 = retort::select(col<&User::id>, col<&User::username>)
                  .where(col<&User::email>.like("%@x.org") && col<&User::id> > 3)
                  .order_by(col<&User::created_at>.desc())
                  .limit(5);
    RETORT_CHECK_SQL(q3,
                     "SELECT users.id, users.username FROM users WHERE users.email LIKE ? AND "
                     "users.id > ? ORDER BY users.created_at DESC LIMIT ?",
                     "SELECT users.id, users.username FROM users WHERE users.email LIKE $1 AND "
                     "users.id > $2 ORDER BY users.created_at DESC LIMIT $3");
}

TEST(SqlSelect, Distinct) {
    auto q1 = retort::select(col<&Post::author_id>).distinct();
    RETORT_CHECK_SQL(q1, "SELECT DISTINCT posts.author_id FROM posts",
                     "SELECT DISTINCT posts.author_id FROM posts");
    auto q2 = retort::select<Tag>().distinct().where(col<&Tag::id> > 1);
    RETORT_CHECK_SQL(q2, "SELECT DISTINCT tags.id, tags.name FROM tags WHERE tags.id > ?",
                     "SELECT DISTINCT tags.id, tags.name FROM tags WHERE tags.id > $1");
}

TEST(SqlSelect, RepeatedWhere) {
    auto q1 = retort::select(col<&User::id>).where(col<&User::id> > 1).where(col<&User::id> < 9);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.id > ? AND users.id < ?",
                     "SELECT users.id FROM users WHERE users.id > $1 AND users.id < $2");
    auto q2 = retort::select(col<&User::id>)
                  .where(col<&User::id> == 1 || col<&User::id> == 2)
                  .where(col<&User::bio>.is_not_null());
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id FROM users WHERE (users.id = ? OR users.id = ?) AND users.bio "
                     "IS NOT NULL",
                     "SELECT users.id FROM users WHERE (users.id = $1 OR users.id = $2) AND users.bio "
                     "IS NOT NULL");
    auto q3 = retort::select(col<&User::id>)
                  .where(col<&User::id> > 1)
                  .where(col<&User::id> == 1 || col<&User::id> == 2)
                  .where(col<&User::bio>.is_null());
    RETORT_CHECK_SQL(q3,
                     "SELECT users.id FROM users WHERE users.id > ? AND (users.id = ? OR users.id = "
                     "?) AND users.bio IS NULL",
                     "SELECT users.id FROM users WHERE users.id > $1 AND (users.id = $2 OR users.id = "
                     "$3) AND users.bio IS NULL");
}

TEST(SqlSelect, OrderBy) {
    auto q1 = retort::select(col<&User::id>).order_by(col<&User::username>);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users ORDER BY users.username",
                     "SELECT users.id FROM users ORDER BY users.username");
    auto q2 = retort::select(col<&User::id>).order_by(col<&User::username>.asc(), col<&User::id>.desc());
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users ORDER BY users.username ASC, users.id DESC",
                     "SELECT users.id FROM users ORDER BY users.username ASC, users.id DESC");
    auto q3 = retort::select(col<&User::id>).order_by(col<&User::bio>.desc().nulls_last());
    RETORT_CHECK_SQL(q3, "SELECT users.id FROM users ORDER BY users.bio DESC NULLS LAST",
                     "SELECT users.id FROM users ORDER BY users.bio DESC NULLS LAST");
    auto q4 = retort::select(col<&User::id>).order_by(col<&User::bio>.nulls_first());
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users ORDER BY users.bio NULLS FIRST",
                     "SELECT users.id FROM users ORDER BY users.bio NULLS FIRST");
    auto q5 = retort::select(col<&User::id>).order_by(col<&User::bio>.asc().nulls_first());
    RETORT_CHECK_SQL(q5, "SELECT users.id FROM users ORDER BY users.bio ASC NULLS FIRST",
                     "SELECT users.id FROM users ORDER BY users.bio ASC NULLS FIRST");
    auto q6 = retort::select(col<&User::id>).order_by(col<&User::username>).order_by(col<&User::id>.desc());
    RETORT_CHECK_SQL(q6, "SELECT users.id FROM users ORDER BY users.username, users.id DESC",
                     "SELECT users.id FROM users ORDER BY users.username, users.id DESC");
    auto q7 = retort::select(col<&Post::id>).order_by((col<&Post::views> * 2).desc());
    RETORT_CHECK_SQL(q7, "SELECT posts.id FROM posts ORDER BY posts.views * ? DESC",
                     "SELECT posts.id FROM posts ORDER BY posts.views * $1 DESC");
}

TEST(SqlSelect, LimitOffset) {
    auto q1 = retort::select(col<&User::id>).limit(10);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users LIMIT ?",
                     "SELECT users.id FROM users LIMIT $1");
    auto q2 = retort::select(col<&User::id>).limit(10).offset(20);
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users LIMIT ? OFFSET ?",
                     "SELECT users.id FROM users LIMIT $1 OFFSET $2");
    auto q3 = retort::select(col<&User::id>).offset(20);
    RETORT_CHECK_SQL(q3, "SELECT users.id FROM users LIMIT -1 OFFSET ?",
                     "SELECT users.id FROM users OFFSET $1");
    auto q4 = retort::select(col<&User::id>).offset(20).limit(10).where(col<&User::id> > 5);
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users WHERE users.id > ? LIMIT ? OFFSET ?",
                     "SELECT users.id FROM users WHERE users.id > $1 LIMIT $2 OFFSET $3");
}

TEST(SqlSelect, Aggregates) {
    auto q1 = retort::select(retort::count());
    static_cast<void>(q1);
    auto q2 = retort::select(retort::count()).select_from<User>();
    RETORT_CHECK_SQL(q2, "SELECT count(*) FROM users",
                     "SELECT count(*) FROM users");
    auto q3 = retort::select(retort::count(col<&User::bio>));
    RETORT_CHECK_SQL(q3, "SELECT count(users.bio) FROM users",
                     "SELECT count(users.bio) FROM users");
    auto q4 = retort::select(retort::count_distinct(col<&Post::author_id>));
    RETORT_CHECK_SQL(q4, "SELECT count(DISTINCT posts.author_id) FROM posts",
                     "SELECT count(DISTINCT posts.author_id) FROM posts");
    auto q5 = retort::select(retort::sum(col<&Post::views>), retort::avg(col<&Post::views>),
                             retort::min(col<&Post::views>), retort::max(col<&Post::rating>));
    RETORT_CHECK_SQL(q5,
                     "SELECT sum(posts.views), avg(posts.views), min(posts.views), "
                     "max(posts.rating) FROM posts",
                     "SELECT CAST(sum(posts.views) AS BIGINT), CAST(avg(posts.views) AS DOUBLE "
                     "PRECISION), min(posts.views), max(posts.rating) FROM posts");
    // sum() of a double stays a double; the cast only names the declared result type.
    auto q5b = retort::select(retort::sum(col<&Post::rating>));
    RETORT_CHECK_SQL(q5b, "SELECT sum(posts.rating) FROM posts",
                     "SELECT CAST(sum(posts.rating) AS DOUBLE PRECISION) FROM posts");
    auto q6 = retort::select(retort::sum(col<&Post::views> * 2) + 1).where(col<&Post::published>);
    RETORT_CHECK_SQL(q6, "SELECT sum(posts.views * ?) + ? FROM posts WHERE posts.published",
                     "SELECT CAST(sum(posts.views * $1) AS BIGINT) + $2 FROM posts WHERE "
                     "posts.published");
}

TEST(SqlSelect, GroupByHaving) {
    auto q1 = retort::select(col<&Post::author_id>, retort::count()).group_by(col<&Post::author_id>);
    RETORT_CHECK_SQL(q1, "SELECT posts.author_id, count(*) FROM posts GROUP BY posts.author_id",
                     "SELECT posts.author_id, count(*) FROM posts GROUP BY posts.author_id");
    auto q2 = retort::select(col<&Post::author_id>, col<&Post::published>, retort::sum(col<&Post::views>))
                  .group_by(col<&Post::author_id>, col<&Post::published>)
                  .having(retort::sum(col<&Post::views>) > 100);
    RETORT_CHECK_SQL(q2,
                     "SELECT posts.author_id, posts.published, sum(posts.views) FROM posts GROUP BY "
                     "posts.author_id, posts.published HAVING sum(posts.views) > ?",
                     "SELECT posts.author_id, posts.published, CAST(sum(posts.views) AS BIGINT) FROM "
                     "posts GROUP BY posts.author_id, posts.published HAVING CAST(sum(posts.views) "
                     "AS BIGINT) > $1");
    auto q3 = retort::select(col<&Post::author_id>, retort::count())
                  .where(col<&Post::published>)
                  .group_by(col<&Post::author_id>)
                  .having(retort::count() > 1)
                  .having(retort::max(col<&Post::views>) < 1000)
                  .order_by(retort::count().desc())
                  .limit(3);
    RETORT_CHECK_SQL(q3,
                     "SELECT posts.author_id, count(*) FROM posts WHERE posts.published GROUP BY "
                     "posts.author_id HAVING count(*) > ? AND max(posts.views) < ? ORDER BY "
                     "count(*) DESC LIMIT ?",
                     "SELECT posts.author_id, count(*) FROM posts WHERE posts.published GROUP BY "
                     "posts.author_id HAVING count(*) > $1 AND max(posts.views) < $2 ORDER BY "
                     "count(*) DESC LIMIT $3");
    auto q4 = retort::select(col<&User::username>, retort::count(col<&Post::id>))
                  .left_join<Post>()
                  .group_by(col<&User::id>, col<&User::username>);
    RETORT_CHECK_SQL(q4,
                     "SELECT users.username, count(posts.id) FROM users LEFT OUTER JOIN posts ON "
                     "users.id = posts.author_id GROUP BY users.id, users.username",
                     "SELECT users.username, count(posts.id) FROM users LEFT OUTER JOIN posts ON "
                     "users.id = posts.author_id GROUP BY users.id, users.username");
}

TEST(SqlSelect, JoinsFromForeignKeys) {
    auto q1 = retort::select(col<&Post::title>, col<&User::username>).join<User>();
    RETORT_CHECK_SQL(q1,
                     "SELECT posts.title, users.username FROM posts JOIN users ON users.id = "
                     "posts.author_id",
                     "SELECT posts.title, users.username FROM posts JOIN users ON users.id = "
                     "posts.author_id");
    auto q2 = retort::select<User>().join<Post>().where(col<&Post::published>);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM "
                     "users JOIN posts ON users.id = posts.author_id WHERE posts.published",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at FROM "
                     "users JOIN posts ON users.id = posts.author_id WHERE posts.published");
    auto q3 = retort::select(col<&Tag::name>).join<PostTag>().join<Post>().where(col<&Post::id> == 4);
    RETORT_CHECK_SQL(q3,
                     "SELECT tags.name FROM tags JOIN post_tags ON tags.id = post_tags.tag_id JOIN "
                     "posts ON posts.id = post_tags.post_id WHERE posts.id = ?",
                     "SELECT tags.name FROM tags JOIN post_tags ON tags.id = post_tags.tag_id JOIN "
                     "posts ON posts.id = post_tags.post_id WHERE posts.id = $1");
    auto q4 = retort::select(col<&User::username>, col<&Tag::name>)
                  .join<Post>()
                  .join<PostTag>()
                  .join<Tag>();
    RETORT_CHECK_SQL(q4,
                     "SELECT users.username, tags.name FROM users JOIN posts ON users.id = "
                     "posts.author_id JOIN post_tags ON posts.id = post_tags.post_id JOIN tags ON "
                     "tags.id = post_tags.tag_id",
                     "SELECT users.username, tags.name FROM users JOIN posts ON users.id = "
                     "posts.author_id JOIN post_tags ON posts.id = post_tags.post_id JOIN tags ON "
                     "tags.id = post_tags.tag_id");
    auto q5 = retort::select(col<&Order::total>, col<&User::email>).join<User>();
    RETORT_CHECK_SQL(q5,
                     "SELECT \"order\".total, users.email FROM \"order\" JOIN users ON users.id = "
                     "\"order\".\"user\"",
                     "SELECT \"order\".total, users.email FROM \"order\" JOIN users ON users.id = "
                     "\"order\".\"user\"");
}

TEST(SqlSelect, LeftJoins) {
    auto q1 = retort::select(col<&User::username>, col<&Post::title>).left_join<Post>();
    RETORT_CHECK_SQL(q1,
                     "SELECT users.username, posts.title FROM users LEFT OUTER JOIN posts ON "
                     "users.id = posts.author_id",
                     "SELECT users.username, posts.title FROM users LEFT OUTER JOIN posts ON "
                     "users.id = posts.author_id");
    auto q2 = retort::select(col<&User::username>)
                  .left_join<Post>(col<&Post::author_id> == col<&User::id> && col<&Post::published>)
                  .where(col<&Post::id>.is_null());
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username FROM users LEFT OUTER JOIN posts ON posts.author_id = "
                     "users.id AND posts.published WHERE posts.id IS NULL",
                     "SELECT users.username FROM users LEFT OUTER JOIN posts ON posts.author_id = "
                     "users.id AND posts.published WHERE posts.id IS NULL");
}

TEST(SqlSelect, ExplicitOn) {
    auto q1 = retort::select(col<&Message::text>, col<&User::username>)
                  .join<User>(col<&User::id> == col<&Message::sender_id>);
    RETORT_CHECK_SQL(q1,
                     "SELECT messages.text, users.username FROM messages JOIN users ON users.id = "
                     "messages.sender_id",
                     "SELECT messages.text, users.username FROM messages JOIN users ON users.id = "
                     "messages.sender_id");
    constexpr auto to = retort::alias<User, "recipient">;
    auto q2 = retort::select(col<&User::username>, to.col<&User::username>)
                  .select_from<Message>()
                  .join<User>(col<&User::id> == col<&Message::sender_id>)
                  .join(to, to.col<&User::id> == col<&Message::recipient_id>)
                  .where(col<&Message::color> == Color::green);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username, recipient.username FROM messages JOIN users ON "
                     "users.id = messages.sender_id JOIN users AS recipient ON recipient.id = "
                     "messages.recipient_id WHERE messages.color = ?",
                     "SELECT users.username, recipient.username FROM messages JOIN users ON "
                     "users.id = messages.sender_id JOIN users AS recipient ON recipient.id = "
                     "messages.recipient_id WHERE messages.color = $1");
    auto q3 = retort::select(col<&User::username>)
                  .join<Post>(col<&Post::author_id> == col<&User::id> && col<&Post::views> > 10);
    RETORT_CHECK_SQL(q3,
                     "SELECT users.username FROM users JOIN posts ON posts.author_id = users.id AND "
                     "posts.views > ?",
                     "SELECT users.username FROM users JOIN posts ON posts.author_id = users.id AND "
                     "posts.views > $1");
}

TEST(SqlSelect, SelectFrom) {
    auto q1 = retort::select(retort::count()).select_from<Post>().where(col<&Post::views> > 1);
    RETORT_CHECK_SQL(q1, "SELECT count(*) FROM posts WHERE posts.views > ?",
                     "SELECT count(*) FROM posts WHERE posts.views > $1");
    auto q2 = retort::select(col<&User::username>).select_from<Post>().join<User>();
    RETORT_CHECK_SQL(q2, "SELECT users.username FROM posts JOIN users ON users.id = posts.author_id",
                     "SELECT users.username FROM posts JOIN users ON users.id = posts.author_id");
}

TEST(SqlSelect, ScalarSubqueries) {
    auto latest = retort::select(retort::max(col<&Post::id>))
                      .where(col<&Post::author_id> == col<&User::id>)
                      .scalar_subquery();
    auto q1 = retort::select(col<&User::username>, latest.label<"latest">());
    RETORT_CHECK_SQL(q1,
                     "SELECT users.username, (SELECT max(posts.id) FROM posts WHERE "
                     "posts.author_id = users.id) AS latest FROM users",
                     "SELECT users.username, (SELECT max(posts.id) FROM posts WHERE "
                     "posts.author_id = users.id) AS latest FROM users");
    auto avg_views = retort::select(retort::avg(col<&Post::views>)).scalar_subquery();
    auto q2 = retort::select(col<&Post::id>).where(col<&Post::views> > avg_views);
    RETORT_CHECK_SQL(q2,
                     "SELECT posts.id FROM posts WHERE posts.views > (SELECT avg(posts.views) FROM "
                     "posts)",
                     "SELECT posts.id FROM posts WHERE posts.views > (SELECT CAST(avg(posts.views) "
                     "AS DOUBLE PRECISION) FROM posts)");
}

TEST(SqlSelect, Exists) {
    auto q1 = retort::select(col<&User::username>)
                  .where(retort::exists(retort::select(col<&Post::id>)
                                            .where(col<&Post::author_id> == col<&User::id>)));
    RETORT_CHECK_SQL(q1,
                     "SELECT users.username FROM users WHERE EXISTS (SELECT posts.id FROM posts "
                     "WHERE posts.author_id = users.id)",
                     "SELECT users.username FROM users WHERE EXISTS (SELECT posts.id FROM posts "
                     "WHERE posts.author_id = users.id)");
    auto q2 = retort::select(col<&User::username>)
                  .where(!retort::exists(retort::select(col<&Post::id>)
                                             .where(col<&Post::author_id> == col<&User::id> &&
                                                    col<&Post::views> > 5)) &&
                         col<&User::id> > 1);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username FROM users WHERE NOT EXISTS (SELECT posts.id FROM "
                     "posts WHERE posts.author_id = users.id AND posts.views > ?) AND users.id > ?",
                     "SELECT users.username FROM users WHERE NOT EXISTS (SELECT posts.id FROM "
                     "posts WHERE posts.author_id = users.id AND posts.views > $1) AND users.id > $2");
}

TEST(SqlSelect, SubqueryInFrom) {
    auto counts = retort::select(col<&Post::author_id>, retort::count().label<"n">())
                      .group_by(col<&Post::author_id>)
                      .subquery<"post_counts">();
    auto q1 = retort::select(col<&User::username>, counts.named<"n">)
                  .select_from(counts)
                  .join<User>(col<&User::id> == counts.col<&Post::author_id>)
                  .where(counts.named<"n"> > 2);
    RETORT_CHECK_SQL(q1,
                     "SELECT users.username, post_counts.n FROM (SELECT posts.author_id, count(*) "
                     "AS n FROM posts GROUP BY posts.author_id) AS post_counts JOIN users ON "
                     "users.id = post_counts.author_id WHERE post_counts.n > ?",
                     "SELECT users.username, post_counts.n FROM (SELECT posts.author_id, count(*) "
                     "AS n FROM posts GROUP BY posts.author_id) AS post_counts JOIN users ON "
                     "users.id = post_counts.author_id WHERE post_counts.n > $1");
    auto popular = retort::select<Post>().where(col<&Post::views> > 100).subquery<"popular">();
    auto q2 = retort::select(col<&User::username>, popular.col<&Post::title>)
                  .join(popular, popular.col<&Post::author_id> == col<&User::id>)
                  .where(col<&User::id> < 50);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username, popular.title FROM users JOIN (SELECT posts.id, "
                     "posts.title, posts.body, posts.author_id, posts.views, posts.published, "
                     "posts.rating FROM posts WHERE posts.views > ?) AS popular ON "
                     "popular.author_id = users.id WHERE users.id < ?",
                     "SELECT users.username, popular.title FROM users JOIN (SELECT posts.id, "
                     "posts.title, posts.body, posts.author_id, posts.views, posts.published, "
                     "posts.rating FROM posts WHERE posts.views > $1) AS popular ON "
                     "popular.author_id = users.id WHERE users.id < $2");
}

TEST(SqlSelect, CommonTableExpressions) {
    auto busy = retort::select(col<&Post::author_id>, retort::count().label<"n">())
                    .group_by(col<&Post::author_id>)
                    .having(retort::count() > 3)
                    .cte<"busy">();
    auto q1 = retort::select(busy.col<&Post::author_id>, busy.named<"n">).with(busy);
    RETORT_CHECK_SQL(q1,
                     "WITH busy AS (SELECT posts.author_id, count(*) AS n FROM posts GROUP BY "
                     "posts.author_id HAVING count(*) > ?) SELECT busy.author_id, busy.n FROM busy",
                     "WITH busy AS (SELECT posts.author_id, count(*) AS n FROM posts GROUP BY "
                     "posts.author_id HAVING count(*) > $1) SELECT busy.author_id, busy.n FROM busy");
    auto q2 = retort::select(col<&User::email>)
                  .join(busy, busy.col<&Post::author_id> == col<&User::id>)
                  .where(col<&User::id> > 7)
                  .with(busy);
    RETORT_CHECK_SQL(q2,
                     "WITH busy AS (SELECT posts.author_id, count(*) AS n FROM posts GROUP BY "
                     "posts.author_id HAVING count(*) > ?) SELECT users.email FROM users JOIN busy "
                     "ON busy.author_id = users.id WHERE users.id > ?",
                     "WITH busy AS (SELECT posts.author_id, count(*) AS n FROM posts GROUP BY "
                     "posts.author_id HAVING count(*) > $1) SELECT users.email FROM users JOIN busy "
                     "ON busy.author_id = users.id WHERE users.id > $2");
}

TEST(SqlSelect, Unions) {
    auto q1 = retort::union_(retort::select(col<&User::email>), retort::select(col<&Tag::name>));
    RETORT_CHECK_SQL(q1, "SELECT users.email FROM users UNION SELECT tags.name FROM tags",
                     "SELECT users.email FROM users UNION SELECT tags.name FROM tags");
    auto q2 = retort::union_all(retort::select(col<&User::id>).where(col<&User::id> < 3),
                                retort::select(col<&Post::author_id>).where(col<&Post::views> > 9));
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id FROM users WHERE users.id < ? UNION ALL SELECT "
                     "posts.author_id FROM posts WHERE posts.views > ?",
                     "SELECT users.id FROM users WHERE users.id < $1 UNION ALL SELECT "
                     "posts.author_id FROM posts WHERE posts.views > $2");
}

TEST(SqlSelect, ResultTypes) {
    using retort::timestamp;
    static_assert(std::is_same_v<decltype(retort::select<User>())::result_type, User>);
    static_assert(std::is_same_v<decltype(retort::select(col<&User::id>, retort::count()))::result_type,
                                 std::tuple<std::int64_t, std::int64_t>>);
    static_assert(std::is_same_v<decltype(retort::select(col<&User::id>))::result_type,
                                 std::tuple<std::int64_t>>);
    static_assert(std::is_same_v<decltype(retort::select(col<&User::id>))::scalar_type, std::int64_t>);
    static_assert(std::is_same_v<decltype(retort::select(col<&User::bio>, col<&User::created_at>))::result_type,
                                 std::tuple<std::optional<std::string>, timestamp>>);
    using left = decltype(retort::select(col<&User::id>, col<&Post::title>, col<&Post::rating>)
                              .left_join<Post>());
    static_assert(std::is_same_v<left::result_type, std::tuple<std::int64_t, std::optional<std::string>,
                                                               std::optional<double>>>);
    using inner = decltype(retort::select(col<&User::id>, col<&Post::title>).join<Post>());
    static_assert(std::is_same_v<inner::result_type, std::tuple<std::int64_t, std::string>>);
    using aggs = decltype(retort::select(retort::sum(col<&Post::views>), retort::avg(col<&Post::views>),
                                         retort::max(col<&Post::title>), retort::count(col<&Post::id>)));
    static_assert(std::is_same_v<aggs::result_type,
                                 std::tuple<std::optional<std::int64_t>, std::optional<double>,
                                            std::optional<std::string>, std::int64_t>>);
    using exprs = decltype(retort::select(col<&Post::views> + 1, col<&Post::rating> * 2,
                                          retort::coalesce(col<&Post::rating>, 0.0),
                                          retort::concat(col<&Post::title>, "x"),
                                          col<&Post::views> > 3));
    static_assert(std::is_same_v<exprs::result_type,
                                 std::tuple<std::int64_t, std::optional<double>, double,
                                            std::string, bool>>);
    static_assert(std::is_same_v<decltype(retort::delete_<User>().unconditionally())::result_type, void>);
    SUCCEED();
}

}  // namespace
