// Golden SQL of relationships: eager-loading plans on select<Model>() (joinedload's LEFT OUTER
// JOINs and row layout, selectin queries and their key lists), predicates any()/has(), and
// joins along a relationship.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "relationship_models.hpp"
#include "sql_case.hpp"

namespace {

using namespace blog;
using namespace reltest;
using retort::col;
using retort::joinedload;
using retort::selectinload;
using retort::detail::type_list;
using kind = retort::detail::dialect_kind;

/** Checks the text of selectin_query<Member> on both dialects, at compile time and run time. */
#define RETORT_CHECK_SELECTIN(member, sqlite_text, postgresql_text)                          \
    do {                                                                                     \
        static_assert(retort::detail::selectin_query_text<member>(kind::sqlite) ==           \
                      std::string_view(sqlite_text));                                        \
        static_assert(retort::detail::selectin_query_text<member>(kind::postgresql) ==       \
                      std::string_view(postgresql_text));                                    \
        EXPECT_EQ(retort::detail::selectin_query_text<member>(kind::sqlite),                 \
                  std::string_view(sqlite_text));                                            \
        EXPECT_EQ(retort::detail::selectin_query_text<member>(kind::postgresql),             \
                  std::string_view(postgresql_text));                                        \
    } while (false)

// ---- the plan a statement carries ---------------------------------------------------------

TEST(SqlLoading, PlanIsPartOfTheType) {
    auto plain = retort::select<User>();
    static_assert(std::is_same_v<decltype(plain)::load_plan, type_list<>>);
    auto cols = retort::select(col<&User::id>);
    static_assert(std::is_same_v<decltype(cols)::load_plan, type_list<>>);

    auto q = retort::select<User>()
                 .options(selectinload<&User::posts>)
                 .where(col<&User::id> > 1)
                 .options(selectinload<&User::posts>.then(joinedload<&Post::tags>));
    using plan = decltype(q)::load_plan;
    static_assert(plan::size == 2);
    static_assert(std::is_same_v<retort::detail::at_t<0, plan>,
                                 std::remove_cvref_t<decltype(selectinload<&User::posts>)>>);
    static_assert(std::is_same_v<decltype(q)::result_type, User>);
    // selectin loaders leave the statement's text as it is.
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users WHERE users.id > ?",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users WHERE users.id > $1");
}

TEST(SqlLoading, OptionsInAnyPosition) {
    auto a = retort::select<Post>().options(joinedload<&Post::author>).where(col<&Post::views> > 3);
    auto b = retort::select<Post>().where(col<&Post::views> > 3).options(joinedload<&Post::author>);
    static_assert(std::is_same_v<decltype(a), decltype(b)>);
    EXPECT_EQ(retort::sql<retort::sqlite>(a), retort::sql<retort::sqlite>(b));
}

// ---- joinedload ---------------------------------------------------------------------------

TEST(SqlLoading, JoinedHasMany) {
    auto q = retort::select<User>().options(joinedload<&User::posts>);
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating FROM users LEFT OUTER JOIN posts AS "
                     "posts_1 ON posts_1.author_id = users.id",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating FROM users LEFT OUTER JOIN posts AS "
                     "posts_1 ON posts_1.author_id = users.id");
}

TEST(SqlLoading, JoinedBelongsToAndManyToMany) {
    auto q = retort::select<Post>()
                 .where(col<&Post::published> == true)
                 .order_by(col<&Post::id>.desc())
                 .options(joinedload<&Post::author>, joinedload<&Post::tags>);
    RETORT_CHECK_SQL(q,
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at, tags_1.id, tags_1.name FROM posts LEFT "
                     "OUTER JOIN users AS users_1 ON users_1.id = posts.author_id LEFT OUTER JOIN "
                     "post_tags AS post_tags_1 ON post_tags_1.post_id = posts.id LEFT OUTER JOIN "
                     "tags AS tags_1 ON tags_1.id = post_tags_1.tag_id WHERE posts.published = ? "
                     "ORDER BY posts.id DESC",
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at, tags_1.id, tags_1.name FROM posts LEFT "
                     "OUTER JOIN users AS users_1 ON users_1.id = posts.author_id LEFT OUTER JOIN "
                     "post_tags AS post_tags_1 ON post_tags_1.post_id = posts.id LEFT OUTER JOIN "
                     "tags AS tags_1 ON tags_1.id = post_tags_1.tag_id WHERE posts.published = $1 "
                     "ORDER BY posts.id DESC");
}

