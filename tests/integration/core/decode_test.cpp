// Decoding safety and the statement cache: values that do not fit their field are data_errors
// naming table, column and row; a statement's constant text is prepared once per connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core_fixture.hpp"

namespace coretest {

/** users, read with a bio that may not be NULL. */
struct StrictUser {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string bio;
    retort::timestamp created_at{};
};

/** users, read with the username as a number. */
struct NumericName {
    std::int64_t id = 0;
    std::int64_t username = 0;
};

struct Counter {
    std::int64_t id = 0;
    std::int64_t value = 0;
};

/** counters, read into a narrower integer. */
struct NarrowCounter {
    std::int64_t id = 0;
    std::int32_t value = 0;
};

}  // namespace coretest

template <>
inline constexpr auto retort::table<coretest::StrictUser> = retort::table_def{"users"};
template <>
inline constexpr auto retort::table<coretest::NumericName> = retort::table_def{"users"};
template <>
inline constexpr auto retort::table<coretest::Counter> = retort::table_def{"counters"};
template <>
inline constexpr auto retort::table<coretest::NarrowCounter> = retort::table_def{"counters"};

namespace {

using namespace blog;
using namespace coretest;
using retort::col;
using retort::testing::core_test;
using ::testing::AllOf;
using ::testing::HasSubstr;

class core_decode : public core_test {};

/** Runs `f`, expecting a data_error whose message contains every one of `parts`. */
template <class F>
std::string data_error_of(F&& f) {
    try {
        f();
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "decode");
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not a data_error: " << e.what();
        return {};
    }
    ADD_FAILURE() << "no error";
    return {};
}

TEST_P(core_decode, null_into_a_non_optional_field) {
    auto q = retort::select<StrictUser>().order_by(col<&StrictUser::id>);
    const std::string what = data_error_of([&] { (void)conn().execute(q).all(); });
    EXPECT_THAT(what, AllOf(HasSubstr("'users.bio'"), HasSubstr("of row 2"), HasSubstr("NULL")));

    // Iterating decodes the rows one by one: the first is fine.
    auto rows = conn().execute(q);
    auto it = rows.begin();
    EXPECT_EQ(it->username, "alice");
    EXPECT_THROW(++it, retort::data_error);
}

TEST_P(core_decode, integer_too_big_for_the_field) {
    retort::create_all<Counter>(conn());
    conn().execute(retort::insert<Counter>().values(Counter{0, 7}));
    conn().execute(retort::insert<Counter>().values(Counter{0, std::int64_t{1} << 40}));
    auto q = retort::select<NarrowCounter>().order_by(col<&NarrowCounter::id>);
    const std::string what = data_error_of([&] { (void)conn().execute(q).all(); });
    EXPECT_THAT(what, AllOf(HasSubstr("'counters.value'"), HasSubstr("of row 2"),
                            HasSubstr("1099511627776")));
    // The same value through a tuple names the column as the database does.
    auto t = retort::text<"SELECT value FROM counters ORDER BY id">().returns<std::int32_t>();
    EXPECT_THAT(data_error_of([&] { (void)conn().execute(t).scalars(); }),
                AllOf(HasSubstr("'value'"), HasSubstr("of row 2")));
    EXPECT_EQ(conn().execute(retort::select<Counter>().order_by(col<&Counter::id>)).all().back().value,
              std::int64_t{1} << 40);
}

TEST_P(core_decode, text_into_a_numeric_field) {
    auto q = retort::select<NumericName>().where(col<&NumericName::id> > 1).order_by(col<&NumericName::id>);
    EXPECT_THAT(data_error_of([&] { (void)conn().execute(q).first(); }),
                AllOf(HasSubstr("'users.username'"), HasSubstr("of row 1"), HasSubstr("'bob'")));
    auto t = retort::text<"SELECT id, username FROM users">().returns<std::int64_t, double>();
    EXPECT_THAT(data_error_of([&] { (void)conn().execute(t).all(); }),
                AllOf(HasSubstr("'username'"), HasSubstr("(index 1)"), HasSubstr("of row 1")));
}

TEST_P(core_decode, column_count_mismatch) {
    auto t = retort::text<"SELECT id, username, email FROM users">().returns<std::int64_t, std::string>();
    EXPECT_THAT(data_error_of([&] { (void)conn().execute(t); }),
                HasSubstr("has 2 columns but the query returned 3"));
    // The connection is usable afterwards.
    EXPECT_EQ(conn().execute(retort::select(retort::count()).select_from<User>()).scalar(), 4);
}

TEST_P(core_decode, statements_are_prepared_once) {
    auto by_id = [](std::int64_t id) {
        return retort::select<User>().where(col<&User::id> == id);
    };
    (void)conn().execute(by_id(1)).one();
    const auto cached = conn().cached_statements();
    std::int64_t found = 0;
    for (std::int64_t i = 0; i < 1000; ++i) {
        auto u = conn().execute(by_id(1 + i % 4)).first();
        found += u ? 1 : 0;
    }
    EXPECT_EQ(found, 1000);
    EXPECT_EQ(conn().cached_statements(), cached);

    // A nested read of the same statement gets a statement of its own; the cache is unchanged.
    std::int64_t pairs = 0;
    for (const User& a : conn().execute(retort::select<User>())) {
        for (const User& b : conn().execute(retort::select<User>())) pairs += a.id <= b.id ? 1 : 0;
    }
    EXPECT_EQ(pairs, 10);
    EXPECT_EQ(conn().cached_statements().first, cached.first + 1);
}

INSTANTIATE_TEST_SUITE_P(backends, core_decode, ::testing::ValuesIn(retort::testing::backends));

}  // namespace
