// bool, integers and floating point: round trips at the extremes, and every refusal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "codec_testing.hpp"

namespace {

using retort::value_type;
using retort::value_view;
using retort_types_test::decode_error;
using retort_types_test::encode_error;
using retort_types_test::round_trip;

template <class I>
void expect_extremes_round_trip() {
    for (I v : {std::numeric_limits<I>::min(), I{0}, I{1}, std::numeric_limits<I>::max()}) {
        EXPECT_EQ(round_trip(v), v);
    }
}

TEST(TypesNumeric, IntegersRoundTripAtTheirExtremes) {
    expect_extremes_round_trip<std::int8_t>();
    expect_extremes_round_trip<std::int16_t>();
    expect_extremes_round_trip<std::int32_t>();
    expect_extremes_round_trip<std::int64_t>();
    expect_extremes_round_trip<std::uint8_t>();
    expect_extremes_round_trip<std::uint16_t>();
    expect_extremes_round_trip<std::uint32_t>();
    expect_extremes_round_trip<long long>();
    EXPECT_EQ(round_trip(std::uint64_t{9223372036854775807ULL}), 9223372036854775807ULL);
}

TEST(TypesNumeric, IntegersBindAsInt64) {
    std::string scratch;
    const auto v = retort_types_test::bind(std::int64_t{-9223372036854775807LL - 1}, scratch);
    EXPECT_EQ(v.type, value_type::integer);
    EXPECT_EQ(v.i, std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(retort_types_test::bind(std::uint32_t{4294967295U}, scratch).i, 4294967295LL);
}

TEST(TypesNumeric, Uint64AboveInt64MaxIsRefusedOnBind) {
    EXPECT_EQ(encode_error(std::uint64_t{9223372036854775808ULL}),
              "std::uint64_t value 9223372036854775808 is above the largest BIGINT, "
              "9223372036854775807");
    EXPECT_EQ(encode_error(std::numeric_limits<std::uint64_t>::max()),
              "std::uint64_t value 18446744073709551615 is above the largest BIGINT, "
              "9223372036854775807");
}

TEST(TypesNumeric, IntegersReadBooleansAndWholeReals) {
    using T = retort::type_traits<std::int32_t>;
    EXPECT_EQ(T::from_value(value_view::boolean(true)), 1);
    EXPECT_EQ(T::from_value(value_view::boolean(false)), 0);
    EXPECT_EQ(T::from_value(value_view::real(-3.0)), -3);
    EXPECT_EQ(retort::type_traits<std::uint64_t>::from_value(value_view::real(1e19)),
              10000000000000000000ULL);
    EXPECT_EQ(T::from_value(value_view::real(-0.0)), 0);
    EXPECT_EQ(retort::type_traits<std::int64_t>::from_value(value_view::real(-9223372036854775808.0)),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(retort::type_traits<std::int64_t>::from_value(value_view::real(4503599627370497.0)),
              4503599627370497LL);
    EXPECT_EQ(decode_error<std::int64_t>(value_view::real(9223372036854775808.0)),
              "real 9223372036854775808 does not fit in std::int64_t (range "
              "-9223372036854775808..9223372036854775807)");
    EXPECT_EQ(decode_error<std::int8_t>(value_view::real(300.5)),
              "real 300.5 is not a whole number, so it cannot be read into std::int8_t");
    EXPECT_EQ(decode_error<std::int32_t>(value_view::real(-INFINITY)),
              "real -inf is not a whole number, so it cannot be read into std::int32_t");
}

TEST(TypesNumeric, IntegerDecodeErrors) {
    EXPECT_EQ(decode_error<std::int8_t>(value_view::integer(300)),
              "integer 300 does not fit in std::int8_t (range -128..127)");
    EXPECT_EQ(decode_error<std::uint32_t>(value_view::integer(-1)),
              "integer -1 does not fit in std::uint32_t (range 0..4294967295)");
    EXPECT_EQ(decode_error<std::int16_t>(value_view::integer(40000)),
              "integer 40000 does not fit in std::int16_t (range -32768..32767)");
    EXPECT_EQ(decode_error<std::uint64_t>(value_view::integer(-5)),
              "integer -5 does not fit in std::uint64_t (range 0..18446744073709551615)");
    EXPECT_EQ(decode_error<std::int32_t>(value_view::text("12abc")),
              "cannot read text '12abc' into std::int32_t: expected an integer");
    EXPECT_EQ(decode_error<std::int32_t>(value_view::real(2.5)),
              "real 2.5 is not a whole number, so it cannot be read into std::int32_t");
    EXPECT_EQ(decode_error<std::int64_t>(value_view::real(NAN)),
              "real nan is not a whole number, so it cannot be read into std::int64_t");
    EXPECT_EQ(decode_error<std::int64_t>(value_view::real(1e19)),
              "real 1e+19 does not fit in std::int64_t (range "
              "-9223372036854775808..9223372036854775807)");
    EXPECT_EQ(decode_error<std::int64_t>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<std::int64_t>");
    EXPECT_EQ(decode_error<std::int64_t>(value_view::blob("\x01")),
              "cannot read a blob into std::int64_t: expected an integer");
    EXPECT_EQ(decode_error<std::int64_t>(value_view::timestamp(0)),
              "cannot read a timestamp into std::int64_t: expected an integer");
}

TEST(TypesNumeric, BoolRoundTripsAndReadsZeroOrOne) {
    EXPECT_TRUE(round_trip(true));
    EXPECT_FALSE(round_trip(false));
    std::string scratch;
    EXPECT_EQ(retort_types_test::bind(true, scratch).type, value_type::boolean);
    EXPECT_TRUE(retort::type_traits<bool>::from_value(value_view::integer(1)));
    EXPECT_FALSE(retort::type_traits<bool>::from_value(value_view::integer(0)));
    EXPECT_EQ(decode_error<bool>(value_view::integer(2)),
              "integer 2 cannot be read into bool: expected 0 or 1");
    EXPECT_EQ(decode_error<bool>(value_view::text("true")),
              "cannot read text 'true' into bool: expected a boolean");
    EXPECT_EQ(decode_error<bool>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<bool>");
}

TEST(TypesNumeric, FloatingPointRoundTripsIncludingNanAndInfinities) {
    EXPECT_EQ(round_trip(0.1), 0.1);
    EXPECT_EQ(round_trip(-0.0), 0.0);
    EXPECT_TRUE(std::signbit(round_trip(-0.0)));
    EXPECT_EQ(round_trip(std::numeric_limits<double>::max()), std::numeric_limits<double>::max());
    EXPECT_EQ(round_trip(std::numeric_limits<double>::denorm_min()),
              std::numeric_limits<double>::denorm_min());
    EXPECT_TRUE(std::isnan(round_trip(std::numeric_limits<double>::quiet_NaN())));
    EXPECT_EQ(round_trip(std::numeric_limits<double>::infinity()),
              std::numeric_limits<double>::infinity());
    EXPECT_EQ(round_trip(-std::numeric_limits<float>::infinity()),
              -std::numeric_limits<float>::infinity());
    EXPECT_TRUE(std::isnan(round_trip(std::numeric_limits<float>::quiet_NaN())));
    EXPECT_EQ(round_trip(1.5f), 1.5f);
    EXPECT_EQ(round_trip(std::numeric_limits<float>::max()), std::numeric_limits<float>::max());
    EXPECT_EQ(retort::type_traits<double>::from_value(value_view::integer(7)), 7.0);
    EXPECT_EQ(retort::type_traits<float>::from_value(value_view::integer(-7)), -7.0f);
}

TEST(TypesNumeric, FloatingPointDecodeErrors) {
    EXPECT_EQ(decode_error<float>(value_view::real(1e300)), "real 1e+300 does not fit in float");
    EXPECT_EQ(decode_error<double>(value_view::text("1.5")),
              "cannot read text '1.5' into double: expected a number");
    EXPECT_EQ(decode_error<float>(value_view::boolean(true)),
              "cannot read a boolean true into float: expected a number");
    EXPECT_EQ(decode_error<double>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<double>");
}

TEST(TypesNumeric, OptionalMapsNullToNullopt) {
    EXPECT_EQ(round_trip(std::optional<std::int32_t>{}), std::nullopt);
    EXPECT_EQ(round_trip(std::optional<std::int32_t>{-42}), -42);
    std::string scratch;
    EXPECT_TRUE(retort_types_test::bind(std::optional<double>{}, scratch).is_null());
    EXPECT_EQ(retort::type_traits<std::optional<std::int8_t>>::from_value(value_view::null()),
              std::nullopt);
    // The inner type's checks still apply to a present value.
    EXPECT_EQ(decode_error<std::optional<std::int8_t>>(value_view::integer(128)),
              "integer 128 does not fit in std::int8_t (range -128..127)");
}

}  // namespace
