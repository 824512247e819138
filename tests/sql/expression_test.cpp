// Golden SQL of expressions: comparisons, AND/OR/NOT, arithmetic, LIKE, IN, BETWEEN, NULL
// tests, CASE, CAST, coalesce, concatenation, functions, labels, aliases and quoting.
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models.hpp"
#include "sql_case.hpp"

namespace {

using namespace blog;
using namespace sqltest;
using retort::col;

TEST(SqlExpressions, ComparisonsWithValues) {
    auto q1 = retort::select(col<&User::id>).where(col<&User::id> == 1);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.id = ?",
                     "SELECT users.id FROM users WHERE users.id = $1");
    auto q2 = retort::select(col<&User::id>).where(col<&User::id> != 1);
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users WHERE users.id != ?",
                     "SELECT users.id FROM users WHERE users.id != $1");
    auto q3 = retort::select(col<&User::id>).where(col<&User::id> < 1);
    RETORT_CHECK_SQL(q3, "SELECT users.id FROM users WHERE users.id < ?",
                     "SELECT users.id FROM users WHERE users.id < $1");
    auto q4 = retort::select(col<&User::id>).where(col<&User::id> <= 1);
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users WHERE users.id <= ?",
                     "SELECT users.id FROM users WHERE users.id <= $1");
    auto q5 = retort::select(col<&User::id>).where(col<&User::id> > 1);
    RETORT_CHECK_SQL(q5, "SELECT users.id FROM users WHERE users.id > ?",
                     "SELECT users.id FROM users WHERE users.id > $1");
    auto q6 = retort::select(col<&User::id>).where(col<&User::id> >= 1);
    RETORT_CHECK_SQL(q6, "SELECT users.id FROM users WHERE users.id >= ?",
                     "SELECT users.id FROM users WHERE users.id >= $1");
}

TEST(SqlExpressions, ValueOnTheLeft) {
    auto q1 = retort::select(col<&User::id>).where(5 < col<&User::id>);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE ? < users.id",
                     "SELECT users.id FROM users WHERE $1 < users.id");
    auto q2 = retort::select(col<&User::id>).where("bob" == col<&User::username>);
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users WHERE ? = users.username",
                     "SELECT users.id FROM users WHERE $1 = users.username");
}

TEST(SqlExpressions, ComparisonsBetweenColumns) {
    auto q1 = retort::select(col<&Post::id>).where(col<&Post::views> > col<&Post::author_id>);
    RETORT_CHECK_SQL(q1, "SELECT posts.id FROM posts WHERE posts.views > posts.author_id",
                     "SELECT posts.id FROM posts WHERE posts.views > posts.author_id");
    auto q2 = retort::select(col<&Post::id>).where(col<&Post::rating> >= col<&Post::views>);
    RETORT_CHECK_SQL(q2, "SELECT posts.id FROM posts WHERE posts.rating >= posts.views",
                     "SELECT posts.id FROM posts WHERE posts.rating >= posts.views");
}

TEST(SqlExpressions, TypeFamilies) {
    std::string name = "bob";
    std::string_view view = "bob";
    auto q1 = retort::select(col<&User::id>)
                  .where(col<&User::username> == name && col<&User::email> == view);
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.username = ? AND users.email = ?",
                     "SELECT users.id FROM users WHERE users.username = $1 AND users.email = $2");
    auto q2 = retort::select(col<&Post::id>).where(col<&Post::rating> > 3 && col<&Post::views> < 2.5);
    RETORT_CHECK_SQL(q2, "SELECT posts.id FROM posts WHERE posts.rating > ? AND posts.views < ?",
                     "SELECT posts.id FROM posts WHERE posts.rating > $1 AND posts.views < $2");
    auto q3 = retort::select(col<&Post::id>).where(col<&Post::published> == true);
    RETORT_CHECK_SQL(q3, "SELECT posts.id FROM posts WHERE posts.published = ?",
                     "SELECT posts.id FROM posts WHERE posts.published = $1");
    auto q4 = retort::select(col<&Message::id>).where(col<&Message::color> == Color::blue);
    RETORT_CHECK_SQL(q4, "SELECT messages.id FROM messages WHERE messages.color = ?",
                     "SELECT messages.id FROM messages WHERE messages.color = $1");
    auto q5 = retort::select(col<&User::id>).where(col<&User::created_at> < retort::timestamp{});
    RETORT_CHECK_SQL(q5, "SELECT users.id FROM users WHERE users.created_at < ?",
                     "SELECT users.id FROM users WHERE users.created_at < $1");
    auto q6 = retort::select(col<&User::id>).where(col<&User::bio> == "x");
    RETORT_CHECK_SQL(q6, "SELECT users.id FROM users WHERE users.bio = ?",
                     "SELECT users.id FROM users WHERE users.bio = $1");
}

