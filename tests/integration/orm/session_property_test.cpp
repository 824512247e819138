// A property test: random add/modify/remove/flush/commit/rollback sequences over users and
// posts leave the database equal to an in-memory model of what should be there.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "orm_fixture.hpp"

namespace {

using blog::Post;
using blog::User;
using retort::testing::orm_test;

class session_property : public orm_test {
protected:
    using user_rows = std::map<std::string, std::optional<std::string>>;  // username -> bio
    using post_rows = std::map<std::string, std::pair<std::string, std::int64_t>>;  // title -> (author, views)

    /** What the database holds, read outside the session. */
    std::pair<user_rows, post_rows> database() {
        user_rows users;
        post_rows posts;
        auto conn = db().connect();
        for (auto [name, bio] : conn.execute("SELECT username, bio FROM users")
                                    .as<std::string, std::optional<std::string>>())
            users[name] = bio;
        for (auto [title, author, views] :
             conn.execute("SELECT p.title, u.username, p.views FROM posts p JOIN users u ON u.id = "
                          "p.author_id")
                 .as<std::string, std::string, std::int64_t>())
            posts[title] = {author, views};
        return {users, posts};
    }
};

TEST_P(session_property, random_sequences_match_the_model) {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        db().connect().execute_script("DELETE FROM posts");
        db().connect().execute_script("DELETE FROM users");
        std::mt19937 rng(seed);
        auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };

        retort::session s{db()};
        struct tracked_user {
            User* obj;
            bool removed = false;
            bool committed = false;  // has a row at the start of the current transaction
        };
        struct tracked_post {
            Post* obj;
            std::size_t author;
            bool removed = false;
        };
        std::vector<tracked_user> users;
        std::vector<tracked_post> posts;
        // The model: what the database must hold after the next commit.
        auto expected = [&] {
            user_rows u;
            post_rows p;
            for (auto& t : users)
                if (!t.removed) u[t.obj->username] = t.obj->bio;
            for (auto& t : posts)
                if (!t.removed) p[t.obj->title] = {users[t.author].obj->username, t.obj->views};
            return std::pair{u, p};
        };
        auto committed_state = database();
        int names = 0;

        for (int step = 0; step != 300; ++step) {
            const auto op = pick(10);
            if (op <= 1) {  // add a user
                User u = user("u" + std::to_string(seed) + "_" + std::to_string(names++));
                users.push_back({&s.add(std::move(u))});
            } else if (op == 2) {  // add a post by a user that has a committed row
                std::vector<std::size_t> authors;
                for (std::size_t i = 0; i != users.size(); ++i)
                    if (users[i].committed && !users[i].removed) authors.push_back(i);
                if (authors.empty()) continue;
                const std::size_t a = authors[pick(authors.size())];
                Post p;
                p.title = "p" + std::to_string(seed) + "_" + std::to_string(names++);
                p.body = "...";
                p.author_id = users[a].obj->id;
                posts.push_back({&s.add(std::move(p)), a});
            } else if (op == 3 && !users.empty()) {  // modify a user
                auto& t = users[pick(users.size())];
                if (t.removed) continue;
                if (pick(3) == 0)
                    t.obj->bio.reset();
                else
                    t.obj->bio = "bio" + std::to_string(step);
            } else if (op == 4 && !posts.empty()) {  // modify a post
                auto& t = posts[pick(posts.size())];
                if (!t.removed) t.obj->views += 1 + static_cast<std::int64_t>(pick(5));
            } else if (op == 5 && !posts.empty()) {  // remove a post
                auto& t = posts[pick(posts.size())];
                if (t.removed) continue;
                s.remove(*t.obj);
                t.removed = true;
            } else if (op == 6 && !users.empty()) {  // remove a user with no live posts
                const std::size_t i = pick(users.size());
                if (users[i].removed) continue;
                bool has_posts = false;
                for (auto& p : posts) has_posts |= (p.author == i && !p.removed);
                if (has_posts) continue;
                s.remove(*users[i].obj);
                users[i].removed = true;
            } else if (op == 7) {
                s.flush();
            } else if (op == 8) {
                s.commit();
                for (auto& t : users) t.committed = !t.removed;
                committed_state = database();
                ASSERT_EQ(committed_state, expected()) << "after commit at step " << step;
            } else {
                s.rollback();
                // The database is as last committed; the objects keep their values, and what
                // they hold is what the next commit writes.
                ASSERT_EQ(database(), committed_state) << "after rollback at step " << step;
            }
        }
        s.commit();
        ASSERT_EQ(database(), expected());
    }
}

INSTANTIATE_TEST_SUITE_P(backends, session_property, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
