// Core SELECTs on a real database: models and columns, filters, IN lists, joins, aggregates,
// subqueries, unions, CTEs, expressions and raw text, checked by the values they return.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core_fixture.hpp"

namespace {

using namespace blog;
using retort::col;
using retort::testing::core_test;

class core_select : public core_test {};
using strings = std::vector<std::string>;
using ids = std::vector<std::int64_t>;

TEST_P(core_select, select_models_with_where_order_limit_offset) {
    auto q = retort::select<User>()
                 .where(col<&User::email>.like("%@example.com"))
                 .order_by(col<&User::username>.desc())
                 .limit(1)
                 .offset(0);
    User u = conn().execute(q).one();
    EXPECT_EQ(u.id, 3);
    EXPECT_EQ(u.username, "carol");
    EXPECT_EQ(u.email, "carol@example.com");
    EXPECT_EQ(u.bio, "reads");
    EXPECT_NE(u.created_at, retort::timestamp{});  // the server's default
    EXPECT_FALSE(u.posts.loaded());  // Core reads columns only; relationships stay unloaded

    strings names;
    for (User& user : conn().execute(retort::select<User>().order_by(col<&User::id>))) {
        names.push_back(user.username);
    }
    EXPECT_EQ(names, (strings{"alice", "bob", "carol", "dave"}));

    auto page = conn().execute(retort::select<User>().order_by(col<&User::id>).limit(2).offset(1)).all();
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].username, "bob");
    EXPECT_EQ(page[0].bio, std::nullopt);
    EXPECT_EQ(page[1].username, "carol");
}

TEST_P(core_select, select_columns_as_tuples) {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    for (auto [id, name] : conn().execute(
             retort::select(col<&User::id>, col<&User::username>).order_by(col<&User::id>))) {
        rows.emplace_back(id, name);
    }
    ASSERT_EQ(rows.size(), 4U);
    EXPECT_EQ(rows[0], (std::pair<std::int64_t, std::string>{1, "alice"}));
    EXPECT_EQ(rows[3], (std::pair<std::int64_t, std::string>{4, "dave"}));

    auto q = retort::select(col<&User::username>).where(col<&User::id> > 1).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(q).scalars(), (strings{"bob", "carol", "dave"}));
    EXPECT_EQ(conn().execute(q).scalar(), "bob");
    auto first = conn().execute(q).first();
    ASSERT_TRUE(first);
    EXPECT_EQ(std::get<0>(*first), "bob");
    EXPECT_EQ(conn().execute(retort::select(col<&User::id>).where(col<&User::id> > 99)).first(),
              std::nullopt);
    EXPECT_THROW((void)conn().execute(q).one(), retort::interface_error);
    EXPECT_EQ(conn().execute(retort::select(col<&User::id>).where(col<&User::id> == 99)).one_or_none(),
              std::nullopt);
}

TEST_P(core_select, like_and_ilike) {
    auto like = retort::select(col<&User::username>).where(col<&User::email>.like("%.org"));
    EXPECT_EQ(conn().execute(like).scalars(), (strings{"bob"}));
    auto ilike = retort::select(col<&User::username>)
                     .where(col<&User::username>.ilike("A%") || col<&User::username>.ilike("%AVE"))
                     .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(ilike).scalars(), (strings{"alice", "dave"}));
    auto not_like = retort::select(col<&User::username>)
                        .where(col<&User::email>.not_like("%@example.com"))
                        .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(not_like).scalars(), (strings{"bob", "dave"}));
}

TEST_P(core_select, in_lists_bind_and_filter) {
    // json_each(?) on SQLite, = ANY($1) on PostgreSQL: one bound value, whatever the length.
    const ids wanted{1, 3, 99};
    auto q = retort::select(col<&User::username>).where(col<&User::id>.in(wanted)).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(q).scalars(), (strings{"alice", "carol"}));
    const strings names{"bob", "dave", "nobody"};
    auto q2 = retort::select(col<&User::id>).where(col<&User::username>.in(names)).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(q2).scalars(), (ids{2, 4}));
    auto q3 = retort::select(col<&User::id>).where(col<&User::id>.not_in(wanted)).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(q3).scalars(), (ids{2, 4}));
    auto none = retort::select(col<&User::id>).where(col<&User::id>.in(ids{}));
    EXPECT_TRUE(conn().execute(none).scalars().empty());
    auto ratings = retort::select(col<&Post::id>)
                       .where(col<&Post::rating>.in(std::vector<double>{2.0, 4.5}))
                       .order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(ratings).scalars(), (ids{1, 5}));
    // The same text for every length: one prepared statement.
    const auto before = conn().cached_statements().first;
    for (std::int64_t n = 1; n <= 5; ++n) {
        ids some;
        for (std::int64_t i = 1; i <= n; ++i) some.push_back(i);
        auto all = retort::select(col<&User::username>).where(col<&User::id>.in(some)).order_by(col<&User::id>);
        EXPECT_EQ(conn().execute(all).scalars().size(), static_cast<std::size_t>(std::min<std::int64_t>(n, 4)));
    }
    EXPECT_EQ(conn().cached_statements().first, before);
}