TEST(SqlExpressions, BooleanConnectives) {
    auto a = col<&User::id> > 1;
    auto b = col<&User::username> == "a";
    auto c = col<&User::email> == "b";
    auto q1 = retort::select(col<&User::id>).where(a && b && c);
    RETORT_CHECK_SQL(q1,
                     "SELECT users.id FROM users WHERE users.id > ? AND users.username = ? AND "
                     "users.email = ?",
                     "SELECT users.id FROM users WHERE users.id > $1 AND users.username = $2 AND "
                     "users.email = $3");
    auto q2 = retort::select(col<&User::id>).where(a || b || c);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id FROM users WHERE users.id > ? OR users.username = ? OR "
                     "users.email = ?",
                     "SELECT users.id FROM users WHERE users.id > $1 OR users.username = $2 OR "
                     "users.email = $3");
    auto q3 = retort::select(col<&User::id>).where(a && (b || c));
    RETORT_CHECK_SQL(q3,
                     "SELECT users.id FROM users WHERE users.id > ? AND (users.username = ? OR "
                     "users.email = ?)",
                     "SELECT users.id FROM users WHERE users.id > $1 AND (users.username = $2 OR "
                     "users.email = $3)");
    auto q4 = retort::select(col<&User::id>).where((a && b) || c);
    RETORT_CHECK_SQL(q4,
                     "SELECT users.id FROM users WHERE users.id > ? AND users.username = ? OR "
                     "users.email = ?",
                     "SELECT users.id FROM users WHERE users.id > $1 AND users.username = $2 OR "
                     "users.email = $3");
    auto q5 = retort::select(col<&User::id>).where((a || b) && (b || c));
    RETORT_CHECK_SQL(q5,
                     "SELECT users.id FROM users WHERE (users.id > ? OR users.username = ?) AND "
                     "(users.username = ? OR users.email = ?)",
                     "SELECT users.id FROM users WHERE (users.id > $1 OR users.username = $2) AND "
                     "(users.username = $3 OR users.email = $4)");
    auto q6 = retort::select(col<&User::id>).where(a && (b && c));
    RETORT_CHECK_SQL(q6,
                     "SELECT users.id FROM users WHERE users.id > ? AND users.username = ? AND "
                     "users.email = ?",
                     "SELECT users.id FROM users WHERE users.id > $1 AND users.username = $2 AND "
                     "users.email = $3");
}

TEST(SqlExpressions, Not) {
    auto q1 = retort::select(col<&Post::id>).where(!col<&Post::published>);
    RETORT_CHECK_SQL(q1, "SELECT posts.id FROM posts WHERE NOT posts.published",
                     "SELECT posts.id FROM posts WHERE NOT posts.published");
    auto q2 = retort::select(col<&Post::id>).where(!(col<&Post::views> > 3));
    RETORT_CHECK_SQL(q2, "SELECT posts.id FROM posts WHERE NOT (posts.views > ?)",
                     "SELECT posts.id FROM posts WHERE NOT (posts.views > $1)");
    auto q3 = retort::select(col<&Post::id>)
                  .where(!(col<&Post::published> || col<&Post::views> > 3));
    RETORT_CHECK_SQL(q3, "SELECT posts.id FROM posts WHERE NOT (posts.published OR posts.views > ?)",
                     "SELECT posts.id FROM posts WHERE NOT (posts.published OR posts.views > $1)");
    auto q4 = retort::select(col<&Post::id>).where(col<&Post::published> && !col<&Post::published>);
    RETORT_CHECK_SQL(q4, "SELECT posts.id FROM posts WHERE posts.published AND NOT posts.published",
                     "SELECT posts.id FROM posts WHERE posts.published AND NOT posts.published");
}

