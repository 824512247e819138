// Models of the relationship SQL tests beyond the blog: a tree (a model related to itself), and
// a has_many into a table named with a reserved word plus a has_one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "blog_models.hpp"
#include "retort/schema/options.hpp"
#include "retort/schema/relationship.hpp"

namespace reltest {

/** A tree: each node has a parent (belongs_to) and children (has_many) of its own type. */
struct Node {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string label;
    retort::many<Node> children;
    retort::one<Node> parent;
};

struct Invoice;
struct Settings;

struct Account {
    std::int64_t id = 0;
    std::string name;
    retort::many<Invoice> invoices;
    retort::one<Settings> settings;
};

/** Table `group` (reserved), foreign key column `user` (reserved). */
struct Invoice {
    std::int64_t id = 0;
    std::int64_t user = 0;
    double total = 0;
};

struct Settings {
    std::int64_t id = 0;
    std::int64_t account_id = 0;
    std::string theme;
};

}  // namespace reltest

template <>
inline constexpr auto retort::table<reltest::Node> = retort::table_def{
    "nodes",
    retort::column<&reltest::Node::parent_id>.references(&reltest::Node::id),
    retort::has_many<&reltest::Node::children>.by(&reltest::Node::parent_id),
    retort::belongs_to<&reltest::Node::parent>.by(&reltest::Node::parent_id),
};

template <>
inline constexpr auto retort::table<reltest::Account> = retort::table_def{
    "accounts",
    retort::has_many<&reltest::Account::invoices>.by(&reltest::Invoice::user),
    retort::has_one<&reltest::Account::settings>.by(&reltest::Settings::account_id),
};

template <>
inline constexpr auto retort::table<reltest::Invoice> = retort::table_def{
    "group",
    retort::column<&reltest::Invoice::user>.references(&reltest::Account::id),
};

template <>
inline constexpr auto retort::table<reltest::Settings> = retort::table_def{
    "settings",
    retort::column<&reltest::Settings::account_id>.references(&reltest::Account::id).unique(),
};