TEST_P(core_select, between_and_is_null) {
    auto q = retort::select(col<&Post::id>).where(col<&Post::views>.between(10, 80)).order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(q).scalars(), (ids{1, 4, 5}));
    auto no_bio = retort::select(col<&User::username>).where(col<&User::bio>.is_null()).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(no_bio).scalars(), (strings{"bob", "dave"}));
    auto bio = retort::select(col<&User::bio>).where(col<&User::bio>.is_not_null()).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(bio).scalars(),
              (std::vector<std::optional<std::string>>{"writes", "reads"}));
}

TEST_P(core_select, joins_from_foreign_keys) {
    auto q = retort::select(col<&Post::title>, col<&User::username>)
                 .join<User>()
                 .where(col<&Post::published>)
                 .order_by(col<&Post::id>);
    auto rows = conn().execute(q).all();
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0], (std::tuple<std::string, std::string>{"Hello", "alice"}));
    EXPECT_EQ(rows[2], (std::tuple<std::string, std::string>{"Bob's post", "bob"}));

    auto tagged = retort::select(col<&Tag::name>)
                      .join<PostTag>()
                      .join<Post>()
                      .where(col<&Post::id> == 1)
                      .order_by(col<&Tag::name>);
    EXPECT_EQ(conn().execute(tagged).scalars(), (strings{"news", "tech"}));

    auto authors = retort::select<User>().join<Post>().where(col<&Post::views> > 60).order_by(col<&User::id>);
    strings names;
    for (const User& u : conn().execute(authors)) names.push_back(u.username);
    EXPECT_EQ(names, (strings{"alice", "bob"}));
}

TEST_P(core_select, left_joins_yield_optionals) {
    auto q = retort::select(col<&User::username>, col<&Post::title>, col<&Post::rating>)
                 .left_join<Post>()
                 .order_by(col<&User::id>, col<&Post::id>);
    auto rows = conn().execute(q).all();
    ASSERT_EQ(rows.size(), 7U);
    EXPECT_EQ(std::get<1>(rows[0]), "Hello");
    EXPECT_EQ(std::get<2>(rows[0]), 4.5);
    EXPECT_EQ(std::get<2>(rows[1]), std::nullopt);
    EXPECT_EQ(rows[5], (std::tuple<std::string, std::optional<std::string>, std::optional<double>>{
                           "carol", std::nullopt, std::nullopt}));
    EXPECT_EQ(std::get<0>(rows[6]), "dave");
    EXPECT_EQ(std::get<1>(rows[6]), std::nullopt);

    auto lonely = retort::select(col<&User::username>)
                      .left_join<Post>()
                      .where(col<&Post::id>.is_null())
                      .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(lonely).scalars(), (strings{"carol", "dave"}));
}