TEST(SqlExpressions, Arithmetic) {
    auto q1 = retort::select(col<&Post::views> + 1);
    RETORT_CHECK_SQL(q1, "SELECT posts.views + ? FROM posts",
                     "SELECT posts.views + $1 FROM posts");
    auto q2 = retort::select(col<&Post::views> - col<&Post::author_id>);
    RETORT_CHECK_SQL(q2, "SELECT posts.views - posts.author_id FROM posts",
                     "SELECT posts.views - posts.author_id FROM posts");
    auto q3 = retort::select(col<&Post::views> * 2 + 1);
    RETORT_CHECK_SQL(q3, "SELECT posts.views * ? + ? FROM posts",
                     "SELECT posts.views * $1 + $2 FROM posts");
    auto q4 = retort::select((col<&Post::views> + 1) * 2);
    RETORT_CHECK_SQL(q4, "SELECT (posts.views + ?) * ? FROM posts",
                     "SELECT (posts.views + $1) * $2 FROM posts");
    auto q5 = retort::select(col<&Post::views> - (col<&Post::author_id> - 1));
    RETORT_CHECK_SQL(q5, "SELECT posts.views - (posts.author_id - ?) FROM posts",
                     "SELECT posts.views - (posts.author_id - $1) FROM posts");
    auto q6 = retort::select(col<&Post::views> / 3, col<&Post::views> % 3);
    RETORT_CHECK_SQL(q6, "SELECT posts.views / ?, posts.views % ? FROM posts",
                     "SELECT posts.views / $1, posts.views % $2 FROM posts");
    auto q7 = retort::select(-col<&Post::views>);
    RETORT_CHECK_SQL(q7, "SELECT -posts.views FROM posts",
                     "SELECT -posts.views FROM posts");
    auto q8 = retort::select(col<&Post::id>).where(col<&Post::views> * 2 > col<&Post::author_id> + 10);
    RETORT_CHECK_SQL(q8, "SELECT posts.id FROM posts WHERE posts.views * ? > posts.author_id + ?",
                     "SELECT posts.id FROM posts WHERE posts.views * $1 > posts.author_id + $2");
    auto q9 = retort::select(col<&Post::views> / (col<&Post::views> * 2));
    RETORT_CHECK_SQL(q9, "SELECT posts.views / (posts.views * ?) FROM posts",
                     "SELECT posts.views / (posts.views * $1) FROM posts");
    auto q10 = retort::select(col<&Post::rating> * 1.5);
    RETORT_CHECK_SQL(q10, "SELECT posts.rating * ? FROM posts",
                     "SELECT posts.rating * $1 FROM posts");
}

TEST(SqlExpressions, Like) {
    auto q1 = retort::select(col<&User::id>).where(col<&User::email>.like("%@example.com"));
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.email LIKE ?",
                     "SELECT users.id FROM users WHERE users.email LIKE $1");
    auto q2 = retort::select(col<&User::id>).where(col<&User::email>.not_like("%spam%"));
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users WHERE users.email NOT LIKE ?",
                     "SELECT users.id FROM users WHERE users.email NOT LIKE $1");
    auto q3 = retort::select(col<&User::id>).where(col<&User::email>.ilike("%EXAMPLE%"));
    RETORT_CHECK_SQL(q3, "SELECT users.id FROM users WHERE lower(users.email) LIKE lower(?)",
                     "SELECT users.id FROM users WHERE users.email ILIKE $1");
    auto q4 = retort::select(col<&User::id>).where(col<&User::email>.not_ilike("%EXAMPLE%"));
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users WHERE lower(users.email) NOT LIKE lower(?)",
                     "SELECT users.id FROM users WHERE users.email NOT ILIKE $1");
    auto q5 = retort::select(col<&User::id>).where(col<&User::bio>.like(col<&User::username>));
    RETORT_CHECK_SQL(q5, "SELECT users.id FROM users WHERE users.bio LIKE users.username",
                     "SELECT users.id FROM users WHERE users.bio LIKE users.username");
    auto q6 = retort::select(col<&User::id>)
                  .where(col<&User::email>.like("a%") || col<&User::email>.like("b%"));
    RETORT_CHECK_SQL(q6, "SELECT users.id FROM users WHERE users.email LIKE ? OR users.email LIKE ?",
                     "SELECT users.id FROM users WHERE users.email LIKE $1 OR users.email LIKE $2");
}

