// Flush order by foreign keys, composite keys, generated and given keys, bulk paths.
#include <gtest/gtest.h>

#include <algorithm>

#include "orm_fixture.hpp"

namespace {

using blog::Post;
using blog::PostTag;
using blog::Tag;
using blog::User;
using retort::col;
using retort::testing::orm_test;

class unit_of_work : public orm_test {
protected:
    static Post post(std::int64_t author, std::string title) {
        Post p;
        p.author_id = author;
        p.title = std::move(title);
        p.body = "...";
        return p;
    }
    /** The statements of the last flush, each cut to its first two words. */
    std::vector<std::string> verbs() {
        std::vector<std::string> out;
        for (auto& s : take_statements()) {
            auto first = s.find(' ');
            auto second = s.find(' ', first + 1);
            auto third = s.find(' ', second + 1);
            out.push_back(s.substr(0, third));
        }
        return out;
    }
};

TEST_P(unit_of_work, inserts_parents_before_children_whatever_the_add_order) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.flush();
    take_statements();

    // Keys given by the application: the association row is added before the rows it points to.
    s.add(PostTag{.post_id = 100, .tag_id = 200});
    s.add(Tag{.id = 200, .name = "cpp"});
    Post given = post(alice.id, "t");
    given.id = 100;
    s.add(std::move(given));
    s.commit();
    auto v = verbs();
    ASSERT_EQ(v.size(), 3u);
    // posts and tags before post_tags (their relative order is free)
    EXPECT_EQ(v[2], "INSERT INTO post_tags");
    EXPECT_TRUE(std::find(v.begin(), v.end(), "INSERT INTO posts") != v.end());
    EXPECT_TRUE(std::find(v.begin(), v.end(), "INSERT INTO tags") != v.end());
    EXPECT_EQ(count("post_tags"), 1);
}

TEST_P(unit_of_work, deletes_children_before_parents) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.flush();
    Post& p = s.add(post(alice.id, "hello"));
    s.commit();
    take_statements();
    s.remove(alice);  // removed first, deleted last
    s.remove(p);
    s.commit();
    // A post's association rows (its tags) go first, then the post, then its author.
    EXPECT_EQ(verbs(), (std::vector<std::string>{"DELETE FROM post_tags", "DELETE FROM posts",
                                                  "DELETE FROM users"}));
    EXPECT_EQ(count("users"), 0);
}

TEST_P(unit_of_work, composite_keys) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.flush();
    Post& p = s.add(post(alice.id, "hello"));
    Tag& t = s.add(Tag{.name = "cpp"});
    s.flush();
    PostTag& link = s.add(PostTag{.post_id = p.id, .tag_id = t.id});
    s.commit();
    EXPECT_EQ(s.get<PostTag>(p.id, t.id), &link);
    s.remove(link);
    s.commit();
    EXPECT_EQ(s.get<PostTag>(p.id, t.id), nullptr);
    s.commit();  // an in-memory SQLite database has one connection: give it back
    EXPECT_EQ(count("post_tags"), 0);
}

TEST_P(unit_of_work, given_integer_key_is_inserted_as_is) {
    retort::session s{db()};
    User u = user("alice");
    u.id = 77;
    User& alice = s.add(std::move(u));
    s.commit();
    EXPECT_EQ(alice.id, 77);
    EXPECT_EQ(s.get<User>(77), &alice);
    // The same key added twice is refused at flush, naming the fix.
    User twin = user("alice2");
    twin.id = 77;
    s.add(std::move(twin));
    EXPECT_THROW(s.commit(), retort::error);
    s.rollback();
}

TEST_P(unit_of_work, changing_a_primary_key_is_refused) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.commit();
    alice.id += 1000;
    try {
        s.flush();
        FAIL();
    } catch (const retort::session_error& e) {
        EXPECT_EQ(e.code(), "primary_key_changed");
    }
    s.rollback();
}

TEST_P(unit_of_work, objects_added_by_listeners_during_flush_are_inserted) {
    retort::session s{db()};
    s.listen<retort::event::after_insert, User>([](User& u, retort::session& ses) {
        Post p;
        p.author_id = u.id;
        p.title = "welcome " + u.username;
        p.body = "...";
        ses.add(std::move(p));
    });
    s.add(user("alice"));
    s.commit();
    EXPECT_EQ(count("posts"), 1);
}

TEST_P(unit_of_work, bulk_insert_bypasses_the_identity_map) {
    std::vector<User> rows;
    for (int i = 0; i != 2500; ++i) rows.push_back(user("u" + std::to_string(i)));
    retort::session s{db()};
    EXPECT_EQ(s.bulk_insert<User>(rows), 2500u);
    s.commit();
    // One bulk insert (COPY on PostgreSQL, prepared INSERTs in a savepoint on SQLite).
    const auto statements = take_statements();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0], "bulk insert into users (username, email, bio): 2500 rows");
    EXPECT_EQ(count("users"), 2500);
    rows.resize(150);
    for (auto& r : rows) r.username += "b", r.email += "b";
    EXPECT_EQ(s.bulk_insert<User>(rows), 150u);
    s.commit();
    EXPECT_EQ(count("users"), 2650);
    // A failed bulk insert is a failed statement of the session's transaction: roll back.
    EXPECT_THROW(s.bulk_insert<User>(rows), retort::integrity_error);
    s.rollback();
    EXPECT_EQ(count("users"), 2650);
}

