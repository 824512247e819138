// The blog models shared by the SQL, engine and ORM tests: users, posts, tags, post_tags, and an
// "order" table whose name must be quoted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "retort/schema/options.hpp"
#include "retort/schema/relationship.hpp"
#include "retort/types/traits.hpp"

namespace blog {

struct Post;
struct Tag;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<std::string> bio;
    retort::timestamp created_at{};
    retort::many<Post> posts;
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::int64_t author_id = 0;
    std::int64_t views = 0;
    bool published = false;
    std::optional<double> rating;
    retort::many<Tag> tags;
    retort::one<User> author;
};

struct Tag {
    std::int64_t id = 0;
    std::string name;
};

struct PostTag {
    std::int64_t post_id = 0;
    std::int64_t tag_id = 0;
};

/** A table named `order` (a reserved word) with a column named `user`. */
struct Order {
    std::int64_t id = 0;
    std::int64_t user = 0;
    double total = 0;
    std::optional<std::string> note;
};

}  // namespace blog

template <>
inline constexpr auto retort::table<blog::User> = retort::table_def{
    "users",
    retort::column<&blog::User::username>.max_length(50).unique(),
    retort::column<&blog::User::email>.max_length(120).unique(),
    retort::column<&blog::User::created_at>.server_default(retort::func::now()),
    retort::has_many<&blog::User::posts>.by(&blog::Post::author_id),
};

template <>
inline constexpr auto retort::table<blog::Post> = retort::table_def{
    "posts",
    retort::column<&blog::Post::title>.max_length(200),
    retort::column<&blog::Post::author_id>.references(&blog::User::id).index(),
    retort::column<&blog::Post::views>.default_value(0),
    retort::belongs_to<&blog::Post::author>.by(&blog::Post::author_id),
    retort::many_to_many<&blog::Post::tags>.through(&blog::PostTag::post_id,
                                                     &blog::PostTag::tag_id),
};

template <>
inline constexpr auto retort::table<blog::Tag> = retort::table_def{
    "tags",
    retort::column<&blog::Tag::name>.max_length(50).unique(),
};

template <>
inline constexpr auto retort::table<blog::PostTag> = retort::table_def{
    "post_tags",
    retort::primary_key<&blog::PostTag::post_id, &blog::PostTag::tag_id>,
    retort::column<&blog::PostTag::post_id>.references(&blog::Post::id),
    retort::column<&blog::PostTag::tag_id>.references(&blog::Tag::id),
};

template <>
inline constexpr auto retort::table<blog::Order> = retort::table_def{
    "order",
    retort::column<&blog::Order::user>.references(&blog::User::id),
};