TEST(SqlExpressions, InList) {
    std::vector<std::int64_t> ids{1, 2, 3};
    auto q1 = retort::select(col<&User::id>).where(col<&User::id>.in(ids));
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.id IN (SELECT value FROM json_each(?))",
                     "SELECT users.id FROM users WHERE users.id = ANY($1)");
    auto q2 = retort::select(col<&User::id>).where(col<&User::id>.not_in(ids));
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id FROM users WHERE users.id NOT IN (SELECT value FROM "
                     "json_each(?))",
                     "SELECT users.id FROM users WHERE users.id != ALL($1)");
    std::set<std::string> names{"a", "b"};
    auto q3 = retort::select(col<&User::id>)
                  .where(col<&User::username>.in(names) && col<&User::id> > 3);
    RETORT_CHECK_SQL(q3,
                     "SELECT users.id FROM users WHERE users.username IN (SELECT value FROM "
                     "json_each(?)) AND users.id > ?",
                     "SELECT users.id FROM users WHERE users.username = ANY($1) AND users.id > $2");
    auto q4 = retort::select(col<&User::id>).where(col<&User::id>.in({1, 2}));
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users WHERE users.id IN (SELECT value FROM json_each(?))",
                     "SELECT users.id FROM users WHERE users.id = ANY($1)");
    auto q5 = retort::select(col<&Post::id>).where(col<&Post::views>.in(std::array{1, 2, 3}));
    RETORT_CHECK_SQL(q5, "SELECT posts.id FROM posts WHERE posts.views IN (SELECT value FROM json_each(?))",
                     "SELECT posts.id FROM posts WHERE posts.views = ANY($1)");
}

TEST(SqlExpressions, InSubquery) {
    auto authors = retort::select(col<&Post::author_id>).where(col<&Post::published>);
    auto q1 = retort::select(col<&User::username>).where(col<&User::id>.in(authors));
    RETORT_CHECK_SQL(q1,
                     "SELECT users.username FROM users WHERE users.id IN (SELECT posts.author_id "
                     "FROM posts WHERE posts.published)",
                     "SELECT users.username FROM users WHERE users.id IN (SELECT posts.author_id "
                     "FROM posts WHERE posts.published)");
    auto q2 = retort::select(col<&User::username>).where(col<&User::id>.not_in(authors));
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username FROM users WHERE users.id NOT IN (SELECT "
                     "posts.author_id FROM posts WHERE posts.published)",
                     "SELECT users.username FROM users WHERE users.id NOT IN (SELECT "
                     "posts.author_id FROM posts WHERE posts.published)");
    auto q3 = retort::select(col<&User::username>)
                  .where(col<&User::id> > 2 &&
                         col<&User::id>.in(retort::select(col<&Post::author_id>)
                                               .where(col<&Post::views> > 10)));
    RETORT_CHECK_SQL(q3,
                     "SELECT users.username FROM users WHERE users.id > ? AND users.id IN (SELECT "
                     "posts.author_id FROM posts WHERE posts.views > ?)",
                     "SELECT users.username FROM users WHERE users.id > $1 AND users.id IN (SELECT "
                     "posts.author_id FROM posts WHERE posts.views > $2)");
}

