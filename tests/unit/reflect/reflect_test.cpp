// Aggregate reflection: counts, names, types, member indices, Hana-adapted mixins, limits.
#include <retort/reflect/reflect.hpp>

#include <array>
#include <boost/hana/adapt_struct.hpp>
#include <chrono>
#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <vector>

namespace blog {
struct user {
    std::int64_t id = 0;
    std::string username;
    std::optional<std::string> bio;
    double karma = 0;
    std::chrono::system_clock::time_point created_at{};
    std::vector<int> scores;
};

template <class T>
struct box {
    T value;
};

struct timestamps {
    std::chrono::system_clock::time_point created_at{};
    std::chrono::system_clock::time_point updated_at{};
};

struct article : timestamps {
    std::int64_t id = 0;
    std::string title;
};

class account {
public:
    account() = default;
    [[nodiscard]] const std::string& owner() const { return owner_; }

private:
    std::int64_t id_ = 0;
    std::string owner_ = "x";
    friend struct boost::hana::accessors_impl<account>;
};
}  // namespace blog

BOOST_HANA_ADAPT_STRUCT(blog::article, id, title, created_at, updated_at);
BOOST_HANA_ADAPT_STRUCT(blog::account, id_, owner_);

// 64 fields: the documented maximum.
struct wide {
    int f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
        f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37,
        f38, f39, f40, f41, f42, f43, f44, f45, f46, f47, f48, f49, f50, f51, f52, f53, f54, f55,
        f56, f57, f58, f59, f60, f61, f62, f63;
};

struct empty {};
struct nested {
    blog::user author;
    std::array<int, 3> values;
    int tail;
};

namespace {
// A model local to its file: g++ spells it `{anonymous}::note`, and nothing may refer to the
// never-defined object the names are read from (the program must link).
struct note {
    std::int64_t id = 0;
    std::string title;
};
}  // namespace

namespace r = retort::reflect;

static_assert(r::field_names_v<note>[0] == "id");
static_assert(r::field_names_v<note>[1] == "title");
static_assert(r::member_index_v<&note::title> == 1);
static_assert(r::type_name_v<note> == "note");

static_assert(r::field_count_v<blog::user> == 6);
static_assert(r::field_names_v<blog::user>[0] == "id");
static_assert(r::field_names_v<blog::user>[4] == "created_at");
static_assert(r::field_names_v<blog::user>[5] == "scores");
static_assert(std::is_same_v<r::field_t<blog::user, 2>, std::optional<std::string>>);
static_assert(r::member_index_v<&blog::user::karma> == 3);
static_assert(r::member_name_v<&blog::user::bio> == "bio");
static_assert(r::type_name_v<blog::user> == "user");
static_assert(r::type_name_v<blog::box<blog::user>> == "box");
static_assert(r::field_count_v<wide> == 64);
static_assert(r::field_names_v<wide>[63] == "f63");
static_assert(r::member_index_v<&wide::f40> == 40);
static_assert(r::field_count_v<empty> == 0);
static_assert(r::field_count_v<nested> == 3);
static_assert(r::field_names_v<nested>[1] == "values");
static_assert(r::reflectable<blog::user> && r::reflectable<blog::article>);
static_assert(!r::reflectable<int>);

// A mixin through Boost.Hana: the base's members count as the model's own.
static_assert(r::field_count_v<blog::article> == 4);
static_assert(r::field_names_v<blog::article>[2] == "created_at");
static_assert(r::member_index_v<&blog::article::updated_at, blog::article> == 3);
static_assert(std::is_same_v<r::field_t<blog::article, 1>, std::string>);
static_assert(r::field_names_v<blog::account>[1] == "owner_");

TEST(reflect, a_model_in_an_unnamed_namespace_links_and_reads_its_fields) {
    note n{3, "local"};
    std::string seen;
    r::visit_fields(n, [&](auto& id, auto& title) { seen = std::to_string(id) + title; });
    EXPECT_EQ(seen, "3local");
    EXPECT_EQ(r::field_names_v<note>[1], "title");  // used at run time too
    EXPECT_EQ(r::member_index_v<&note::title>, 1u);
}

TEST(reflect, visits_fields_in_order) {
    blog::user u{7, "alice", std::nullopt, 1.5, {}, {1, 2}};
    std::size_t count = 0;
    r::visit_fields(u, [&](auto&... f) { count = sizeof...(f); });
    EXPECT_EQ(count, 6u);
    r::visit_fields(u, [](auto& id, auto& name, auto&...) {
        id = 8;
        name += "!";
    });
    EXPECT_EQ(u.id, 8);
    EXPECT_EQ(u.username, "alice!");
}

TEST(reflect, visits_const_objects) {
    const blog::user u{1, "bob", "hi", 0, {}, {}};
    std::string seen;
    r::visit_fields(u, [&](const auto&, const auto& name, const auto& bio, const auto&...) {
        seen = name + *bio;
    });
    EXPECT_EQ(seen, "bobhi");
}

TEST(reflect, visits_hana_adapted_mixins) {
    blog::article a;
    a.title = "hello";
    a.updated_at = std::chrono::system_clock::time_point{std::chrono::seconds{5}};
    r::visit_fields(a, [](auto& id, auto& title, auto&, auto& updated) {
        id = 3;
        EXPECT_EQ(title, "hello");
        EXPECT_EQ(updated.time_since_epoch(), std::chrono::seconds{5});
    });
    EXPECT_EQ(a.id, 3);
}

TEST(reflect, visits_private_members_of_adapted_classes) {
    blog::account acc;
    r::visit_fields(acc, [](auto&, auto& owner) { owner = "carol"; });
    EXPECT_EQ(acc.owner(), "carol");
}

TEST(reflect, names_are_views_into_constants) {
    // One parse per struct: the same view every time, pointing into static storage.
    EXPECT_EQ(r::field_names_v<blog::user>[1].data(), r::field_names_v<blog::user>[1].data());
    EXPECT_EQ(r::field_names_v<blog::user>[1], "username");
}
