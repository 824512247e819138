// The SQL kind of every built-in type, and which types are bindable, decodable and mappable.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/types/traits.hpp"

namespace {

using retort::sql_kind;
using retort::sql_kind_v;

enum class small_enum : std::int8_t { a };
enum class wide_enum : std::uint32_t { a };
enum class flag_enum : bool { off, on };
enum class text_enum { a, b };
struct unmapped {};

}  // namespace

template <>
inline constexpr bool retort::enum_as_text<text_enum> = true;

namespace {

static_assert(sql_kind_v<bool> == sql_kind::boolean);
static_assert(sql_kind_v<std::int8_t> == sql_kind::smallint);
static_assert(sql_kind_v<std::int16_t> == sql_kind::smallint);
static_assert(sql_kind_v<std::int32_t> == sql_kind::integer);
static_assert(sql_kind_v<std::int64_t> == sql_kind::bigint);
static_assert(sql_kind_v<long long> == sql_kind::bigint);
static_assert(sql_kind_v<std::uint8_t> == sql_kind::smallint);
static_assert(sql_kind_v<std::uint16_t> == sql_kind::integer);
static_assert(sql_kind_v<std::uint32_t> == sql_kind::bigint);
static_assert(sql_kind_v<std::uint64_t> == sql_kind::bigint);
static_assert(sql_kind_v<float> == sql_kind::real);
static_assert(sql_kind_v<double> == sql_kind::double_);
static_assert(sql_kind_v<std::string> == sql_kind::text);
static_assert(sql_kind_v<std::vector<std::byte>> == sql_kind::blob);
static_assert(sql_kind_v<retort::timestamp> == sql_kind::timestamp);
static_assert(sql_kind_v<std::chrono::sys_seconds> == sql_kind::timestamp);
static_assert(sql_kind_v<std::chrono::sys_time<std::chrono::nanoseconds>> == sql_kind::timestamp);
static_assert(sql_kind_v<std::chrono::sys_days> == sql_kind::date);
static_assert(sql_kind_v<std::chrono::year_month_day> == sql_kind::date);
static_assert(sql_kind_v<small_enum> == sql_kind::smallint);
static_assert(sql_kind_v<wide_enum> == sql_kind::bigint);
static_assert(sql_kind_v<flag_enum> == sql_kind::boolean);
static_assert(sql_kind_v<text_enum> == sql_kind::text);
static_assert(sql_kind_v<std::optional<std::int64_t>> == sql_kind::bigint);
static_assert(sql_kind_v<const std::optional<std::string>&> == sql_kind::text);

// Bind-only types: query values, never columns.
static_assert(sql_kind_v<const char*> == sql_kind::text);
static_assert(sql_kind_v<std::string_view> == sql_kind::text);
static_assert(sql_kind_v<char[6]> == sql_kind::text);
static_assert(retort::bindable<const char (&)[6]>);
static_assert(retort::bindable<const char*>);
static_assert(retort::bindable<char*>);
static_assert(retort::bindable<std::string_view>);
static_assert(retort::bindable<std::span<const std::byte>>);
static_assert(retort::bindable<std::optional<std::string_view>>);
static_assert(!retort::decodable<const char*>);
static_assert(!retort::decodable<std::string_view>);
static_assert(!retort::decodable<std::optional<std::string_view>>);
static_assert(!retort::mappable<std::string_view>);

// Columns.
static_assert(retort::mappable<bool>);
static_assert(retort::mappable<std::uint64_t>);
static_assert(retort::mappable<std::string>);
static_assert(retort::mappable<const std::string&>);
static_assert(retort::mappable<std::vector<std::byte>>);
static_assert(retort::mappable<retort::timestamp>);
static_assert(retort::mappable<std::chrono::year_month_day>);
static_assert(retort::mappable<text_enum>);
static_assert(retort::mappable<std::optional<double>>);
static_assert(retort::decodable<const int>);

// Not mapped: no guess at what they mean.
static_assert(!retort::bindable<unmapped>);
static_assert(!retort::decodable<unmapped>);
static_assert(!retort::mappable<std::optional<unmapped>>);
static_assert(!retort::bindable<std::optional<unmapped>>);
static_assert(!retort::mappable<std::optional<std::optional<int>>>);
static_assert(!retort::mappable<char>);
static_assert(!retort::mappable<char32_t>);
static_assert(!retort::mappable<long double>);
static_assert(!retort::mappable<std::vector<unsigned char>>);
static_assert(!retort::mappable<int*>);

// Nullability and the value type.
static_assert(retort::nullable_v<std::optional<int>>);
static_assert(retort::nullable_v<const std::optional<int>&>);
static_assert(!retort::nullable_v<int>);
static_assert(std::is_same_v<retort::value_t<std::optional<std::string>>, std::string>);
static_assert(std::is_same_v<retort::value_t<std::string>, std::string>);
static_assert(std::is_same_v<retort::value_t<const std::optional<int>&>, int>);

// The checks the schema and sql layers call at their entry points.
static_assert(retort::detail::require_mappable<std::optional<std::int32_t>>());
static_assert(retort::detail::require_bindable<const char (&)[3]>());
static_assert(retort::detail::require_decodable<retort::timestamp>());

TEST(TypesConcepts, BindOnlyTextViewsItsArgument) {
    std::string scratch;
    const char literal[] = "abc";
    auto v = retort::type_traits<char[4]>::to_value(literal, scratch);
    EXPECT_EQ(v.type, retort::value_type::text);
    EXPECT_EQ(v.bytes, "abc");
    EXPECT_EQ(v.bytes.data(), literal);

    const char buffer[8] = {'a', 'b', '\0', 'x'};
    EXPECT_EQ(retort::type_traits<char[8]>::to_value(buffer, scratch).bytes, "ab");

    const char* p = "hello";
    EXPECT_EQ(retort::type_traits<const char*>::to_value(p, scratch).bytes, "hello");
    std::string_view sv = "view";
    EXPECT_EQ(retort::type_traits<std::string_view>::to_value(sv, scratch).bytes.data(), sv.data());
    EXPECT_TRUE(scratch.empty());
}

TEST(TypesConcepts, NullCharPointerIsRefusedOnBind) {
    std::string scratch;
    const char* p = nullptr;
    try {
        (void)retort::type_traits<const char*>::to_value(p, scratch);
        FAIL() << "no data_error";
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "encode");
        EXPECT_STREQ(e.what(),
                     "a null const char* cannot be bound; bind std::optional<std::string_view> "
                     "for NULL");
    }
}

}  // namespace