TEST(SqlExpressions, Between) {
    auto q1 = retort::select(col<&Post::id>).where(col<&Post::views>.between(10, 20));
    RETORT_CHECK_SQL(q1, "SELECT posts.id FROM posts WHERE posts.views BETWEEN ? AND ?",
                     "SELECT posts.id FROM posts WHERE posts.views BETWEEN $1 AND $2");
    auto q2 = retort::select(col<&Post::id>)
                  .where(col<&Post::views>.between(col<&Post::author_id>, 20) &&
                         col<&Post::published>);
    RETORT_CHECK_SQL(
        q2, "SELECT posts.id FROM posts WHERE posts.views BETWEEN posts.author_id AND ? AND posts.published",
                     "SELECT posts.id FROM posts WHERE posts.views BETWEEN posts.author_id AND $1 AND posts.published");
    auto q3 = retort::select(col<&User::id>).where(col<&User::username>.between("a", "m"));
    RETORT_CHECK_SQL(q3, "SELECT users.id FROM users WHERE users.username BETWEEN ? AND ?",
                     "SELECT users.id FROM users WHERE users.username BETWEEN $1 AND $2");
}

TEST(SqlExpressions, NullTests) {
    auto q1 = retort::select(col<&User::id>).where(col<&User::bio>.is_null());
    RETORT_CHECK_SQL(q1, "SELECT users.id FROM users WHERE users.bio IS NULL",
                     "SELECT users.id FROM users WHERE users.bio IS NULL");
    auto q2 = retort::select(col<&User::id>).where(col<&User::bio>.is_not_null());
    RETORT_CHECK_SQL(q2, "SELECT users.id FROM users WHERE users.bio IS NOT NULL",
                     "SELECT users.id FROM users WHERE users.bio IS NOT NULL");
    auto q3 = retort::select(col<&Post::id>).where((col<&Post::views> + 1).is_null());
    RETORT_CHECK_SQL(q3, "SELECT posts.id FROM posts WHERE posts.views + ? IS NULL",
                     "SELECT posts.id FROM posts WHERE posts.views + $1 IS NULL");
    auto q4 = retort::select(col<&User::id>).where(!col<&User::bio>.is_null());
    RETORT_CHECK_SQL(q4, "SELECT users.id FROM users WHERE NOT (users.bio IS NULL)",
                     "SELECT users.id FROM users WHERE NOT (users.bio IS NULL)");
}

TEST(SqlExpressions, Case) {
    auto q1 = retort::select(retort::case_(retort::when(col<&Post::views> > 100, "hot"),
                                           retort::when(col<&Post::views> > 10, "warm"),
                                           retort::else_("cold")));
    RETORT_CHECK_SQL(q1,
                     "SELECT CASE WHEN posts.views > ? THEN ? WHEN posts.views > ? THEN ? ELSE ? "
                     "END FROM posts",
                     "SELECT CASE WHEN posts.views > $1 THEN $2 WHEN posts.views > $3 THEN $4 ELSE $5 "
                     "END FROM posts");
    auto q2 = retort::select(retort::case_(retort::when(col<&Post::published>, col<&Post::views>)));
    RETORT_CHECK_SQL(q2, "SELECT CASE WHEN posts.published THEN posts.views END FROM posts",
                     "SELECT CASE WHEN posts.published THEN posts.views END FROM posts");
    auto q3 = retort::select(
        retort::case_(retort::when(col<&Post::published>, col<&Post::title>),
                      retort::else_(col<&Post::body>))
            .label<"shown">());
    RETORT_CHECK_SQL(
        q3, "SELECT CASE WHEN posts.published THEN posts.title ELSE posts.body END AS shown FROM posts",
                     "SELECT CASE WHEN posts.published THEN posts.title ELSE posts.body END AS shown FROM posts");
}