TEST(SqlLoading, JoinedAfterTheStatementsOwnJoins) {
    auto q = retort::select<Post>()
                 .join<User>()
                 .where(col<&User::username> == "alice")
                 .options(joinedload<&Post::author>);
    RETORT_CHECK_SQL(q,
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at FROM posts JOIN users ON users.id = "
                     "posts.author_id LEFT OUTER JOIN users AS users_1 ON users_1.id = "
                     "posts.author_id WHERE users.username = ?",
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at FROM posts JOIN users ON users.id = "
                     "posts.author_id LEFT OUTER JOIN users AS users_1 ON users_1.id = "
                     "posts.author_id WHERE users.username = $1");
}

TEST(SqlLoading, NestedJoinedDepthFirstAndLayout) {
    auto q = retort::select<User>().options(
        joinedload<&User::posts>.then(joinedload<&Post::tags>, joinedload<&Post::author>));
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating, tags_1.id, tags_1.name, users_1.id, "
                     "users_1.username, users_1.email, users_1.bio, users_1.created_at FROM users "
                     "LEFT OUTER JOIN posts AS posts_1 ON posts_1.author_id = users.id LEFT OUTER "
                     "JOIN post_tags AS post_tags_1 ON post_tags_1.post_id = posts_1.id LEFT OUTER "
                     "JOIN tags AS tags_1 ON tags_1.id = post_tags_1.tag_id LEFT OUTER JOIN users "
                     "AS users_1 ON users_1.id = posts_1.author_id",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating, tags_1.id, tags_1.name, users_1.id, "
                     "users_1.username, users_1.email, users_1.bio, users_1.created_at FROM users "
                     "LEFT OUTER JOIN posts AS posts_1 ON posts_1.author_id = users.id LEFT OUTER "
                     "JOIN post_tags AS post_tags_1 ON post_tags_1.post_id = posts_1.id LEFT OUTER "
                     "JOIN tags AS tags_1 ON tags_1.id = post_tags_1.tag_id LEFT OUTER JOIN users "
                     "AS users_1 ON users_1.id = posts_1.author_id");

    using layout = retort::detail::joined_layout<decltype(q)>;
    using e0 = retort::detail::at_t<0, layout::entries>;
    using e1 = retort::detail::at_t<1, layout::entries>;
    using e2 = retort::detail::at_t<2, layout::entries>;
    static_assert(layout::size == 3 && layout::column_count == 5 + 7 + 2 + 5);
    static_assert(e0::member == &User::posts && e0::offset == 5 && e0::width == 7 &&
                  e0::parent == retort::detail::npos);
    static_assert(e1::member == &Post::tags && e1::offset == 12 && e1::width == 2 &&
                  e1::parent == 0);
    static_assert(e2::member == &Post::author && e2::offset == 14 && e2::width == 5 &&
                  e2::parent == 0);
    static_assert(std::is_same_v<e1::target, Tag>);
}

TEST(SqlLoading, SelectinLoadersLeaveTheLayout) {
    // Joined under selectin belongs to the second query; selectin under joined adds nothing.
    auto q = retort::select<User>().options(selectinload<&User::posts>.then(joinedload<&Post::author>),
                                            joinedload<&User::posts>.then(selectinload<&Post::tags>));
    using layout = retort::detail::joined_layout<decltype(q)>;
    static_assert(layout::size == 1 && layout::column_count == 12);
    using e0 = retort::detail::at_t<0, layout::entries>;
    static_assert(e0::loader::then_type::size == 1);
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating FROM users LEFT OUTER JOIN posts AS "
                     "posts_1 ON posts_1.author_id = users.id",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at, "
                     "posts_1.id, posts_1.title, posts_1.body, posts_1.author_id, posts_1.views, "
                     "posts_1.published, posts_1.rating FROM users LEFT OUTER JOIN posts AS "
                     "posts_1 ON posts_1.author_id = users.id");
}