TEST_P(core_select, group_by_having_and_aggregates) {
    // An explicit cast on top of the one sum() renders on PostgreSQL changes nothing.
    auto q = retort::select(col<&Post::author_id>, retort::count(),
                            retort::cast<std::int64_t>(retort::sum(col<&Post::views>)),
                            retort::max(col<&Post::views>))
                 .group_by(col<&Post::author_id>)
                 .having(retort::count() > 1)
                 .order_by(col<&Post::author_id>);
    using row = std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>,
                           std::optional<std::int64_t>>;
    EXPECT_EQ(conn().execute(q).all(), (std::vector<row>{{1, 3, 160, 150}, {2, 2, 130, 80}}));

    auto counts = retort::select(col<&User::username>, retort::count(col<&Post::id>))
                      .left_join<Post>()
                      .group_by(col<&User::id>, col<&User::username>)
                      .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(counts).all(),
              (std::vector<std::tuple<std::string, std::int64_t>>{
                  {"alice", 3}, {"bob", 2}, {"carol", 0}, {"dave", 0}}));

    auto totals = retort::select(retort::count(), retort::min(col<&Post::views>),
                                 retort::max(col<&Post::rating>),
                                 retort::cast<double>(retort::avg(col<&Post::views>)),
                                 retort::count(col<&Post::rating>));
    auto [n, least, best, mean, rated] = conn().execute(totals).one();
    EXPECT_EQ(n, 5);
    EXPECT_EQ(least, 0);
    EXPECT_EQ(best, 4.5);
    ASSERT_TRUE(mean);
    EXPECT_DOUBLE_EQ(*mean, 58.0);
    EXPECT_EQ(rated, 3);
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<Tag>()).scalar(), 3);
    EXPECT_EQ(conn().execute(retort::select(retort::max(col<&Post::views>)).where(col<&Post::id> > 99))
                  .scalar(),
              std::nullopt);
}

TEST_P(core_select, sum_and_avg_decode_into_their_declared_types) {
    // On PostgreSQL sum(bigint) and avg(bigint) are numeric; they must still read as numbers.
    auto totals = retort::select(retort::sum(col<&Post::views>), retort::avg(col<&Post::views>));
    static_assert(std::is_same_v<decltype(totals)::result_type,
                                 std::tuple<std::optional<std::int64_t>, std::optional<double>>>);
    auto [total, mean] = conn().execute(totals).one();
    EXPECT_EQ(total, 290);
    ASSERT_TRUE(mean);
    EXPECT_DOUBLE_EQ(*mean, 58.0);

    EXPECT_EQ(conn().execute(retort::select(retort::sum(col<&Post::views>))).scalar(), 290);
    auto by_author = retort::select(col<&Post::author_id>, retort::sum(col<&Post::views>),
                                    retort::avg(col<&Post::views>))
                         .group_by(col<&Post::author_id>)
                         .having(retort::sum(col<&Post::views>) > 150)
                         .order_by(col<&Post::author_id>);
    const auto rows = conn().execute(by_author).all();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(std::get<0>(rows[0]), 1);
    EXPECT_EQ(std::get<1>(rows[0]), 160);
    ASSERT_TRUE(std::get<2>(rows[0]));
    EXPECT_NEAR(*std::get<2>(rows[0]), 160.0 / 3, 1e-9);

    // Over no rows both are NULL; sum() of a double stays a double.
    auto none = retort::select(retort::sum(col<&Post::views>), retort::avg(col<&Post::views>))
                    .where(col<&Post::id> > 99);
    EXPECT_EQ(conn().execute(none).one(),
              (std::tuple<std::optional<std::int64_t>, std::optional<double>>{}));
    auto ratings = conn().execute(retort::select(retort::sum(col<&Post::rating>))).scalar();
    static_assert(std::is_same_v<decltype(ratings), std::optional<double>>);
    EXPECT_TRUE(ratings.has_value());
}

TEST_P(core_select, subqueries_and_exists) {
    auto writers = retort::select(col<&User::username>)
                       .where(retort::exists(retort::select(col<&Post::id>)
                                                 .where(col<&Post::author_id> == col<&User::id>)))
                       .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(writers).scalars(), (strings{"alice", "bob"}));

    auto quiet = retort::select(col<&User::username>)
                     .where(!retort::exists(retort::select(col<&Post::id>)
                                                .where(col<&Post::author_id> == col<&User::id> &&
                                                       col<&Post::views> > 5)) &&
                            col<&User::id> > 1)
                     .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(quiet).scalars(), (strings{"carol", "dave"}));

    auto avg_views = retort::select(retort::avg(col<&Post::views>)).scalar_subquery();
    auto above = retort::select(col<&Post::id>).where(col<&Post::views> > avg_views).order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(above).scalars(), (ids{2, 5}));

    auto in_sub = retort::select(col<&User::username>)
                      .where(col<&User::id>.in(retort::select(col<&Post::author_id>)
                                                   .where(col<&Post::views> >= 80)))
                      .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(in_sub).scalars(), (strings{"alice", "bob"}));

    auto latest = retort::select(retort::max(col<&Post::id>))
                      .where(col<&Post::author_id> == col<&User::id>)
                      .scalar_subquery();
    auto q = retort::select(col<&User::username>, latest.label<"latest">()).order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(q).all(),
              (std::vector<std::tuple<std::string, std::optional<std::int64_t>>>{
                  {"alice", 3}, {"bob", 5}, {"carol", std::nullopt}, {"dave", std::nullopt}}));

    auto counts = retort::select(col<&Post::author_id>, retort::count().label<"n">())
                      .group_by(col<&Post::author_id>)
                      .subquery<"post_counts">();
    auto busy = retort::select(col<&User::username>, counts.named<"n">)
                    .select_from(counts)
                    .join<User>(col<&User::id> == counts.col<&Post::author_id>)
                    .where(counts.named<"n"> > 2);
    EXPECT_EQ(conn().execute(busy).all(),
              (std::vector<std::tuple<std::string, std::int64_t>>{{"alice", 3}}));
}

