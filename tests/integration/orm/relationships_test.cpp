// Relationships through the session: loading plans with asserted statement counts, explicit
// loads, writes through handles, cascades, identity across every path.
#include <gtest/gtest.h>

#include <algorithm>

#include "orm_fixture.hpp"

namespace rel_test {

struct Book;
/** A parent whose children go with it: cascade delete and delete-orphan. */
struct Author {
    std::int64_t id = 0;
    std::string name;
    retort::many<Book> books;
};
struct Book {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    retort::one<Author> author;
};

}  // namespace rel_test

template <>
inline constexpr auto retort::table<rel_test::Author> = retort::table_def{
    "authors",
    retort::has_many<&rel_test::Author::books>
        .by(&rel_test::Book::author_id)
        .cascades(retort::cascade::save_update | retort::cascade::delete_ |
                  retort::cascade::delete_orphan),
};
template <>
inline constexpr auto retort::table<rel_test::Book> = retort::table_def{
    "books",
    retort::column<&rel_test::Book::author_id>.references(&rel_test::Author::id),
    retort::belongs_to<&rel_test::Book::author>.by(&rel_test::Book::author_id),
};

namespace {

using blog::Post;
using blog::PostTag;
using blog::Tag;
using blog::User;
using rel_test::Author;
using rel_test::Book;
using retort::col;
using retort::joinedload;
using retort::selectinload;
using retort::testing::orm_test;

class relationships : public orm_test {
protected:
    void SetUp() override {
        orm_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        {
            auto conn = db().connect();  // given back before seed(): an in-memory database has one
            if (pg()) {
                for (auto stmt : retort::create_all_sql<retort::postgresql, Author, Book>())
                    conn.execute_script(stmt);
            } else {
                for (auto stmt : retort::create_all_sql<retort::sqlite, Author, Book>())
                    conn.execute_script(stmt);
            }
        }
        seed();
        take_statements();
    }

    /** 3 users with 0, 2 and 3 posts; posts tagged from 3 tags. */
    void seed() {
        retort::session s{db()};
        User& alice = s.add(user("alice"));
        User& bob = s.add(user("bob"));
        s.add(user("carol"));
        Tag& cpp = s.add(Tag{0, "cpp"});
        Tag& sql = s.add(Tag{0, "sql"});
        s.add(Tag{0, "orm"});
        for (int i = 0; i != 2; ++i) {
            Post& p = bob.posts.add(post("bob " + std::to_string(i)));
            p.tags.add(cpp);
        }
        for (int i = 0; i != 3; ++i) {
            Post& p = alice.posts.add(post("alice " + std::to_string(i)));
            p.tags.add(sql);
            if (i == 0) p.tags.add(cpp);
        }
        s.commit();
    }

