// The session workflow of the tutorials: add, commit, get, modify, commit, delete, commit;
// an IntegrityError caught and rolled back; identity; queries through the identity map.
#include <gtest/gtest.h>

#include "orm_fixture.hpp"

namespace {

using blog::Post;
using blog::User;
using retort::col;
using retort::testing::orm_test;

class session_workflow : public orm_test {};

TEST_P(session_workflow, add_commit_sets_generated_key_and_server_default) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    EXPECT_EQ(alice.id, 0);
    EXPECT_EQ(s.state_of(alice), retort::object_state::pending);
    s.commit();
    EXPECT_GT(alice.id, 0);
    EXPECT_GT(alice.created_at.time_since_epoch().count(), 0);  // read back with RETURNING
    EXPECT_EQ(s.state_of(alice), retort::object_state::persistent);
    auto statements = take_statements();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0], pg() ? "INSERT INTO users (username, email, bio) VALUES ($1, $2, $3) "
                                    "RETURNING id, created_at"
                                  : "INSERT INTO users (username, email, bio) VALUES (?, ?, ?) "
                                    "RETURNING id, created_at");
    EXPECT_EQ(count("users"), 1);
}

TEST_P(session_workflow, crud_as_in_the_tutorial) {
    std::int64_t alice_id = 0;
    {
        retort::session s{db()};
        auto added = s.add_all(std::vector<User>{user("alice"), user("bob"), user("charlie")});
        s.commit();
        alice_id = added[0].id;
        EXPECT_NE(added[0].id, added[1].id);
    }
    retort::session s{db()};
    User* alice = s.get<User>(alice_id);  // SELECT ... WHERE id = ?
    ASSERT_NE(alice, nullptr);
    EXPECT_EQ(alice->username, "alice");
    EXPECT_EQ(s.get<User>(alice_id), alice);  // identity map: no second SELECT, same object
    EXPECT_EQ(s.get<User>(424242), nullptr);
    take_statements();

    alice->email = "newalice@example.com";
    EXPECT_TRUE(s.is_modified(*alice));
    s.commit();  // only the changed column
    auto statements = take_statements();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0], pg() ? "UPDATE users SET email = $1 WHERE id = $2"
                                  : "UPDATE users SET email = ? WHERE id = ?");
    EXPECT_EQ(db().connect()
                  .execute(pg() ? "SELECT email FROM users WHERE id = $1"
                                : "SELECT email FROM users WHERE id = ?",
                           alice_id)
                  .scalar<std::string>(),
              "newalice@example.com");

    s.remove(*alice);
    s.commit();
    EXPECT_EQ(s.state_of(*alice), retort::object_state::detached);
    EXPECT_EQ(count("users"), 2);
    EXPECT_EQ(s.get<User>(alice_id), nullptr);
}

TEST_P(session_workflow, nothing_to_flush_runs_nothing) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.commit();
    take_statements();
    alice.email = alice.email;  // same value: not a change
    s.commit();
    s.flush();
    EXPECT_TRUE(take_statements().empty());
}

TEST_P(session_workflow, integrity_error_needs_rollback_then_retry_succeeds) {
    retort::session s{db()};
    s.add(user("alice"));
    s.commit();

    User& tom = s.add(user("tom"));
    User& dup = s.add(user("alice"));  // unique username
    try {
        s.commit();
        FAIL() << "expected an integrity_error";
    } catch (const retort::integrity_error& e) {
        EXPECT_EQ(e.code(), "integrity");
    }
    // Nothing half-written: tom was inserted before the failure, and is gone with it.
    EXPECT_EQ(count("users"), 1);
    // The session refuses work until rollback(), and says so.
    try {
        s.get<User>(1);
        FAIL() << "expected a session_error";
    } catch (const retort::session_error& e) {
        EXPECT_EQ(e.code(), "pending_rollback");
        EXPECT_NE(std::string(e.what()).find("call rollback()"), std::string::npos);
    }
    s.rollback();
    // Both objects kept their state: pending again, generated key cleared.
    EXPECT_EQ(s.state_of(tom), retort::object_state::pending);
    EXPECT_EQ(s.state_of(dup), retort::object_state::pending);
    EXPECT_EQ(tom.id, 0);
    dup.username = "alice2";
    dup.email = "alice2@example.com";
    s.commit();
    EXPECT_GT(tom.id, 0);
    EXPECT_GT(dup.id, 0);
    EXPECT_EQ(count("users"), 3);
}