TEST(SqlLoading, JoinedSelfRelationshipNumbersAliases) {
    auto q = retort::select<Node>().options(joinedload<&Node::parent>,
                                            joinedload<&Node::children>.then(joinedload<&Node::children>));
    RETORT_CHECK_SQL(q,
                     "SELECT nodes.id, nodes.parent_id, nodes.label, nodes_1.id, nodes_1.parent_id, "
                     "nodes_1.label, nodes_2.id, nodes_2.parent_id, nodes_2.label, nodes_3.id, "
                     "nodes_3.parent_id, nodes_3.label FROM nodes LEFT OUTER JOIN nodes AS nodes_1 "
                     "ON nodes_1.id = nodes.parent_id LEFT OUTER JOIN nodes AS nodes_2 ON "
                     "nodes_2.parent_id = nodes.id LEFT OUTER JOIN nodes AS nodes_3 ON "
                     "nodes_3.parent_id = nodes_2.id",
                     "SELECT nodes.id, nodes.parent_id, nodes.label, nodes_1.id, nodes_1.parent_id, "
                     "nodes_1.label, nodes_2.id, nodes_2.parent_id, nodes_2.label, nodes_3.id, "
                     "nodes_3.parent_id, nodes_3.label FROM nodes LEFT OUTER JOIN nodes AS nodes_1 "
                     "ON nodes_1.id = nodes.parent_id LEFT OUTER JOIN nodes AS nodes_2 ON "
                     "nodes_2.parent_id = nodes.id LEFT OUTER JOIN nodes AS nodes_3 ON "
                     "nodes_3.parent_id = nodes_2.id");
    using layout = retort::detail::joined_layout<decltype(q)>;
    static_assert(retort::detail::at_t<2, layout::entries>::parent == 1);
    static_assert(retort::detail::at_t<2, layout::entries>::offset == 9);
}

TEST(SqlLoading, JoinedQuotedTableAndHasOne) {
    auto q = retort::select<Account>().options(joinedload<&Account::invoices>,
                                               joinedload<&Account::settings>);
    RETORT_CHECK_SQL(q,
                     "SELECT accounts.id, accounts.name, group_1.id, group_1.\"user\", "
                     "group_1.total, settings_1.id, settings_1.account_id, settings_1.theme FROM "
                     "accounts LEFT OUTER JOIN \"group\" AS group_1 ON group_1.\"user\" = "
                     "accounts.id LEFT OUTER JOIN settings AS settings_1 ON "
                     "settings_1.account_id = accounts.id",
                     "SELECT accounts.id, accounts.name, group_1.id, group_1.\"user\", "
                     "group_1.total, settings_1.id, settings_1.account_id, settings_1.theme FROM "
                     "accounts LEFT OUTER JOIN \"group\" AS group_1 ON group_1.\"user\" = "
                     "accounts.id LEFT OUTER JOIN settings AS settings_1 ON "
                     "settings_1.account_id = accounts.id");
}

TEST(SqlLoading, JoinedToOneWithLimitIsFine) {
    auto q = retort::select<Post>().options(joinedload<&Post::author>).limit(10).offset(5);
    RETORT_CHECK_SQL(q,
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at FROM posts LEFT OUTER JOIN users AS users_1 "
                     "ON users_1.id = posts.author_id LIMIT ? OFFSET ?",
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating, users_1.id, users_1.username, users_1.email, "
                     "users_1.bio, users_1.created_at FROM posts LEFT OUTER JOIN users AS users_1 "
                     "ON users_1.id = posts.author_id LIMIT $1 OFFSET $2");
    // A selectin collection is fine with a limit too: it does not touch this statement.
    auto q2 = retort::select<User>().options(selectinload<&User::posts>).limit(3);
    RETORT_CHECK_SQL(q2,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users LIMIT ?",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users LIMIT $1");
}

// ---- selectin queries ---------------------------------------------------------------------

TEST(SqlLoading, SelectinHasMany) {
    RETORT_CHECK_SELECTIN(&User::posts,
                          "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                          "posts.published, posts.rating FROM posts WHERE posts.author_id IN "
                          "(SELECT value FROM json_each(?))",
                          "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                          "posts.published, posts.rating FROM posts WHERE posts.author_id = "
                          "ANY($1)");
    using q = retort::detail::selectin_query<&User::posts>;
    static_assert(q::owner_key_column == 0 && q::row_key_column == 3 && q::target_offset == 0 &&
                  q::row_width == 7);
    static_assert(std::is_same_v<q::key_type, std::int64_t>);
}

