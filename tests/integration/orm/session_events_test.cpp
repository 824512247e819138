// Events: model hooks, listeners for every session and for one, before_flush/after_commit;
// the timestamps and soft-delete mixins built on them.
#include <gtest/gtest.h>

#include <boost/hana/adapt_struct.hpp>
#include <retort/orm/mixins.hpp>

#include "orm_fixture.hpp"

namespace events_test {

/** A model with both mixins, adapted with Hana because it has base classes. */
struct Note : retort::timestamps, retort::soft_delete {
    std::int64_t id = 0;
    std::string text;
};

/** A model with hooks of its own. */
struct Audited {
    std::int64_t id = 0;
    std::string name;
    std::int32_t writes = 0;

    void before_insert() { ++writes; }
    void before_update() { ++writes; }
};

}  // namespace events_test

BOOST_HANA_ADAPT_STRUCT(events_test::Note, id, text, created_at, updated_at, deleted_at);

template <>
inline constexpr auto retort::table<events_test::Note> = retort::table_def{"notes"};
template <>
inline constexpr auto retort::table<events_test::Audited> = retort::table_def{"audited"};

namespace {

using blog::User;
using events_test::Audited;
using events_test::Note;
using retort::col;
using retort::event;
using retort::testing::orm_test;

class session_events : public orm_test {
protected:
    void SetUp() override {
        orm_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto conn = db().connect();
        if (pg()) {
            for (auto stmt : retort::create_all_sql<retort::postgresql, Note, Audited>())
                conn.execute_script(stmt);
        } else {
            for (auto stmt : retort::create_all_sql<retort::sqlite, Note, Audited>())
                conn.execute_script(stmt);
        }
    }
};

TEST_P(session_events, model_hooks_run_without_registration) {
    retort::session s{db()};
    Audited& a = s.add(Audited{0, "a", 0});
    s.commit();
    EXPECT_EQ(a.writes, 1);
    a.name = "b";
    s.commit();
    EXPECT_EQ(a.writes, 2);
    s.commit();  // nothing changed: no hook, no UPDATE
    EXPECT_EQ(a.writes, 2);
    EXPECT_EQ(db().connect().execute("SELECT writes FROM audited").scalar<std::int32_t>(), 2);
}

TEST_P(session_events, listeners_fire_in_order_around_each_statement) {
    std::vector<std::string> seen;
    retort::session s{db()};
    s.listen<event::before_insert, User>([&](User& u, retort::session&) {
        seen.push_back("before_insert " + u.username);
        u.email = "set-by-listener@example.com";  // changes made here are written
    });
    s.listen<event::after_insert, User>(
        [&](User& u, retort::session&) { seen.push_back("after_insert " + std::to_string(u.id > 0)); });
    s.listen<event::before_update, User>([&](User&, retort::session&) { seen.push_back("before_update"); });
    s.listen<event::after_update, User>([&](User&, retort::session&) { seen.push_back("after_update"); });
    s.listen<event::before_delete, User>([&](User&, retort::session&) { seen.push_back("before_delete"); });
    s.listen<event::after_delete, User>([&](User&, retort::session&) { seen.push_back("after_delete"); });
    s.on_before_flush([&](retort::session&) { seen.push_back("before_flush"); });
    s.on_after_commit([&](retort::session&) { seen.push_back("after_commit"); });

    User& alice = s.add(user("alice"));
    s.commit();
    alice.bio = "hi";
    s.commit();
    s.remove(alice);
    s.commit();
    EXPECT_EQ(seen, (std::vector<std::string>{
                        "before_flush", "before_insert alice", "after_insert 1", "after_commit",
                        "before_flush", "before_update", "after_update", "after_commit",
                        "before_flush", "before_delete", "after_delete", "after_commit"}));
    EXPECT_EQ(count("users"), 0);
}

TEST_P(session_events, global_listeners_apply_to_every_session) {
    static int inserted = 0;
    static bool registered = false;
    if (!registered) {
        registered = true;
        retort::listen<event::after_insert, Audited>([](Audited&, retort::session&) { ++inserted; });
    }
    const int before = inserted;
    {
        retort::session s{db()};
        s.add(Audited{0, "x", 0});
        s.commit();
    }
    {
        retort::session s{db()};
        s.add(Audited{0, "y", 0});
        s.commit();
    }
    EXPECT_EQ(inserted - before, 2);
}

TEST_P(session_events, timestamps_mixin_sets_created_and_updated) {
    retort::session s{db()};
    Note& n = s.add(Note{});
    n.text = "first";
    s.commit();
    EXPECT_GT(n.created_at.time_since_epoch().count(), 0);
    EXPECT_EQ(n.created_at, n.updated_at);
    const auto created = n.created_at;
    n.text = "second";
    s.commit();
    EXPECT_EQ(n.created_at, created);
    EXPECT_GT(n.updated_at, created);
    // The values round-trip through the database.
    s.expire(n);
    ASSERT_EQ(s.get<Note>(n.id), &n);
    EXPECT_EQ(n.created_at, created);
}

TEST_P(session_events, soft_delete_hides_rows_unless_asked) {
    retort::session s{db()};
    Note& keep = s.add(Note{});
    keep.text = "keep";
    Note& gone = s.add(Note{});
    gone.text = "gone";
    s.commit();
    s.remove(gone);  // sets deleted_at: an UPDATE, not a DELETE
    s.commit();
    EXPECT_TRUE(gone.is_deleted());
    EXPECT_EQ(s.state_of(gone), retort::object_state::persistent);
    auto visible = s.scalars(retort::select<Note>());
    ASSERT_EQ(visible.size(), 1u);
    EXPECT_EQ(&visible[0], &keep);
    auto all = s.scalars(retort::select<Note>(), retort::include_deleted);
    EXPECT_EQ(all.size(), 2u);
    s.commit();
    EXPECT_EQ(count("notes"), 2);
}

INSTANTIATE_TEST_SUITE_P(backends, session_events, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