TEST(SqlExpressions, Cast) {
    auto q1 = retort::select(retort::cast<double>(col<&Post::views>));
    RETORT_CHECK_SQL(q1, "SELECT CAST(posts.views AS REAL) FROM posts",
                     "SELECT CAST(posts.views AS DOUBLE PRECISION) FROM posts");
    auto q2 = retort::select(retort::cast<std::string>(col<&Post::views>));
    RETORT_CHECK_SQL(q2, "SELECT CAST(posts.views AS TEXT) FROM posts",
                     "SELECT CAST(posts.views AS TEXT) FROM posts");
    auto q3 = retort::select(retort::cast<std::int64_t>(col<&Post::rating>));
    RETORT_CHECK_SQL(q3, "SELECT CAST(posts.rating AS INTEGER) FROM posts",
                     "SELECT CAST(posts.rating AS BIGINT) FROM posts");
    auto q4 = retort::select(col<&Post::id>).where(retort::cast<double>(col<&Post::views>) > 2.5);
    RETORT_CHECK_SQL(q4, "SELECT posts.id FROM posts WHERE CAST(posts.views AS REAL) > ?",
                     "SELECT posts.id FROM posts WHERE CAST(posts.views AS DOUBLE PRECISION) > $1");
}

TEST(SqlExpressions, CoalesceConcatFunctions) {
    auto q1 = retort::select(retort::coalesce(col<&User::bio>, "none"));
    RETORT_CHECK_SQL(q1, "SELECT coalesce(users.bio, ?) FROM users",
                     "SELECT coalesce(users.bio, $1) FROM users");
    auto q2 = retort::select(retort::coalesce(col<&Post::rating>, col<&Post::views>, 0));
    RETORT_CHECK_SQL(q2, "SELECT coalesce(posts.rating, posts.views, ?) FROM posts",
                     "SELECT coalesce(posts.rating, posts.views, $1) FROM posts");
    auto q3 = retort::select(retort::concat(col<&User::username>, " <", col<&User::email>, ">"));
    RETORT_CHECK_SQL(q3, "SELECT users.username || ? || users.email || ? FROM users",
                     "SELECT users.username || $1 || users.email || $2 FROM users");
    auto q4 = retort::select(retort::concat(col<&User::username>, retort::cast<std::string>(col<&User::id> + 1)));
    RETORT_CHECK_SQL(q4, "SELECT users.username || CAST(users.id + ? AS TEXT) FROM users",
                     "SELECT users.username || CAST(users.id + $1 AS TEXT) FROM users");
    auto q5 = retort::select(retort::func::call<"lower", std::string>(col<&User::email>));
    RETORT_CHECK_SQL(q5, "SELECT lower(users.email) FROM users",
                     "SELECT lower(users.email) FROM users");
    auto q6 = retort::select(col<&User::id>).where(
        retort::func::call<"length", std::int64_t>(col<&User::username>) > 3);
    RETORT_CHECK_SQL(q6, "SELECT users.id FROM users WHERE length(users.username) > ?",
                     "SELECT users.id FROM users WHERE length(users.username) > $1");
    auto q7 = retort::select(retort::func::call<"substr", std::string>(col<&User::email>, 1, 3));
    RETORT_CHECK_SQL(q7, "SELECT substr(users.email, ?, ?) FROM users",
                     "SELECT substr(users.email, $1, $2) FROM users");
    auto q8 = retort::select(col<&User::id>).where(col<&User::created_at> < retort::func::now());
    RETORT_CHECK_SQL(q8, "SELECT users.id FROM users WHERE users.created_at < CURRENT_TIMESTAMP",
                     "SELECT users.id FROM users WHERE users.created_at < CURRENT_TIMESTAMP");
    auto q9 = retort::select(retort::func::now());
    RETORT_CHECK_SQL(q9, "SELECT CURRENT_TIMESTAMP", "SELECT CURRENT_TIMESTAMP");
    auto q10 = retort::select(retort::concat(col<&User::username>, col<&User::email>).like("%a%"));
    RETORT_CHECK_SQL(q10, "SELECT users.username || users.email LIKE ? FROM users",
                     "SELECT users.username || users.email LIKE $1 FROM users");
}

