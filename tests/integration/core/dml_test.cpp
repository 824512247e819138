// Core INSERT, UPDATE and DELETE on a real database: RETURNING of generated keys and server
// defaults, several rows, INSERT ... SELECT, upserts, rows_affected, transactions.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core_fixture.hpp"

namespace {

using namespace blog;
using retort::col;
using retort::testing::core_test;
using retort::testing::make_post;
using retort::testing::make_user;
using strings = std::vector<std::string>;
using ids = std::vector<std::int64_t>;

class core_dml : public core_test {};

TEST_P(core_dml, insert_one_model_returning_key_and_server_default) {
    User erin = make_user("erin", "erin@example.com", std::nullopt);
    auto [id, created] = conn()
                             .execute(retort::insert<User>().values(erin).returning(
                                 col<&User::id>, col<&User::created_at>))
                             .one();
    EXPECT_EQ(id, 5);
    const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
    EXPECT_LT(std::chrono::abs(now - created), std::chrono::minutes(5));

    User frank = make_user("frank", "frank@example.com", "hi");
    User back = conn().execute(retort::insert<User>().values(frank).returning<User>()).one();
    EXPECT_EQ(back.id, 6);
    EXPECT_EQ(back.username, "frank");
    EXPECT_EQ(back.bio, "hi");
    EXPECT_NE(back.created_at, retort::timestamp{});

    // Without RETURNING: a plain result.
    auto r = conn().execute(retort::insert<User>().values(make_user("gil", "gil@x.org", std::nullopt)));
    EXPECT_EQ(r.rows_affected(), 1);
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<User>()).scalar(), 7);
}

TEST_P(core_dml, insert_several_rows_returning) {
    const std::array tags{Tag{0, "a"}, Tag{0, "b"}, Tag{0, "c"}};
    auto rows = conn().execute(
        retort::insert<Tag>().values(tags).returning(col<&Tag::id>, col<&Tag::name>));
    auto all = rows.all();
    EXPECT_EQ(all, (std::vector<std::tuple<std::int64_t, std::string>>{{4, "a"}, {5, "b"}, {6, "c"}}));
    EXPECT_EQ(rows.rows_affected(), 3);

    const std::array posts{make_post("x", 3, 1, false, std::nullopt), make_post("y", 3, 2, true, 1.5)};
    auto made = conn().execute(retort::insert<Post>().values(posts).returning<Post>()).all();
    ASSERT_EQ(made.size(), 2U);
    EXPECT_EQ(made[0].id, 6);
    EXPECT_EQ(made[1].title, "y");
    EXPECT_EQ(made[1].rating, 1.5);
    EXPECT_TRUE(made[1].published);

    auto chosen = retort::insert<Post>()
                      .columns<&Post::title, &Post::body, &Post::author_id, &Post::published>()
                      .values("t", "b", std::int64_t{4}, false)
                      .returning(col<&Post::id>, col<&Post::views>);
    auto [id, views] = conn().execute(chosen).one();
    EXPECT_EQ(id, 8);
    EXPECT_EQ(views, 0);  // the column's default
}

TEST_P(core_dml, insert_from_select) {
    auto q = retort::insert<Tag>().columns<&Tag::name>().from_select(
        retort::select(col<&User::username>).where(col<&User::id> > 2));
    EXPECT_EQ(conn().execute(q).rows_affected(), 2);
    auto names = retort::select(col<&Tag::name>).order_by(col<&Tag::id>);
    EXPECT_EQ(conn().execute(names).scalars(), (strings{"news", "tech", "life", "carol", "dave"}));

    auto links = retort::insert<PostTag>()
                     .columns<&PostTag::post_id, &PostTag::tag_id>()
                     .from_select(retort::select(col<&Post::id>, col<&Tag::id>)
                                      .join<Tag>(col<&Tag::name> == "news"))
                     .on_conflict_do_nothing();
    EXPECT_EQ(conn().execute(links).rows_affected(), 4);  // (1,1) was there already
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<PostTag>()).scalar(), 8);
}

TEST_P(core_dml, upserts) {
    auto nothing = retort::insert<Tag>().values(Tag{0, "news"}).on_conflict_do_nothing<&Tag::name>();
    EXPECT_EQ(conn().execute(nothing).rows_affected(), 0);
    auto returned = retort::insert<Tag>()
                        .values(Tag{0, "news"})
                        .on_conflict_do_nothing<&Tag::name>()
                        .returning(col<&Tag::id>);
    EXPECT_EQ(conn().execute(returned).first(), std::nullopt);
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<Tag>()).scalar(), 3);

    User again = make_user("alice2", "alice@example.com", "rewritten");
    auto update = retort::insert<User>().values(again).on_conflict_do_update<&User::email>(
        retort::set<&User::username>(retort::excluded<&User::username>));
    EXPECT_EQ(conn().execute(update).rows_affected(), 1);
    auto alice = conn().execute(retort::select<User>().where(col<&User::id> == 1)).one();
    EXPECT_EQ(alice.username, "alice2");
    EXPECT_EQ(alice.bio, "writes");  // only the listed column changed

    auto every = retort::insert<User>()
                     .values(make_user("alice3", "alice@example.com", "all"))
                     .on_conflict_do_update<&User::email>()
                     .returning(col<&User::id>, col<&User::username>, col<&User::bio>);
    EXPECT_EQ(conn().execute(every).one(),
              (std::tuple<std::int64_t, std::string, std::optional<std::string>>{1, "alice3", "all"}));

    // A whole-model insert leaves the generated key out; name it to conflict on it.
    auto bump = retort::insert<Post>()
                    .columns<&Post::id, &Post::title, &Post::body, &Post::author_id, &Post::views,
                             &Post::published>()
                    .values(std::int64_t{1}, "Hello", "b", std::int64_t{1}, std::int64_t{5}, true)
                    .on_conflict_do_update<&Post::id>(col<&Post::views> =
                                                          col<&Post::views> + retort::excluded<&Post::views>)
                    .returning(col<&Post::views>);
    EXPECT_EQ(conn().execute(bump).scalar(), 15);
}

