// retort::many<T> and retort::one<T> on their own: loading state, the changes they record for
// the next flush, and what a copy shares.
#include <retort/schema/relationship.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

struct Post {
    std::string title;
};

using retort::detail::relationship_access;

TEST(relationship_handle, a_collection_nobody_touched_has_no_change_lists) {
    retort::many<Post> posts;
    EXPECT_FALSE(posts.loaded());
    EXPECT_THROW((void)posts.size(), retort::interface_error);
    EXPECT_FALSE(relationship_access::has_changes(posts));
    // Loaded from the database: items, still no change lists.
    Post a{"a"};
    relationship_access::set_loaded(posts, {&a});
    EXPECT_EQ(posts.size(), 1U);
    EXPECT_FALSE(relationship_access::has_changes(posts));
    // The lists are allocated on the first change, not carried by every handle.
    EXPECT_LE(sizeof(retort::many<Post>), 64U);
}

TEST(relationship_handle, adding_and_taking_out_record_the_changes) {
    retort::many<Post> posts;
    Post& created = posts.add(Post{"new"});
    EXPECT_TRUE(posts.loaded());
    EXPECT_EQ(relationship_access::owned(posts).size(), 1U);
    EXPECT_EQ(relationship_access::added(posts).size(), 1U);

    Post existing{"old"};
    relationship_access::set_loaded(posts, {&created, &existing});
    EXPECT_TRUE(relationship_access::has_changes(posts));  // the new object is still owned
    EXPECT_TRUE(relationship_access::added(posts).empty());

    posts.remove(existing);
    EXPECT_EQ(relationship_access::removed(posts).size(), 1U);
    posts.add(existing);  // put back: no change left
    EXPECT_TRUE(relationship_access::removed(posts).empty());
    EXPECT_TRUE(relationship_access::added(posts).empty());

    relationship_access::owned(posts).clear();  // adopted by a session
    relationship_access::release_changes(posts);
    EXPECT_FALSE(relationship_access::has_changes(posts));
    EXPECT_EQ(posts.size(), 2U);
}

TEST(relationship_handle, a_copy_shares_the_objects_and_has_its_own_change_lists) {
    retort::many<Post> posts;
    Post& created = posts.add(Post{"new"});
    retort::many<Post> copy = posts;
    ASSERT_EQ(copy.size(), 1U);
    EXPECT_EQ(&copy[0], &created);
    EXPECT_EQ(relationship_access::owned(copy).front().get(), &created);

    copy.remove(created);
    EXPECT_EQ(copy.size(), 0U);
    EXPECT_EQ(posts.size(), 1U);
    EXPECT_EQ(relationship_access::added(posts).size(), 1U);  // the original is untouched

    retort::many<Post> assigned;
    assigned = posts;
    EXPECT_EQ(&assigned[0], &created);
    retort::many<Post> moved = std::move(assigned);
    EXPECT_EQ(&moved[0], &created);
    EXPECT_TRUE(relationship_access::has_changes(moved));
}

TEST(relationship_handle, one_records_a_change_of_target) {
    retort::one<Post> author;
    EXPECT_FALSE(author.loaded());
    EXPECT_THROW((void)author.has_value(), retort::interface_error);
    Post p{"x"};
    author.set(p);
    EXPECT_TRUE(relationship_access::changed(author));
    EXPECT_EQ(author.get_if(), &p);
    author.reset();
    EXPECT_FALSE(author.has_value());
}

}  // namespace