TEST_P(unit_of_work, bulk_update_and_delete_expire_loaded_objects) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    User& bob = s.add(user("bob"));
    s.commit();
    auto r = s.execute(retort::update<User>()
                           .set(col<&User::bio> = std::string("bulk"))
                           .where(col<&User::username> == "alice"));
    EXPECT_EQ(r.rows_affected(), 1);
    EXPECT_EQ(alice.bio, std::nullopt);  // not yet: expired, refreshed on the next read
    s.scalars(retort::select<User>());
    EXPECT_EQ(alice.bio, "bulk");
    EXPECT_EQ(bob.bio, std::nullopt);
    s.execute(retort::delete_<User>().where(col<&User::username> == "bob"));
    EXPECT_EQ(s.get<User>(bob.id), nullptr);
    s.commit();
    EXPECT_EQ(count("users"), 1);
}

TEST_P(unit_of_work, updates_go_out_in_primary_key_order) {
    retort::session s{db()};
    std::vector<User*> users;
    for (int i = 0; i != 5; ++i) users.push_back(&s.add(user("u" + std::to_string(i))));
    s.commit();
    std::vector<std::int64_t> order;
    s.listen<retort::event::before_update, User>([&](User& u, retort::session&) { order.push_back(u.id); });
    for (auto it = users.rbegin(); it != users.rend(); ++it) (*it)->bio = "changed";
    s.commit();
    std::vector<std::int64_t> expected;
    for (User* u : users) expected.push_back(u->id);
    EXPECT_EQ(order, expected);  // ascending keys, whatever order the changes came in
}

TEST_P(unit_of_work, get_writes_new_objects_first_but_not_changed_columns) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    User& bob = s.add(user("bob"));
    s.commit();
    s.expunge(bob);
    take_statements();
    alice.bio = "changed";
    // A lookup by key cannot see alice's change: no flush, just the SELECT.
    User* b = s.get<User>(bob.id);
    ASSERT_NE(b, nullptr);
    auto statements = take_statements();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].rfind("SELECT", 0), 0u);
    // A query flushes everything, the changed column included.
    EXPECT_EQ(s.scalars(retort::select<User>().where(col<&User::bio> == "changed")).size(), 1u);
    EXPECT_EQ(take_statements().front().rfind("UPDATE users", 0), 0u);
    // A new object could be the row asked for: it is inserted first.
    User& carol = s.add(user("carol"));
    carol.id = 1000;
    User* c = s.get<User>(std::int64_t{1000});
    EXPECT_EQ(c, &carol);
    EXPECT_EQ(s.state_of(carol), retort::object_state::persistent);
    EXPECT_EQ(take_statements().front().rfind("INSERT INTO users", 0), 0u);
    s.commit();
}

TEST_P(unit_of_work, many_lookups_in_one_session_stay_linear) {
    retort::session s{db()};
    std::vector<User> rows;
    for (int i = 0; i != 3000; ++i) rows.push_back(user("u" + std::to_string(i)));
    s.bulk_insert<User>(rows);
    s.commit();
    // 3,000 lookups of 3,000 objects each held: the identity map answers, nothing is compared.
    std::int64_t found = 0;
    for (int round = 0; round != 3; ++round)
        for (std::int64_t k = 1; k <= 3000; ++k) found += s.get<User>(k) != nullptr;
    EXPECT_EQ(found, 9000);
    EXPECT_EQ(take_statements().size(), 3001u);  // the bulk insert and the first round's SELECTs
}

TEST_P(unit_of_work, snapshots_stay_right_through_many_updates_and_commits) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    User& bob = s.add(user("bob"));
    s.commit();
    // Large values replaced many times: the snapshots' storage is compacted between commits.
    for (int i = 0; i != 300; ++i) {
        alice.bio = std::string(2000, static_cast<char>('a' + i % 26));
        s.commit();
    }
    EXPECT_FALSE(s.is_modified(alice));
    EXPECT_FALSE(s.is_modified(bob));
    alice.bio->back() = '!';
    EXPECT_TRUE(s.is_modified(alice));
    s.commit();
    auto conn = db().connect();
    const auto stored = conn.execute(retort::select(col<&User::bio>).where(col<&User::id> == alice.id)).scalars();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0], alice.bio);
    s.expire(alice);  // back to the snapshot: what was committed
    EXPECT_EQ(alice.bio->back(), '!');
}

TEST_P(unit_of_work, a_failure_deep_in_a_batch_of_inserts_keeps_every_object_retryable) {
    retort::session s{db()};
    s.add(user("taken"));
    s.commit();
    std::vector<User*> added;
    for (int i = 0; i != 2500; ++i) added.push_back(&s.add(user(i == 2100 ? "taken" : "u" + std::to_string(i))));
    EXPECT_THROW(s.commit(), retort::integrity_error);
    s.rollback();
    for (User* u : added) {
        ASSERT_EQ(s.state_of(*u), retort::object_state::pending);
        ASSERT_EQ(u->id, 0);  // keys read back before the failure are cleared again
    }
    added[2100]->username = "u2100";
    added[2100]->email = "u2100@example.com";
    s.commit();
    EXPECT_EQ(count("users"), 2501);
    EXPECT_EQ(added.back()->id - added.front()->id, 2499);
    EXPECT_EQ(s.get<User>(added[2100]->id), added[2100]);
}

INSTANTIATE_TEST_SUITE_P(backends, unit_of_work, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