TEST(SqlLoading, SelectinBelongsToAndHasOne) {
    RETORT_CHECK_SELECTIN(&Post::author,
                          "SELECT users.id, users.username, users.email, users.bio, "
                          "users.created_at FROM users WHERE users.id IN (SELECT value FROM "
                          "json_each(?))",
                          "SELECT users.id, users.username, users.email, users.bio, "
                          "users.created_at FROM users WHERE users.id = ANY($1)");
    using q = retort::detail::selectin_query<&Post::author>;
    static_assert(q::owner_key_column == 3 && q::row_key_column == 0 && q::row_width == 5);
    RETORT_CHECK_SELECTIN(&Account::settings,
                          "SELECT settings.id, settings.account_id, settings.theme FROM settings "
                          "WHERE settings.account_id IN (SELECT value FROM json_each(?))",
                          "SELECT settings.id, settings.account_id, settings.theme FROM settings "
                          "WHERE settings.account_id = ANY($1)");
    RETORT_CHECK_SELECTIN(&Node::parent,
                          "SELECT nodes.id, nodes.parent_id, nodes.label FROM nodes WHERE nodes.id "
                          "IN (SELECT value FROM json_each(?))",
                          "SELECT nodes.id, nodes.parent_id, nodes.label FROM nodes WHERE nodes.id "
                          "= ANY($1)");
    static_assert(std::is_same_v<retort::detail::selectin_query<&Node::parent>::key_type,
                                 std::optional<std::int64_t>>);
    RETORT_CHECK_SELECTIN(&Account::invoices,
                          "SELECT \"group\".id, \"group\".\"user\", \"group\".total FROM \"group\" "
                          "WHERE \"group\".\"user\" IN (SELECT value FROM json_each(?))",
                          "SELECT \"group\".id, \"group\".\"user\", \"group\".total FROM \"group\" "
                          "WHERE \"group\".\"user\" = ANY($1)");
}

TEST(SqlLoading, SelectinManyToMany) {
    RETORT_CHECK_SELECTIN(&Post::tags,
                          "SELECT post_tags.post_id, tags.id, tags.name FROM tags JOIN post_tags ON "
                          "tags.id = post_tags.tag_id WHERE post_tags.post_id IN (SELECT value FROM "
                          "json_each(?))",
                          "SELECT post_tags.post_id, tags.id, tags.name FROM tags JOIN post_tags ON "
                          "tags.id = post_tags.tag_id WHERE post_tags.post_id = ANY($1)");
    using q = retort::detail::selectin_query<&Post::tags>;
    static_assert(q::owner_key_column == 0 && q::row_key_column == 0 && q::target_offset == 1 &&
                  q::row_width == 3);
}

TEST(SqlLoading, SelectinTextIsOneConstant) {
    const auto a = retort::detail::selectin_query_text<&User::posts>(kind::sqlite);
    const auto b = retort::detail::selectin_query_text<&User::posts>(kind::sqlite);
    EXPECT_EQ(a.data(), b.data());
    EXPECT_EQ(a.data()[a.size()], '\0');
}

TEST(SqlLoading, KeyListEncoding) {
    const std::vector<std::int64_t> keys{3, 1, 2};
    EXPECT_EQ(retort::detail::encode_key_list(kind::sqlite, keys), "[3,1,2]");
    EXPECT_EQ(retort::detail::encode_key_list(kind::postgresql, keys), "{3,1,2}");
    std::string out = "stale";
    retort::detail::encode_key_list(out, kind::postgresql, std::vector<std::int64_t>{});
    EXPECT_EQ(out, "{}");
    const std::vector<std::string> names{"a", "b\"c"};
    EXPECT_EQ(retort::detail::encode_key_list(kind::sqlite, names), "[\"a\",\"b\\\"c\"]");
    EXPECT_EQ(retort::detail::encode_key_list(kind::postgresql, names), "{\"a\",\"b\\\"c\"}");
}

// ---- predicates ---------------------------------------------------------------------------

