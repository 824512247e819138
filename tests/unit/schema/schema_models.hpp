// Models for the schema tests: the tutorials' blog, every column type, mixins, quoting.
#pragma once

#include <retort/schema/ddl.hpp>

#include <boost/hana/adapt_struct.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schema_test {

struct post;
struct tag;

struct user {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<std::string> bio;
    std::chrono::sys_time<std::chrono::microseconds> created_at{};
    std::vector<post> posts;
};

struct post {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::int64_t author_id = 0;
    std::optional<user> author;
    std::vector<tag> tags;
};

struct tag {
    std::int64_t id = 0;
    std::string name;
};

struct post_tag {
    std::int64_t post_id = 0;
    std::int64_t tag_id = 0;
};

enum class status : std::int32_t { draft, published };

/** One column of every supported type. */
struct every_type {
    std::int64_t id = 0;
    bool flag = false;
    std::int8_t i8 = 0;
    std::int16_t i16 = 0;
    std::int32_t i32 = 0;
    std::int64_t i64 = 0;
    std::uint8_t u8 = 0;
    std::uint16_t u16 = 0;
    std::uint32_t u32 = 0;
    float f32 = 0;
    double f64 = 0;
    std::string text;
    std::string code;
    std::vector<std::byte> data;
    std::chrono::sys_time<std::chrono::microseconds> at{};
    std::chrono::sys_days day{};
    status state = status::draft;
    std::optional<std::string> note;
    std::optional<double> score;
};

/** Reserved words as table and column names; a renamed member; a check; defaults. */
struct Order {
    std::int64_t id = 0;
    std::int64_t user = 0;
    std::string user_name;
    std::int32_t quantity = 1;
    double price = 0;
    bool paid = false;
};

struct timestamps {
    std::chrono::sys_time<std::chrono::microseconds> created_at{};
    std::chrono::sys_time<std::chrono::microseconds> updated_at{};
};

/** A mixin: the base's columns come first in the adapted member list. */
struct note : timestamps {
    std::int64_t id = 0;
    std::string text;
};

}  // namespace schema_test

BOOST_HANA_ADAPT_STRUCT(schema_test::note, id, text, created_at, updated_at);

template <>
inline constexpr auto retort::table<schema_test::user> = retort::table_def{
    "users",
    retort::column<&schema_test::user::username>.max_length(50).unique(),
    retort::column<&schema_test::user::email>.max_length(120).unique(),
    retort::column<&schema_test::user::created_at>.server_default(retort::func::now()),
    retort::has_many<&schema_test::user::posts>.by(&schema_test::post::author_id),
};

template <>
inline constexpr auto retort::table<schema_test::post> = retort::table_def{
    "posts",
    retort::column<&schema_test::post::title>.max_length(200),
    retort::column<&schema_test::post::author_id>
        .references(&schema_test::user::id)
        .on_delete(retort::fk_action::cascade)
        .index(),
    retort::belongs_to<&schema_test::post::author>.by(&schema_test::post::author_id),
    retort::many_to_many<&schema_test::post::tags>.through(&schema_test::post_tag::post_id,
                                                           &schema_test::post_tag::tag_id),
};

template <>
inline constexpr auto retort::table<schema_test::tag> = retort::table_def{
    "tags",
    retort::column<&schema_test::tag::name>.max_length(30).unique(),
};

template <>
inline constexpr auto retort::table<schema_test::post_tag> = retort::table_def{
    "post_tags",
    retort::primary_key<&schema_test::post_tag::post_id, &schema_test::post_tag::tag_id>,
    retort::column<&schema_test::post_tag::post_id>
        .references(&schema_test::post::id)
        .on_delete(retort::fk_action::cascade),
    retort::column<&schema_test::post_tag::tag_id>.references(&schema_test::tag::id),
};

template <>
inline constexpr auto retort::table<schema_test::every_type> = retort::table_def{
    retort::column<&schema_test::every_type::code>.max_length(8),
};

template <>
inline constexpr auto retort::table<schema_test::Order> = retort::table_def{
    retort::column<&schema_test::Order::user>.references(&schema_test::user::id),
    retort::column<&schema_test::Order::user_name>.column_name("name").default_value("anon"),
    retort::column<&schema_test::Order::quantity>.default_value(1).check("quantity > 0"),
    retort::column<&schema_test::Order::price>.default_value(2.5),
    retort::column<&schema_test::Order::paid>.default_value(false),
    retort::index<&schema_test::Order::user, &schema_test::Order::user_name>.unique().named(
        "order_by_user"),
    retort::unique<&schema_test::Order::user, &schema_test::Order::price>.named("uq_user_price"),
    retort::check("ck_price", "price >= 0"),
};

template <>
inline constexpr auto retort::table<schema_test::note> = retort::table_def{
    "notes",
    retort::column<&schema_test::note::created_at>.server_default(retort::func::now()),
};