TEST_P(core_dml, update_and_delete_with_rows_affected) {
    auto bump = retort::update<Post>()
                    .set(col<&Post::views> = col<&Post::views> + 1)
                    .set(col<&Post::published> = true)
                    .where(col<&Post::author_id> == 1);
    EXPECT_EQ(conn().execute(bump).rows_affected(), 3);
    auto views = retort::select(col<&Post::views>).where(col<&Post::author_id> == 1).order_by(col<&Post::id>);
    EXPECT_EQ(conn().execute(views).scalars(), (ids{11, 151, 1}));
    EXPECT_EQ(conn().execute(retort::update<Post>().set(col<&Post::views> = 0).where(col<&Post::id> == 99))
                  .rows_affected(),
              0);

    auto nulls = retort::update<User>()
                     .set(retort::set<&User::bio>(std::nullopt))
                     .where(col<&User::email>.like("%@example.com"))
                     .returning(col<&User::id>, col<&User::bio>);
    EXPECT_EQ(sorted(conn().execute(nulls).all()),
              (std::vector<std::tuple<std::int64_t, std::optional<std::string>>>{{1, std::nullopt},
                                                                                {3, std::nullopt}}));
    auto renamed = retort::update<Tag>().set(col<&Tag::name> = "world").where(col<&Tag::id> == 1).returning<Tag>();
    Tag t = conn().execute(renamed).one();
    EXPECT_EQ(t.id, 1);
    EXPECT_EQ(t.name, "world");

    auto unlink = retort::delete_<PostTag>().where(col<&PostTag::post_id>.in(
        retort::select(col<&Post::id>).where(col<&Post::author_id> <= 2)));
    EXPECT_EQ(conn().execute(unlink).rows_affected(), 4);
    auto drafts = retort::delete_<Post>().where(col<&Post::views> < 60 && !col<&Post::published>);
    EXPECT_EQ(conn().execute(drafts).rows_affected(), 0);  // the drafts of author 1 were published
    const ids gone{3, 4, 42};
    auto by_ids = retort::delete_<User>().where(col<&User::id>.in(gone)).returning(col<&User::username>);
    EXPECT_EQ(sorted(conn().execute(by_ids).scalars()), (strings{"carol", "dave"}));
    auto tags = retort::delete_<Tag>().where(col<&Tag::name>.like("%e%")).returning<Tag>();
    auto removed = conn().execute(tags).all();
    ASSERT_EQ(removed.size(), 2U);  // tech, life
    EXPECT_EQ(conn().execute(retort::select(col<&Tag::name>)).scalars(), (strings{"world"}));
}

TEST_P(core_dml, statements_inside_transactions) {
    {
        auto tx = conn().begin();
        conn().execute(retort::delete_<PostTag>().unconditionally());
        EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<PostTag>()).scalar(), 0);
    }  // rolled back
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<PostTag>()).scalar(), 4);
    {
        auto tx = conn().begin();
        conn().execute(retort::insert<Tag>().values(Tag{0, "kept"}));
        {
            auto sp = conn().begin_nested();
            conn().execute(retort::insert<Tag>().values(Tag{0, "dropped"}));
        }
        tx.commit();
    }
    EXPECT_EQ(conn().execute(retort::select(col<&Tag::name>).where(col<&Tag::id> > 3)).scalars(),
              (strings{"kept"}));
}

TEST_P(core_dml, create_all_and_drop_all) {
    // checkfirst (the default): the tables exist already, nothing happens.
    retort::create_all<User, Post, Tag, PostTag>(conn());
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<User>()).scalar(), 4);
    EXPECT_THROW((retort::create_all<User, Post, Tag, PostTag>(conn(), false)), retort::programming_error);
    retort::drop_all<User, Post, Tag, PostTag>(conn());
    EXPECT_THROW((void)conn().execute(retort::select(retort::count()).select_from<User>()).scalar(),
                 retort::programming_error);
    retort::drop_all<User, Post, Tag, PostTag>(conn());  // IF EXISTS: nothing to do
    retort::create_all<User, Post, Tag, PostTag>(conn(), false);
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<User>()).scalar(), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, core_dml, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