TEST(SqlRelationships, AnyOverHasMany) {
    auto q = retort::select(col<&User::username>).where(col<&User::posts>.any());
    RETORT_CHECK_SQL(q,
                     "SELECT users.username FROM users WHERE EXISTS (SELECT 1 FROM posts WHERE "
                     "posts.author_id = users.id)",
                     "SELECT users.username FROM users WHERE EXISTS (SELECT 1 FROM posts WHERE "
                     "posts.author_id = users.id)");
    auto q2 = retort::select(col<&User::username>)
                  .where(col<&User::posts>.any(col<&Post::views> > 10 || col<&Post::published>));
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username FROM users WHERE EXISTS (SELECT 1 FROM posts WHERE "
                     "posts.author_id = users.id AND (posts.views > ? OR posts.published))",
                     "SELECT users.username FROM users WHERE EXISTS (SELECT 1 FROM posts WHERE "
                     "posts.author_id = users.id AND (posts.views > $1 OR posts.published))");
}

TEST(SqlRelationships, AnyOverManyToMany) {
    auto q = retort::select(col<&Post::title>).where(col<&Post::tags>.any(col<&Tag::name> == "python"));
    RETORT_CHECK_SQL(q,
                     "SELECT posts.title FROM posts WHERE EXISTS (SELECT 1 FROM post_tags JOIN "
                     "tags ON tags.id = post_tags.tag_id WHERE post_tags.post_id = posts.id AND "
                     "tags.name = ?)",
                     "SELECT posts.title FROM posts WHERE EXISTS (SELECT 1 FROM post_tags JOIN "
                     "tags ON tags.id = post_tags.tag_id WHERE post_tags.post_id = posts.id AND "
                     "tags.name = $1)");
}

TEST(SqlRelationships, HasOverBelongsToAndHasOne) {
    auto q = retort::select(col<&Post::title>).where(col<&Post::author>.has(col<&User::username> == "alice"));
    RETORT_CHECK_SQL(q,
                     "SELECT posts.title FROM posts WHERE EXISTS (SELECT 1 FROM users WHERE "
                     "users.id = posts.author_id AND users.username = ?)",
                     "SELECT posts.title FROM posts WHERE EXISTS (SELECT 1 FROM users WHERE "
                     "users.id = posts.author_id AND users.username = $1)");
    auto q2 = retort::select(col<&Account::name>).where(!col<&Account::settings>.has());
    RETORT_CHECK_SQL(q2,
                     "SELECT accounts.name FROM accounts WHERE NOT EXISTS (SELECT 1 FROM settings "
                     "WHERE settings.account_id = accounts.id)",
                     "SELECT accounts.name FROM accounts WHERE NOT EXISTS (SELECT 1 FROM settings "
                     "WHERE settings.account_id = accounts.id)");
}

