// Enums as their underlying integer and as text, and the reflection of enumerator names.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "codec_testing.hpp"
#include "retort/reflect/enum_names.hpp"

namespace shop {
enum class color : std::uint8_t { red, green = 3, blue };
enum class status : std::int16_t { draft = -1, live = 0, gone = 127 };
enum legacy : int { legacy_a = -128, legacy_b = 2 };
enum class flag : bool { off, on };
enum class grade : char { a = 'a', f = 'f' };
enum class glyph : char16_t { omega = 0x3a9 };
struct outer {
    enum class inner : long { x = -7, y };
};
enum big : long { small = 1, huge = 1L << 40 };
enum class http_status : std::int16_t { ok = 200, not_found = 404, teapot = 418 };
enum class aliased : int { first = 1, second = 1, third = 2 };
}  // namespace shop

namespace {
enum class local_enum { p, q };
}

template <>
inline constexpr bool retort::enum_as_text<shop::color> = true;
template <>
inline constexpr bool retort::enum_as_text<shop::outer::inner> = true;
template <>
inline constexpr bool retort::enum_as_text<shop::big> = true;
template <>
inline constexpr bool retort::enum_as_text<local_enum> = true;
template <>
inline constexpr bool retort::enum_as_text<shop::http_status> = true;

// Outside [-128, 127]: explicit names, or a wider range for reflection.
template <>
inline constexpr auto retort::enum_names<shop::big> =
    retort::make_enum_names<shop::big>({{shop::big::small, "small"}, {shop::big::huge, "huge"}});
template <>
inline constexpr retort::enum_range retort::enum_reflect_range<shop::http_status> = {100, 599};

namespace {

using retort::value_type;
using retort::value_view;
using retort_types_test::decode_error;
using retort_types_test::encode_error;
using retort_types_test::round_trip;

constexpr const auto& color_names = retort::reflect::enum_entries_v<shop::color>;
static_assert(color_names.size() == 3);
static_assert(color_names[0].name == "red" && color_names[0].value == shop::color::red);
static_assert(color_names[1].name == "green" && color_names[1].value == shop::color::green);
static_assert(color_names[2].name == "blue" && color_names[2].value == shop::color::blue);

constexpr const auto& status_names = retort::reflect::enum_entries_v<shop::status>;
static_assert(status_names.size() == 3 && status_names[0].name == "draft" &&
              status_names[2].name == "gone");
constexpr const auto& legacy_names = retort::reflect::enum_entries_v<shop::legacy>;
static_assert(legacy_names.size() == 2 && legacy_names[0].name == "legacy_a");
static_assert(retort::reflect::enum_entries_v<shop::flag>.size() == 2);
static_assert(retort::reflect::enum_entries_v<shop::grade>.size() == 2);
static_assert(retort::reflect::enum_entries_v<shop::grade>[1].name == "f");
static_assert(retort::reflect::enum_entries_v<shop::outer::inner>[0].name == "x");
static_assert(retort::reflect::enum_entries_v<local_enum>[1].name == "q");
static_assert(retort::reflect::enum_entries_v<shop::http_status>.size() == 3);
// Values outside the range are not seen; aliases appear once.
static_assert(retort::reflect::enum_entries_v<shop::big>.size() == 1);
static_assert(retort::reflect::enum_entries_v<shop::aliased>.size() == 2);
static_assert(retort::reflect::enum_entries_v<shop::aliased>[0].name == "first");

static_assert(retort::enum_to_name(shop::color::blue) == "blue");
static_assert(retort::enum_to_name(static_cast<shop::color>(9)).empty());
static_assert(retort::enum_from_name<shop::color>("green") == shop::color::green);
static_assert(!retort::enum_from_name<shop::color>("Green"));
static_assert(retort::enum_to_name(shop::big::huge) == "huge");
static_assert(retort::enum_to_name(shop::http_status::teapot) == "teapot");

static_assert(retort::sql_kind_v<shop::status> == retort::sql_kind::smallint);
static_assert(retort::sql_kind_v<shop::legacy> == retort::sql_kind::integer);
static_assert(retort::sql_kind_v<shop::grade> == retort::sql_kind::smallint);
static_assert(retort::sql_kind_v<shop::glyph> == retort::sql_kind::integer);
static_assert(retort::sql_kind_v<shop::color> == retort::sql_kind::text);

TEST(TypesEnum, IntegerEnumsRoundTripEveryValue) {
    for (auto s : {shop::status::draft, shop::status::live, shop::status::gone,
                   static_cast<shop::status>(1000)}) {
        EXPECT_EQ(round_trip(s), s);
    }
    EXPECT_EQ(round_trip(shop::legacy_a), shop::legacy_a);
    EXPECT_EQ(round_trip(shop::flag::on), shop::flag::on);
    EXPECT_EQ(round_trip(shop::grade::f), shop::grade::f);
    EXPECT_EQ(round_trip(shop::glyph::omega), shop::glyph::omega);
    std::string scratch;
    const auto v = retort_types_test::bind(shop::status::draft, scratch);
    EXPECT_EQ(v.type, value_type::integer);
    EXPECT_EQ(v.i, -1);
    EXPECT_EQ(retort_types_test::bind(shop::flag::on, scratch).type, value_type::boolean);
}

TEST(TypesEnum, IntegerEnumDecodeErrors) {
    EXPECT_EQ(decode_error<shop::status>(value_view::integer(40000)),
              "integer 40000 does not fit in status (range -32768..32767)");
    EXPECT_EQ(decode_error<shop::status>(value_view::text("draft")),
              "cannot read text 'draft' into status: expected an integer");
    EXPECT_EQ(decode_error<shop::status>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<status>");
}

TEST(TypesEnum, TextEnumsStoreNames) {
    std::string scratch;
    const auto v = retort_types_test::bind(shop::color::green, scratch);
    EXPECT_EQ(v.type, value_type::text);
    EXPECT_EQ(v.bytes, "green");
    EXPECT_TRUE(scratch.empty());
    for (auto c : {shop::color::red, shop::color::green, shop::color::blue})
        EXPECT_EQ(round_trip(c), c);
    EXPECT_EQ(round_trip(shop::outer::inner::y), shop::outer::inner::y);
    EXPECT_EQ(round_trip(shop::huge), shop::huge);
    EXPECT_EQ(round_trip(local_enum::q), local_enum::q);
    EXPECT_EQ(round_trip(shop::http_status::not_found), shop::http_status::not_found);
    EXPECT_EQ(round_trip(std::optional<shop::color>{}), std::nullopt);
    EXPECT_EQ(round_trip(std::optional<shop::color>{shop::color::blue}), shop::color::blue);
}

TEST(TypesEnum, TextEnumErrors) {
    EXPECT_EQ(decode_error<shop::color>(value_view::text("purple")),
              "text 'purple' is not an enumerator of color");
    EXPECT_EQ(decode_error<shop::color>(value_view::text("Red")),
              "text 'Red' is not an enumerator of color");
    EXPECT_EQ(decode_error<shop::color>(value_view::integer(0)),
              "cannot read an integer 0 into color: expected the text of an enumerator");
    EXPECT_EQ(decode_error<shop::color>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<color>");
    EXPECT_EQ(encode_error(static_cast<shop::color>(9)),
              "value 9 of enum color is not one of its enumerators, so it has no name to store");
}

}  // namespace