TEST_P(core_select, unions_and_ctes) {
    auto both = retort::union_(retort::select(col<&User::username>).where(col<&User::id> < 3),
                               retort::select(col<&Tag::name>).where(col<&Tag::id> > 1));
    EXPECT_EQ(sorted(conn().execute(both).scalars()), (strings{"alice", "bob", "life", "tech"}));
    auto all = retort::union_all(retort::select(col<&User::id>).where(col<&User::id> < 3),
                                 retort::select(col<&Post::author_id>).where(col<&Post::views> > 9));
    EXPECT_EQ(sorted(conn().execute(all).scalars()), (ids{1, 1, 1, 2, 2, 2}));

    auto busy = retort::select(col<&Post::author_id>, retort::count().label<"n">())
                    .group_by(col<&Post::author_id>)
                    .having(retort::count() > 2)
                    .cte<"busy">();
    auto q = retort::select(col<&User::email>, busy.named<"n">)
                 .join(busy, busy.col<&Post::author_id> == col<&User::id>)
                 .where(col<&User::id> > 0)
                 .with(busy);
    EXPECT_EQ(conn().execute(q).all(),
              (std::vector<std::tuple<std::string, std::int64_t>>{{"alice@example.com", 3}}));
}

TEST_P(core_select, case_cast_coalesce) {
    auto q = retort::select(col<&User::username>, retort::coalesce(col<&User::bio>, "none"),
                            retort::case_(retort::when(col<&User::id> < 3, "early"),
                                          retort::else_("late")),
                            retort::cast<double>(col<&User::id>))
                 .order_by(col<&User::id>);
    using row = std::tuple<std::string, std::string, std::string, double>;
    EXPECT_EQ(conn().execute(q).all(), (std::vector<row>{{"alice", "writes", "early", 1.0},
                                                          {"bob", "none", "early", 2.0},
                                                          {"carol", "reads", "late", 3.0},
                                                          {"dave", "none", "late", 4.0}}));
    auto heat = retort::select(retort::case_(retort::when(col<&Post::views> > 100, "hot"),
                                             retort::when(col<&Post::views> > 20, "warm")))
                    .order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(heat).scalars(),
              (std::vector<std::optional<std::string>>{std::nullopt, "hot", std::nullopt, "warm",
                                                       "warm"}));
    auto text = retort::select(retort::cast<std::string>(col<&Post::views>)).where(col<&Post::id> == 2);
    EXPECT_EQ(conn().execute(text).scalar(), "150");
}

TEST_P(core_select, raw_text_with_binds) {
    auto q = retort::text<"SELECT username FROM users WHERE id > ? AND username <> '?' ORDER BY id">()
                 .bind(2)
                 .returns<std::string>();
    EXPECT_EQ(conn().execute(q).scalars(), (strings{"carol", "dave"}));
    auto update = retort::text<"UPDATE users SET bio = ? WHERE id = ?">().bind("new", 2);
    EXPECT_EQ(conn().execute(update).rows_affected(), 1);
    const std::string sql = pg() ? "SELECT id, bio FROM users WHERE id = $1"
                                 : "SELECT id, bio FROM users WHERE id = ?";
    auto runtime = retort::text(sql).bind(std::int64_t{2}).returns<std::int64_t, std::optional<std::string>>();
    auto [id, bio] = conn().execute(runtime).one();
    EXPECT_EQ(id, 2);
    EXPECT_EQ(bio, "new");
    EXPECT_EQ(conn().cached_statements().second, 1U);  // run-time text: cached by content
    conn().execute(retort::text("DELETE FROM post_tags"));
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<PostTag>()).scalar(), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, core_select, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
