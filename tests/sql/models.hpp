// Models of the SQL tests beyond the blog: a self-referencing table for aliases and self-joins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/hana/adapt_struct.hpp>

#include "blog_models.hpp"
#include "retort/schema/options.hpp"

namespace sqltest {

/** Employees and their managers: one foreign key to its own table. */
struct Employee {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> manager_id;
    double salary = 0;
};

enum class Color : std::int32_t { red, green, blue };

/** Two foreign keys to the same table: a join needs an explicit ON. */
struct Message {
    std::int64_t id = 0;
    std::int64_t sender_id = 0;
    std::int64_t recipient_id = 0;
    std::string text;
    Color color = Color::red;
};

/** A model whose columns come partly from a mixin, adapted with Boost.Hana. */
struct Timestamps {
    std::int64_t created = 0;
};
struct Article : Timestamps {
    std::int64_t id = 0;
    std::string title;
};

}  // namespace sqltest

BOOST_HANA_ADAPT_STRUCT(sqltest::Article, id, title, created);

template <>
inline constexpr auto retort::table<sqltest::Employee> = retort::table_def{
    "employees",
    retort::column<&sqltest::Employee::manager_id>.references(&sqltest::Employee::id),
};

template <>
inline constexpr auto retort::table<sqltest::Message> = retort::table_def{
    "messages",
    retort::column<&sqltest::Message::sender_id>.references(&blog::User::id),
    retort::column<&sqltest::Message::recipient_id>.references(&blog::User::id),
};
