// The SQL of relationships run on a real database: joinedload's LEFT OUTER JOINs and row
// layout, the selectin queries with their encoded key lists, any()/has() and joins along a
// relationship, checked by the rows they return.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core_fixture.hpp"

namespace {

using namespace blog;
using retort::col;
using retort::joinedload;
using retort::testing::core_test;

class core_relationships : public core_test {};
using strings = std::vector<std::string>;
using ids = std::vector<std::int64_t>;

std::optional<std::int64_t> int_at(std::span<const retort::value_view> row, std::size_t i) {
    const retort::value_view& v = row[i];
    if (v.type == retort::value_type::null) return std::nullopt;
    if (v.type == retort::value_type::integer) return v.i;
    return std::stoll(std::string(v.bytes));
}

retort::value_view view_of(std::int64_t v) { return retort::value_view::integer(v); }
retort::value_view view_of(const std::string& v) { return retort::value_view::text(v); }

/** Runs constant text as the session does (prepared, cached by the text's address) with its
 *  bound values, and collects, per row, the integers at `cols`. */
template <class... P>
std::vector<std::vector<std::optional<std::int64_t>>> int_rows(
    retort::connection& conn, std::string_view sql, std::size_t width,
    std::vector<std::size_t> cols, const P&... params) {
    std::vector<std::vector<std::optional<std::int64_t>>> out;
    const std::vector<retort::value_view> values{view_of(params)...};
    for (auto r = conn.execute_prepared(sql.data(), sql.size(), values); r.has_row(); r.next()) {
        EXPECT_EQ(r.row().size(), width);
        std::vector<std::optional<std::int64_t>> row;
        for (std::size_t c : cols) row.push_back(int_at(r.row(), c));
        out.push_back(std::move(row));
    }
    return out;
}

using opt = std::optional<std::int64_t>;
using rows = std::vector<std::vector<opt>>;

TEST_P(core_relationships, joinedload_has_many_rows) {
    auto q = retort::select<User>()
                 .options(joinedload<&User::posts>)
                 .order_by(col<&User::id>.asc());
    using layout = retort::detail::joined_layout<decltype(q)>;
    constexpr std::size_t post_id = retort::detail::at_t<0, layout::entries>::offset;
    auto got = int_rows(conn(), retort::sql(q, conn().dialect()), layout::column_count,
                        {0, post_id});
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (rows{{1, 1}, {1, 2}, {1, 3}, {2, 4}, {2, 5}, {3, opt{}}, {4, opt{}}}));
}

TEST_P(core_relationships, joinedload_nested_and_many_to_many_rows) {
    auto q = retort::select<Post>()
                 .where(col<&Post::author_id> == 1)
                 .options(joinedload<&Post::author>, joinedload<&Post::tags>);
    using layout = retort::detail::joined_layout<decltype(q)>;
    constexpr std::size_t author = retort::detail::at_t<0, layout::entries>::offset;
    constexpr std::size_t tag = retort::detail::at_t<1, layout::entries>::offset;
    auto got = int_rows(conn(), retort::sql(q, conn().dialect()), layout::column_count,
                        {0, author, tag}, std::int64_t{1});
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (rows{{1, 1, 1}, {1, 1, 2}, {2, 1, 2}, {3, 1, opt{}}}));

    auto nested = retort::select<User>()
                      .where(col<&User::id> == 2)
                      .options(joinedload<&User::posts>.then(joinedload<&Post::tags>));
    using nested_layout = retort::detail::joined_layout<decltype(nested)>;
    auto got2 = int_rows(conn(), retort::sql(nested, conn().dialect()),
                         nested_layout::column_count,
                         {0, retort::detail::at_t<0, nested_layout::entries>::offset,
                          retort::detail::at_t<1, nested_layout::entries>::offset},
                         std::int64_t{2});
    std::sort(got2.begin(), got2.end());
    EXPECT_EQ(got2, (rows{{2, 4, 3}, {2, 5, opt{}}}));
}

