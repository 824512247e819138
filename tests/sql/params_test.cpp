// Bound values: visited in placeholder order whatever the builder order, IN lists encoded per
// dialect, value_views through type_traits; and the SQL text as one constant in .rodata.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "models.hpp"
#include "sql_case.hpp"

namespace {

using namespace blog;
using namespace sqltest;
using retort::col;
using kind = retort::detail::dialect_kind;

/** The bound values as text, in the order the visitor sees them. */
template <class Stmt>
std::vector<std::string> params(const Stmt& stmt, kind d = kind::sqlite) {
    std::vector<std::string> out;
    retort::visit_params(stmt, d, [&]<class V>(const V& v) {
        if constexpr (std::is_same_v<V, bool>)
            out.push_back(v ? "true" : "false");
        else if constexpr (std::is_arithmetic_v<V>)
            out.push_back(std::to_string(v));
        else if constexpr (std::is_convertible_v<const V&, std::string_view>)
            out.push_back("'" + std::string(std::string_view(v)) + "'");
        else if constexpr (std::is_enum_v<V>)
            out.push_back("enum " + std::to_string(static_cast<int>(v)));
        else if constexpr (retort::detail::is_optional_v<V>)
            out.push_back(v ? "some" : "null");
        else
            out.push_back("other");
    });
    return out;
}

using strings = std::vector<std::string>;

TEST(SqlParams, ClauseOrderNotCallOrder) {
    auto q = retort::select(col<&User::id>).limit(10).where(col<&User::id> > 5);
    EXPECT_EQ(params(q), (strings{"5", "10"}));
    auto q2 = retort::select(col<&Post::author_id>, retort::count())
                  .offset(7)
                  .order_by((col<&Post::views> * 3).desc())
                  .limit(2)
                  .having(retort::count() > 4)
                  .where(col<&Post::views> > 1)
                  .group_by(col<&Post::author_id>);
    RETORT_CHECK_SQL(q2,
                     "SELECT posts.author_id, count(*) FROM posts WHERE posts.views > ? GROUP BY "
                     "posts.author_id HAVING count(*) > ? ORDER BY posts.views * ? DESC LIMIT ? "
                     "OFFSET ?",
                     "SELECT posts.author_id, count(*) FROM posts WHERE posts.views > $1 GROUP BY "
                     "posts.author_id HAVING count(*) > $2 ORDER BY posts.views * $3 DESC LIMIT $4 "
                     "OFFSET $5");
    EXPECT_EQ(params(q2), (strings{"1", "4", "3", "2", "7"}));
}

TEST(SqlParams, SelectListJoinsAndSubqueries) {
    auto sq = retort::select(col<&Post::author_id>).where(col<&Post::views> > 100).subquery<"p">();
    auto q = retort::select(col<&User::id>, col<&User::id> + 1)
                 .join(sq, sq.col<&Post::author_id> == col<&User::id> && col<&User::id> != 2)
                 .where(retort::exists(retort::select(col<&Tag::id>).where(col<&Tag::name> == "t")))
                 .limit(3);
    EXPECT_EQ(retort::param_count(q), 5U);
    EXPECT_EQ(params(q), (strings{"1", "100", "2", "'t'", "3"}));
}

TEST(SqlParams, CteValuesComeFirst) {
    auto c = retort::select(col<&Post::author_id>).where(col<&Post::views> > 50).cte<"c">();
    auto q = retort::select(col<&User::id>)
                 .where(col<&User::id> < 9)
                 .join(c, c.col<&Post::author_id> == col<&User::id>)
                 .with(c);
    EXPECT_EQ(params(q), (strings{"50", "9"}));
}

TEST(SqlParams, DmlOrder) {
    auto u = retort::update<User>()
                 .where(col<&User::id> == 3)
                 .set(col<&User::email> = "e")
                 .returning(col<&User::id>)
                 .set(col<&User::bio> = std::nullopt);
    RETORT_CHECK_SQL(u, "UPDATE users SET email = ?, bio = ? WHERE users.id = ? RETURNING id",
                     "UPDATE users SET email = $1, bio = $2 WHERE users.id = $3 RETURNING id");
    EXPECT_EQ(params(u), (strings{"'e'", "null", "3"}));

    User user{};
    user.username = "ann";
    user.email = "ann@x";
    user.bio = "hi";
    auto i = retort::insert<User>().values(user).on_conflict_do_update<&User::email>(
        col<&User::bio> = "again");
    EXPECT_EQ(params(i), (strings{"'ann'", "'ann@x'", "some", "'again'"}));

    std::array<Tag, 2> tags{Tag{0, "a"}, Tag{0, "b"}};
    EXPECT_EQ(params(retort::insert<Tag>().values(tags)), (strings{"'a'", "'b'"}));

    auto cols = retort::insert<User>().columns<&User::username, &User::email, &User::bio>().values(
        "u", std::string("e"), std::nullopt);
    EXPECT_EQ(params(cols), (strings{"'u'", "'e'", "null"}));

    auto d = retort::delete_<Message>().where(col<&Message::color> == Color::blue);
    EXPECT_EQ(params(d), (strings{"enum 2"}));

    auto t = retort::text<"SELECT ? + ?">().bind(1, 2.5).returns<double>();
    EXPECT_EQ(params(t), (strings{"1", "2.500000"}));
}

TEST(SqlParams, InListsAreOneEncodedValue) {
    std::vector<std::int64_t> ids{1, 2, 3};
    auto q = retort::select(col<&User::id>).where(col<&User::id>.in(ids) && col<&User::id> > 0);
    EXPECT_EQ(params(q, kind::sqlite), (strings{"'[1,2,3]'", "0"}));
    EXPECT_EQ(params(q, kind::postgresql), (strings{"'{1,2,3}'", "0"}));

    std::vector<std::string> names{"a", "b\"c", "d\\e"};
    auto q2 = retort::select(col<&User::id>).where(col<&User::username>.in(names));
    EXPECT_EQ(params(q2, kind::sqlite), (strings{R"('["a","b\"c","d\\e"]')"}));
    EXPECT_EQ(params(q2, kind::postgresql), (strings{R"('{"a","b\"c","d\\e"}')"}));

    auto q3 = retort::select(col<&User::id>).where(col<&User::id>.in(std::vector<std::int64_t>{}));
    EXPECT_EQ(params(q3, kind::sqlite), (strings{"'[]'"}));
    EXPECT_EQ(params(q3, kind::postgresql), (strings{"'{}'"}));

    // A temporary container is kept by the statement.
    auto q4 = retort::select(col<&Post::id>).where(col<&Post::rating>.in(std::vector<double>{1.5}));
    EXPECT_EQ(params(q4, kind::postgresql), (strings{"'{1.5}'"}));
    auto q5 = retort::select(col<&Post::id>).where(col<&Post::published>.in({true, false}));
    EXPECT_EQ(params(q5, kind::sqlite), (strings{"'[1,0]'"}));
    EXPECT_EQ(params(q5, kind::postgresql), (strings{"'{t,f}'"}));
    // The text does not depend on the length.
    auto longer = retort::select(col<&User::id>)
                      .where(col<&User::id>.in(std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    EXPECT_EQ(retort::sql<retort::sqlite>(q3).data(), retort::sql<retort::sqlite>(longer).data());
}

TEST(SqlParams, BindThroughTypeTraits) {
    auto q = retort::select(col<&User::id>)
                 .where(col<&User::username> == "ann" && col<&User::id> > 4 &&
                        col<&User::created_at> < retort::timestamp{std::chrono::microseconds{7}})
                 .limit(2);
    std::array<retort::value_view, 4> views{};
    std::array<std::string, 4> scratch{};
    retort::bind_params(q, kind::sqlite, views, scratch);
    EXPECT_EQ(views[0].type, retort::value_type::text);
    EXPECT_EQ(views[0].bytes, "ann");
    EXPECT_EQ(views[1].type, retort::value_type::integer);
    EXPECT_EQ(views[1].i, 4);
    EXPECT_EQ(views[2].type, retort::value_type::timestamp);
    EXPECT_EQ(views[2].i, 7);
    EXPECT_EQ(views[3].i, 2);
}

TEST(SqlParams, TextIsOneConstant) {
    auto make = [](std::int64_t id) {
        return retort::select(col<&User::username>).where(col<&User::id> == id);
    };
    auto a = make(1);
    auto b = make(2);
    const std::string_view sa = retort::sql<retort::sqlite>(a);
    const std::string_view sb = retort::sql<retort::sqlite>(b);
    EXPECT_EQ(sa.data(), sb.data());
    using stmt = decltype(a);
    EXPECT_EQ(static_cast<const void*>(sa.data()),
              static_cast<const void*>(
                  retort::detail::rendered_v<stmt, retort::sqlite::info>.view().data()));
    EXPECT_EQ(sa.data()[sa.size()], '\0');
    EXPECT_NE(sa.data(), retort::sql<retort::postgresql>(a).data());
    EXPECT_EQ(retort::sql(a, kind::postgresql).data(), retort::sql<retort::postgresql>(a).data());
    EXPECT_EQ(retort::sql(a, kind::sqlite).data(), sa.data());
    static_assert(retort::param_count(retort::select(col<&User::id>).where(col<&User::id> == 1)) == 1);
}

}  // namespace
