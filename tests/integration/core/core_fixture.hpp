// The Core suite's fixture: the blog schema made by create_all and a small, known data set.
#pragma once

#include <retort/retort.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../engine/engine_fixture.hpp"
#include "blog_models.hpp"

namespace retort::testing {

inline blog::User make_user(std::string username, std::string email,
                            std::optional<std::string> bio) {
    return {0, std::move(username), std::move(email), std::move(bio), {}, {}};
}

inline blog::Post make_post(std::string title, std::int64_t author, std::int64_t views,
                            bool published, std::optional<double> rating) {
    return {0, std::move(title), "body of " + title, author, views, published, rating, {}, {}};
}

/**
 * Users 1-4 (alice, bob, carol, dave; bob and dave without a bio), posts 1-5 (alice 1-3, bob
 * 4-5; carol and dave have none), tags 1-3 (news, tech, life), post_tags (1,1) (1,2) (2,2)
 * (4,3). Every test starts from exactly this.
 */
class core_test : public engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_.emplace(create_engine(url()));
        conn_.emplace(engine_->connect());
        create_all<blog::User, blog::Post, blog::Tag, blog::PostTag>(*conn_);
        seed();
    }
    void TearDown() override {
        conn_.reset();
        engine_.reset();
        engine_test::TearDown();
    }

    connection& conn() { return *conn_; }

    /** Sorted copy, for results whose order SQL leaves open. */
    template <class T>
    static std::vector<T> sorted(std::vector<T> v) {
        std::sort(v.begin(), v.end());
        return v;
    }

    std::optional<engine> engine_;
    std::optional<connection> conn_;

private:
    void seed() {
        using retort::col;
        const std::array users{make_user("alice", "alice@example.com", "writes"),
                               make_user("bob", "bob@example.org", std::nullopt),
                               make_user("carol", "carol@example.com", "reads"),
                               make_user("dave", "dave@test.net", std::nullopt)};
        auto user_ids =
            conn().execute(retort::insert<blog::User>().values(users).returning(col<&blog::User::id>))
                .scalars();
        ASSERT_EQ(user_ids, (std::vector<std::int64_t>{1, 2, 3, 4}));
        const std::array posts{make_post("Hello", 1, 10, true, 4.5),
                               make_post("Second", 1, 150, true, std::nullopt),
                               make_post("Draft", 1, 0, false, std::nullopt),
                               make_post("Bob's post", 2, 50, true, 3.0),
                               make_post("Another", 2, 80, false, 2.0)};
        EXPECT_EQ(conn().execute(retort::insert<blog::Post>().values(posts)).rows_affected(), 5);
        const std::array tags{blog::Tag{0, "news"}, blog::Tag{0, "tech"}, blog::Tag{0, "life"}};
        conn().execute(retort::insert<blog::Tag>().values(tags));
        const std::array links{blog::PostTag{1, 1}, blog::PostTag{1, 2}, blog::PostTag{2, 2},
                               blog::PostTag{4, 3}};
        conn().execute(retort::insert<blog::PostTag>().values(links));
    }
};

}  // namespace retort::testing