    static Post post(std::string title) {
        Post p;
        p.title = std::move(title);
        p.body = "...";
        return p;
    }
};

TEST_P(relationships, writes_through_handles_insert_children_with_their_keys) {
    EXPECT_EQ(count("users"), 3);
    EXPECT_EQ(count("posts"), 5);
    EXPECT_EQ(count("post_tags"), 6);
    EXPECT_EQ(db().connect()
                  .execute("SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE "
                           "u.username = 'alice'")
                  .scalar<std::int64_t>(),
              3);
}

TEST_P(relationships, selectinload_is_one_statement_per_level) {
    retort::session s{db()};
    auto users = s.scalars(retort::select<User>()
                               .order_by(col<&User::username>.asc())
                               .options(selectinload<&User::posts>.then(selectinload<&Post::tags>)));
    EXPECT_EQ(take_statements().size(), 3u);  // users, posts, tags: 1 + depth
    ASSERT_EQ(users.size(), 3u);
    EXPECT_EQ(users[0].posts.size(), 3u);
    EXPECT_EQ(users[1].posts.size(), 2u);
    EXPECT_EQ(users[2].posts.size(), 0u);  // loaded and empty, not unloaded
    std::size_t tagged = 0;
    for (User& u : users)
        for (Post& p : u.posts) tagged += p.tags.size();
    EXPECT_EQ(tagged, 6u);
    // Identity: the same row is the same object whichever way it is reached.
    Post& first = users[0].posts[0];
    EXPECT_EQ(s.get<Post>(first.id), &first);
    EXPECT_TRUE(take_statements().empty());
    // The back-reference is set by the load.
    EXPECT_EQ(&*first.author, &users[0]);
}

TEST_P(relationships, many_to_one_and_many_to_many_selectin) {
    retort::session s{db()};
    auto posts = s.scalars(retort::select<Post>().options(selectinload<&Post::author>,
                                                          selectinload<&Post::tags>));
    EXPECT_EQ(take_statements().size(), 3u);
    ASSERT_EQ(posts.size(), 5u);
    for (Post& p : posts) {
        EXPECT_EQ(p.author->id, p.author_id);
        EXPECT_GE(p.tags.size(), 1u);
    }
    // Two posts by bob share one author object.
    std::vector<User*> bobs;
    for (Post& p : posts)
        if (p.author->username == "bob") bobs.push_back(&*p.author);
    ASSERT_EQ(bobs.size(), 2u);
    EXPECT_EQ(bobs[0], bobs[1]);
}

TEST_P(relationships, reading_an_unloaded_relationship_says_how_to_load_it) {
    retort::session s{db()};
    User& alice = s.scalars(retort::select<User>().where(col<&User::username> == "alice")).one();
    EXPECT_FALSE(alice.posts.loaded());
    try {
        (void)alice.posts.size();
        FAIL() << "expected not_loaded";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(e.code(), "not_loaded");
        const std::string what = e.what();
        EXPECT_NE(what.find("User::posts"), std::string::npos) << what;
        EXPECT_NE(what.find("selectinload<&User::posts>"), std::string::npos) << what;
    }
    take_statements();
    s.load<&User::posts>(alice);
    EXPECT_EQ(take_statements().size(), 1u);
    EXPECT_EQ(alice.posts.size(), 3u);
}

TEST_P(relationships, explicit_load_of_many_parents_is_one_query) {
    retort::session s{db()};
    auto users = s.scalars(retort::select<User>());
    take_statements();
    s.load<&User::posts>(users);
    EXPECT_EQ(take_statements().size(), 1u);
    std::size_t total = 0;
    for (User& u : users) total += u.posts.size();
    EXPECT_EQ(total, 5u);
}

TEST_P(relationships, association_rows_follow_the_collection) {
    retort::session s{db()};
    auto tags = s.scalars(retort::select<Tag>().order_by(col<&Tag::name>.asc()));
    Tag& orm = tags[1];
    ASSERT_EQ(orm.name, "orm");
    Post& p = s.scalars(retort::select<Post>()
                            .where(col<&Post::title> == "alice 0")
                            .options(selectinload<&Post::tags>))
                  .one();
    ASSERT_EQ(p.tags.size(), 2u);  // sql, cpp
    take_statements();
    p.tags.add(orm);
    p.tags.remove(p.tags[0]);
    s.commit();
    auto statements = take_statements();
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_EQ(statements[0].rfind("INSERT INTO post_tags", 0), 0u) << statements[0];
    EXPECT_EQ(statements[1].rfind("DELETE FROM post_tags", 0), 0u) << statements[1];
    EXPECT_EQ(count("post_tags"), 6);
}

TEST_P(relationships, a_rollback_gives_handle_changes_back_to_the_next_flush) {
    retort::session s{db()};
    auto tags = s.scalars(retort::select<Tag>().order_by(col<&Tag::name>.asc()));
    Tag& orm = tags[1];
    User& carol = s.scalars(retort::select<User>().where(col<&User::username> == "carol")).one();
    Post& p = s.scalars(retort::select<Post>()
                            .where(col<&Post::title> == "alice 0")
                            .options(selectinload<&Post::tags>, selectinload<&Post::author>))
                  .one();
    s.load<&User::posts>(carol);
    p.tags.add(orm);           // an association row
    p.tags.remove(p.tags[0]);  // and one taken out
    p.author.set(carol);       // a moved key
    carol.posts.add(post("carol's first"));
    s.flush();
    s.rollback();
    // The changes are still in the handles and the objects: the next commit writes them all.
    take_statements();
    s.commit();
    EXPECT_EQ(p.author_id, carol.id);
    EXPECT_EQ(count("post_tags"), 6);  // one in, one out
    {
        auto conn = db().connect();
        EXPECT_EQ(conn.execute("SELECT count(*) FROM posts WHERE author_id = " + std::to_string(carol.id))
                      .scalar<std::int64_t>(),
                  2);
        EXPECT_EQ(conn.execute("SELECT count(*) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
                               "WHERE t.name = 'orm' AND pt.post_id = " + std::to_string(p.id))
                      .scalar<std::int64_t>(),
                  1);
    }
    // Nothing left over: a second commit writes nothing.
    take_statements();
    s.commit();
    EXPECT_TRUE(take_statements().empty());
}

TEST_P(relationships, setting_a_many_to_one_moves_the_key) {
    retort::session s{db()};
    Post& p = s.scalars(retort::select<Post>()
                            .where(col<&Post::title> == "bob 0")
                            .options(selectinload<&Post::author>))
                  .one();
    User& carol = s.scalars(retort::select<User>().where(col<&User::username> == "carol")).one();
    p.author.set(carol);
    s.commit();
    EXPECT_EQ(p.author_id, carol.id);
    EXPECT_EQ(db().connect()
                  .execute("SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE "
                           "u.username = 'carol'")
                  .scalar<std::int64_t>(),
              1);
}

TEST_P(relationships, new_graph_in_one_commit_with_stable_references) {
    retort::session s{db()};
    User& dan = s.add(user("dan"));
    Post& p = dan.posts.add(post("dan's"));
    Tag& fresh = p.tags.add(Tag{0, "fresh"});
    s.commit();
    EXPECT_GT(dan.id, 0);
    EXPECT_EQ(p.author_id, dan.id);  // the reference stayed valid: the session adopted it
    EXPECT_GT(fresh.id, 0);
    EXPECT_EQ(s.get<Post>(p.id), &p);
    EXPECT_EQ(&*p.author, &dan);
    EXPECT_EQ(count("post_tags"), 7);
}

TEST_P(relationships, cascade_delete_and_delete_orphan) {
    {
        retort::session s{db()};
        Author& a = s.add(Author{0, "ann", {}});
        a.books.add(Book{0, "one", 0, {}});
        a.books.add(Book{0, "two", 0, {}});
        s.commit();
    }
    EXPECT_EQ(count("books"), 2);
    retort::session s{db()};
    Author& a = s.scalars(retort::select<Author>().options(selectinload<&Author::books>)).one();
    a.books.remove(a.books[0]);  // an orphan: deleted
    s.commit();
    EXPECT_EQ(count("books"), 1);
    s.remove(a);  // the remaining book goes with its author
    s.commit();
    EXPECT_EQ(count("books"), 0);
    EXPECT_EQ(count("authors"), 0);
}

TEST_P(relationships, removing_a_parent_not_loaded_loads_then_cascades) {
    {
        retort::session s{db()};
        Author& a = s.add(Author{0, "ann", {}});
        a.books.add(Book{0, "one", 0, {}});
        s.commit();
    }
    retort::session s{db()};
    Author& a = s.scalars(retort::select<Author>()).one();
    s.remove(a);
    s.commit();
    EXPECT_EQ(count("books"), 0);
}

/** user -> sorted post titles -> sorted tag names, as one string, for comparing graphs. */
std::string graph_of(retort::orm::object_list<User>& users) {
    std::vector<std::string> lines;
    for (User& u : users) {
        std::vector<std::string> posts;
        for (Post& p : u.posts) {
            std::vector<std::string> tags;
            for (Tag& t : p.tags) tags.push_back(t.name);
            std::sort(tags.begin(), tags.end());
            std::string line = p.title + "[";
            for (auto& t : tags) line += t + ",";
            posts.push_back(line + "]");
        }
        std::sort(posts.begin(), posts.end());
        std::string line = u.username + ":";
        for (auto& p : posts) line += p + ";";
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (auto& l : lines) out += l + "\n";
    return out;
}

TEST_P(relationships, joinedload_is_one_statement_and_every_strategy_gives_the_same_graph) {
    std::string by_selectin, by_joined, by_mixed;
    {
        retort::session s{db()};
        auto users = s.scalars(retort::select<User>().options(
            selectinload<&User::posts>.then(selectinload<&Post::tags>)));
        EXPECT_EQ(take_statements().size(), 3u);
        by_selectin = graph_of(users);
    }
    {
        retort::session s{db()};
        auto users = s.scalars(retort::select<User>().options(
            joinedload<&User::posts>.then(joinedload<&Post::tags>)));
        EXPECT_EQ(take_statements().size(), 1u);
        ASSERT_EQ(users.size(), 3u);  // parents de-duplicated
        by_joined = graph_of(users);
    }
    {
        retort::session s{db()};
        auto users = s.scalars(retort::select<User>().options(
            joinedload<&User::posts>.then(selectinload<&Post::tags>)));
        EXPECT_EQ(take_statements().size(), 2u);
        by_mixed = graph_of(users);
    }
    EXPECT_EQ(by_joined, by_selectin);
    EXPECT_EQ(by_mixed, by_selectin);
    EXPECT_NE(by_selectin.find("alice:alice 0[cpp,sql,];"), std::string::npos) << by_selectin;
}

TEST_P(relationships, joinedload_of_a_many_to_one_keeps_limit_and_identity) {
    retort::session s{db()};
    auto posts = s.scalars(retort::select<Post>()
                               .order_by(col<&Post::title>.asc())
                               .limit(3)
                               .options(joinedload<&Post::author>));
    EXPECT_EQ(take_statements().size(), 1u);
    ASSERT_EQ(posts.size(), 3u);
    EXPECT_EQ(posts[0].author->username, "alice");
    EXPECT_EQ(&*posts[0].author, &*posts[1].author);  // one object per row
    EXPECT_EQ(s.get<User>(posts[0].author_id), &*posts[0].author);
}

INSTANTIATE_TEST_SUITE_P(backends, relationships, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