TEST(SqlRelationships, ComposedAndBoundInPlaceholderOrder) {
    auto q = retort::select<Post>()
                 .limit(5)
                 .where(col<&Post::tags>.any(col<&Tag::name> == "c++") ||
                        col<&Post::author>.has(col<&User::username> == "bob"))
                 .where(col<&Post::views> > 7);
    RETORT_CHECK_SQL(q,
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating FROM posts WHERE (EXISTS (SELECT 1 FROM "
                     "post_tags JOIN tags ON tags.id = post_tags.tag_id WHERE post_tags.post_id = "
                     "posts.id AND tags.name = ?) OR EXISTS (SELECT 1 FROM users WHERE users.id = "
                     "posts.author_id AND users.username = ?)) AND posts.views > ? LIMIT ?",
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating FROM posts WHERE (EXISTS (SELECT 1 FROM "
                     "post_tags JOIN tags ON tags.id = post_tags.tag_id WHERE post_tags.post_id = "
                     "posts.id AND tags.name = $1) OR EXISTS (SELECT 1 FROM users WHERE users.id = "
                     "posts.author_id AND users.username = $2)) AND posts.views > $3 LIMIT $4");
    std::vector<std::string> seen;
    retort::visit_params(q, kind::sqlite, [&]<class V>(const V& v) {
        if constexpr (std::is_arithmetic_v<V>)
            seen.push_back(std::to_string(v));
        else
            seen.push_back(std::string(std::string_view(v)));
    });
    EXPECT_EQ(seen, (std::vector<std::string>{"c++", "bob", "7", "5"}));
}

TEST(SqlRelationships, PredicateInHaving) {
    auto q = retort::select(col<&User::id>, retort::count())
                 .join<Post>()
                 .group_by(col<&User::id>)
                 .having(retort::count() > 1 && col<&User::posts>.any(col<&Post::published>));
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, count(*) FROM users JOIN posts ON users.id = "
                     "posts.author_id GROUP BY users.id HAVING count(*) > ? AND EXISTS (SELECT 1 "
                     "FROM posts WHERE posts.author_id = users.id AND posts.published)",
                     "SELECT users.id, count(*) FROM users JOIN posts ON users.id = "
                     "posts.author_id GROUP BY users.id HAVING count(*) > $1 AND EXISTS (SELECT 1 "
                     "FROM posts WHERE posts.author_id = users.id AND posts.published)");
}

// ---- joins along a relationship -----------------------------------------------------------

TEST(SqlRelationships, JoinAlongHasMany) {
    auto q = retort::select<User>().join<&User::posts>().where(col<&Post::views> > 3);
    RETORT_CHECK_SQL(q,
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users JOIN posts ON posts.author_id = users.id WHERE posts.views > ?",
                     "SELECT users.id, users.username, users.email, users.bio, users.created_at "
                     "FROM users JOIN posts ON posts.author_id = users.id WHERE posts.views > $1");
    auto q2 = retort::select(col<&User::username>, col<&Post::title>).left_join<&User::posts>();
    RETORT_CHECK_SQL(q2,
                     "SELECT users.username, posts.title FROM users LEFT OUTER JOIN posts ON "
                     "posts.author_id = users.id",
                     "SELECT users.username, posts.title FROM users LEFT OUTER JOIN posts ON "
                     "posts.author_id = users.id");
    static_assert(std::is_same_v<decltype(q2)::result_type,
                                 std::tuple<std::string, std::optional<std::string>>>);
}

TEST(SqlRelationships, JoinAlongBelongsTo) {
    auto q = retort::select(col<&Post::title>, col<&User::username>).join<&Post::author>();
    RETORT_CHECK_SQL(q,
                     "SELECT posts.title, users.username FROM posts JOIN users ON users.id = "
                     "posts.author_id",
                     "SELECT posts.title, users.username FROM posts JOIN users ON users.id = "
                     "posts.author_id");
}

TEST(SqlRelationships, JoinAlongManyToMany) {
    auto q = retort::select<Post>().join<&Post::tags>().where(col<&Tag::name> == "python");
    RETORT_CHECK_SQL(q,
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating FROM posts JOIN post_tags ON "
                     "post_tags.post_id = posts.id JOIN tags ON tags.id = post_tags.tag_id WHERE "
                     "tags.name = ?",
                     "SELECT posts.id, posts.title, posts.body, posts.author_id, posts.views, "
                     "posts.published, posts.rating FROM posts JOIN post_tags ON "
                     "post_tags.post_id = posts.id JOIN tags ON tags.id = post_tags.tag_id WHERE "
                     "tags.name = $1");
    auto q2 = retort::select(col<&Post::title>, col<&Tag::name>).left_join<&Post::tags>();
    RETORT_CHECK_SQL(q2,
                     "SELECT posts.title, tags.name FROM posts LEFT OUTER JOIN post_tags ON "
                     "post_tags.post_id = posts.id LEFT OUTER JOIN tags ON tags.id = "
                     "post_tags.tag_id",
                     "SELECT posts.title, tags.name FROM posts LEFT OUTER JOIN post_tags ON "
                     "post_tags.post_id = posts.id LEFT OUTER JOIN tags ON tags.id = "
                     "post_tags.tag_id");
    static_assert(std::is_same_v<decltype(q2)::result_type,
                                 std::tuple<std::string, std::optional<std::string>>>);
}

TEST(SqlRelationships, JoinFromAJoinedTable) {
    auto q = retort::select(col<&User::username>, col<&Tag::name>)
                 .join<&User::posts>()
                 .join<&Post::tags>();
    RETORT_CHECK_SQL(q,
                     "SELECT users.username, tags.name FROM users JOIN posts ON posts.author_id = "
                     "users.id JOIN post_tags ON post_tags.post_id = posts.id JOIN tags ON tags.id "
                     "= post_tags.tag_id",
                     "SELECT users.username, tags.name FROM users JOIN posts ON posts.author_id = "
                     "users.id JOIN post_tags ON post_tags.post_id = posts.id JOIN tags ON tags.id "
                     "= post_tags.tag_id");
}

}  // namespace