TEST(SqlExpressions, Labels) {
    auto q1 = retort::select(col<&User::id>.label<"user_id">(), retort::count().label<"n">())
                  .group_by(col<&User::id>);
    RETORT_CHECK_SQL(q1, "SELECT users.id AS user_id, count(*) AS n FROM users GROUP BY users.id",
                     "SELECT users.id AS user_id, count(*) AS n FROM users GROUP BY users.id");
    auto n = retort::count().label<"n">();
    auto q2 = retort::select(col<&User::id>, n).group_by(col<&User::id>).order_by(n.desc());
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id, count(*) AS n FROM users GROUP BY users.id ORDER BY n DESC",
                     "SELECT users.id, count(*) AS n FROM users GROUP BY users.id ORDER BY n DESC");
    auto q3 = retort::select((col<&Post::views> * 2).label<"Double Views">());
    RETORT_CHECK_SQL(q3, "SELECT posts.views * ? AS \"Double Views\" FROM posts",
                     "SELECT posts.views * $1 AS \"Double Views\" FROM posts");
}

TEST(SqlExpressions, QuotedNames) {
    auto q1 = retort::select(col<&Order::id>, col<&Order::user>).where(col<&Order::user> == 7);
    RETORT_CHECK_SQL(q1, "SELECT \"order\".id, \"order\".\"user\" FROM \"order\" WHERE \"order\".\"user\" = ?",
                     "SELECT \"order\".id, \"order\".\"user\" FROM \"order\" WHERE \"order\".\"user\" = $1");
    auto q2 = retort::select<Order>();
    RETORT_CHECK_SQL(q2, "SELECT \"order\".id, \"order\".\"user\", \"order\".total, \"order\".note FROM \"order\"",
                     "SELECT \"order\".id, \"order\".\"user\", \"order\".total, \"order\".note FROM \"order\"");
}

TEST(SqlExpressions, Aliases) {
    constexpr auto mgr = retort::alias<Employee, "mgr">;
    auto q1 = retort::select(col<&Employee::name>, mgr.col<&Employee::name>)
                  .join(mgr, mgr.col<&Employee::id> == col<&Employee::manager_id>);
    RETORT_CHECK_SQL(q1,
                     "SELECT employees.name, mgr.name FROM employees JOIN employees AS mgr ON "
                     "mgr.id = employees.manager_id",
                     "SELECT employees.name, mgr.name FROM employees JOIN employees AS mgr ON "
                     "mgr.id = employees.manager_id");
    auto q2 = retort::select(col<&Employee::name>)
                  .left_join(mgr, mgr.col<&Employee::id> == col<&Employee::manager_id>)
                  .where(mgr.col<&Employee::salary> < col<&Employee::salary>);
    RETORT_CHECK_SQL(q2,
                     "SELECT employees.name FROM employees LEFT OUTER JOIN employees AS mgr ON "
                     "mgr.id = employees.manager_id WHERE mgr.salary < employees.salary",
                     "SELECT employees.name FROM employees LEFT OUTER JOIN employees AS mgr ON "
                     "mgr.id = employees.manager_id WHERE mgr.salary < employees.salary");
    constexpr auto boss = retort::alias<Employee, "boss">;
    auto q3 = retort::select(retort::col<&Employee::name, decltype(boss)>).select_from(boss);
    RETORT_CHECK_SQL(q3, "SELECT boss.name FROM employees AS boss",
                     "SELECT boss.name FROM employees AS boss");
    constexpr auto u = retort::alias<User, "user">;
    auto q4 = retort::select(u.col<&User::id>).where(u.col<&User::id> == 1);
    RETORT_CHECK_SQL(q4, "SELECT \"user\".id FROM users AS \"user\" WHERE \"user\".id = ?",
                     "SELECT \"user\".id FROM users AS \"user\" WHERE \"user\".id = $1");
}

TEST(SqlExpressions, MixinColumns) {
    auto q = retort::select(col<&Article::id>, col<&Timestamps::created, Article>)
                 .where(col<&Timestamps::created, Article> > 1);
    RETORT_CHECK_SQL(q, "SELECT article.id, article.created FROM article WHERE article.created > ?",
                     "SELECT article.id, article.created FROM article WHERE article.created > $1");
}

}  // namespace