TEST_P(core_relationships, selectin_queries_with_key_lists) {
    const auto d = conn().dialect();
    using retort::detail::encode_key_list;
    using retort::detail::selectin_query;
    using retort::detail::selectin_query_text;

    using posts_q = selectin_query<&User::posts>;
    auto posts = int_rows(conn(), selectin_query_text<&User::posts>(d), posts_q::row_width,
                          {posts_q::row_key_column, 0},
                          encode_key_list(d, std::vector<std::int64_t>{2, 3}));
    std::sort(posts.begin(), posts.end());
    EXPECT_EQ(posts, (rows{{2, 4}, {2, 5}}));

    using author_q = selectin_query<&Post::author>;
    auto authors = int_rows(conn(), selectin_query_text<&Post::author>(d), author_q::row_width,
                            {author_q::row_key_column},
                            encode_key_list(d, std::vector<std::int64_t>{1, 2, 1}));
    std::sort(authors.begin(), authors.end());
    EXPECT_EQ(authors, (rows{{1}, {2}}));

    using tags_q = selectin_query<&Post::tags>;
    auto tags = int_rows(conn(), selectin_query_text<&Post::tags>(d), tags_q::row_width,
                         {tags_q::row_key_column, tags_q::target_offset},
                         encode_key_list(d, std::vector<std::int64_t>{1, 4, 5}));
    std::sort(tags.begin(), tags.end());
    EXPECT_EQ(tags, (rows{{1, 1}, {1, 2}, {4, 3}}));

    auto none = int_rows(conn(), selectin_query_text<&Post::tags>(d), tags_q::row_width, {0},
                         encode_key_list(d, std::vector<std::int64_t>{}));
    EXPECT_TRUE(none.empty());
}

TEST_P(core_relationships, any_and_has) {
    auto writers = retort::select(col<&User::username>)
                       .where(col<&User::posts>.any(col<&Post::published> == true))
                       .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(writers).scalars(), (strings{"alice", "bob"}));

    auto idle = retort::select(col<&User::username>)
                    .where(!col<&User::posts>.any())
                    .order_by(col<&User::id>);
    EXPECT_EQ(conn().execute(idle).scalars(), (strings{"carol", "dave"}));

    auto tech = retort::select(col<&Post::id>)
                    .where(col<&Post::tags>.any(col<&Tag::name> == "tech"))
                    .order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(tech).scalars(), (ids{1, 2}));

    auto by_bob = retort::select(col<&Post::id>)
                      .where(col<&Post::author>.has(col<&User::username> == "bob") &&
                             col<&Post::views> > 60)
                      .order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(by_bob).scalars(), (ids{5}));
}

TEST_P(core_relationships, joins_along_relationships) {
    auto q = retort::select(col<&User::username>, col<&Tag::name>)
                 .join<&User::posts>()
                 .join<&Post::tags>()
                 .order_by(col<&User::username>, col<&Tag::name>);
    std::vector<std::pair<std::string, std::string>> got;
    for (auto [user, tag] : conn().execute(q)) got.emplace_back(user, tag);
    EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                       {"alice", "news"}, {"alice", "tech"}, {"alice", "tech"}, {"bob", "life"}}));

    auto authors = retort::select(col<&Post::id>, col<&User::username>)
                       .left_join<&Post::author>()
                       .where(col<&Post::views> >= 80)
                       .order_by(col<&Post::id>);
    std::vector<std::pair<std::int64_t, std::optional<std::string>>> got2;
    for (auto [id, name] : conn().execute(authors)) got2.emplace_back(id, name);
    EXPECT_EQ(got2, (std::vector<std::pair<std::int64_t, std::optional<std::string>>>{
                        {2, "alice"}, {5, "bob"}}));
}

INSTANTIATE_TEST_SUITE_P(backends, core_relationships,
                         ::testing::ValuesIn(retort::testing::backends));

}  // namespace