TEST_P(session_workflow, rollback_keeps_changes_as_dirty) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.commit();
    alice.email = "changed@example.com";
    s.flush();
    s.rollback();
    EXPECT_EQ(alice.email, "changed@example.com");
    EXPECT_TRUE(s.is_modified(alice));
    s.commit();
    EXPECT_EQ(db().connect().execute("SELECT email FROM users").scalar<std::string>(),
              "changed@example.com");
}

TEST_P(session_workflow, queries_go_through_the_identity_map) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.add(user("bob"));
    // autoflush: the pending objects are inserted before the query runs
    auto users = s.scalars(retort::select<User>().order_by(col<&User::username>.asc()));
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(&users[0], &alice);
    alice.bio = "unsaved";
    {
        auto guard = s.no_autoflush();
        auto again = s.scalars(retort::select<User>().where(col<&User::username> == "alice"));
        EXPECT_EQ(&again.one(), &alice);
        EXPECT_EQ(alice.bio, "unsaved");  // not overwritten by the stale row
    }
    auto refreshed = s.scalars(retort::select<User>().where(col<&User::username> == "alice"),
                               /*populate_existing=*/true);
    EXPECT_EQ(alice.bio, "unsaved");  // autoflush wrote it first, so the row has it
    EXPECT_EQ(s.scalar(retort::select(retort::count()).select_from<User>()), 2);
}

TEST_P(session_workflow, expire_refresh_expunge_merge) {
    std::int64_t id = 0;
    {
        retort::session s{db()};
        id = s.add(user("alice")).id;
        s.commit();
        id = s.scalars(retort::select<User>()).one().id;
    }
    retort::session s{db()};
    User* alice = s.get<User>(id);
    ASSERT_NE(alice, nullptr);
    s.commit();  // ends the transaction (and its snapshot); alice stays as read
    db().connect().execute(pg() ? "UPDATE users SET bio = 'outside' WHERE id = $1"
                                : "UPDATE users SET bio = 'outside' WHERE id = ?",
                           id);
    EXPECT_EQ(alice->bio, std::nullopt);
    s.refresh(*alice);
    EXPECT_EQ(alice->bio, "outside");

    alice->bio = std::nullopt;
    s.expire(*alice);
    User* again = s.get<User>(id);
    EXPECT_EQ(again, alice);
    EXPECT_EQ(alice->bio, "outside");  // expired: overwritten from the row

    User detached = *alice;
    detached.bio = "merged";
    User& merged = s.merge(detached);
    EXPECT_EQ(&merged, alice);
    EXPECT_EQ(alice->bio, "merged");
    s.commit();

    s.expunge(*alice);
    EXPECT_EQ(s.state_of(*alice), retort::object_state::detached);
    User* fresh = s.get<User>(id);
    ASSERT_NE(fresh, nullptr);
    EXPECT_NE(fresh, alice);  // a new object: the old one left the session
    EXPECT_EQ(fresh->bio, "merged");
    EXPECT_THROW(s.remove(detached), retort::session_error);
}

TEST_P(session_workflow, stale_rows_are_reported) {
    retort::session s{db()};
    User& alice = s.add(user("alice"));
    s.commit();
    db().connect().execute_script("DELETE FROM users");
    alice.email = "x@example.com";
    try {
        s.commit();
        FAIL() << "expected a stale_data error";
    } catch (const retort::session_error& e) {
        EXPECT_EQ(e.code(), "stale_data");
    }
    s.rollback();
}

TEST_P(session_workflow, destructor_rolls_back_what_was_not_committed) {
    {
        retort::session s{db()};
        s.add(user("alice"));
        s.flush();
        EXPECT_EQ(s.scalar(retort::select(retort::count()).select_from<User>()), 1);
    }
    EXPECT_EQ(count("users"), 0);
}

TEST_P(session_workflow, sessionmaker_shares_options) {
    retort::sessionmaker make{db(), {.autoflush = false}};
    retort::session s = make();
    s.add(user("alice"));
    EXPECT_EQ(s.scalar(retort::select(retort::count()).select_from<User>()), 0);
    s.commit();
    EXPECT_EQ(count("users"), 1);
}

INSTANTIATE_TEST_SUITE_P(backends, session_workflow, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
