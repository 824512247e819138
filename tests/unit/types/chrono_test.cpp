// Timestamps and dates: microsecond round trips far from 1970, SQLite's ISO text, refusals.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "codec_testing.hpp"

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using retort::value_type;
using retort::value_view;
using retort_types_test::decode_error;
using retort_types_test::encode_error;
using retort_types_test::round_trip;

constexpr retort::timestamp at(year_month_day d, microseconds time_of_day) {
    return sys_days(d) + time_of_day;
}

TEST(TypesChrono, TimestampsRoundTripWithMicroseconds) {
    const retort::timestamp moon = at(1969y / July / 20, 20h + 17min + 40s + 123456us);
    const retort::timestamp far = at(2100y / January / 1, 1us);
    const retort::timestamp ancient = at(year(1) / 1 / 1, 0us);
    const retort::timestamp last = at(9999y / December / 31, 24h - 1us);
    for (auto t : {moon, far, ancient, last, retort::timestamp{}, retort::timestamp{-1us}}) {
        EXPECT_EQ(round_trip(t), t);
        // Through SQLite's text too.
        const auto text = retort::format_timestamp(t.time_since_epoch().count());
        const auto back = retort::type_traits<retort::timestamp>::from_value(
            value_view::text(std::string_view(text.data(), text.size())));
        EXPECT_EQ(back, t);
    }
    std::string scratch;
    const auto v = retort_types_test::bind(moon, scratch);
    EXPECT_EQ(v.type, value_type::timestamp);
    EXPECT_EQ(v.i, moon.time_since_epoch().count());
}

TEST(TypesChrono, FinerDurationsAreTruncatedTowardThePast) {
    using ns_time = sys_time<nanoseconds>;
    std::string scratch;
    EXPECT_EQ(retort_types_test::bind(ns_time{1999ns}, scratch).i, 1);
    EXPECT_EQ(retort_types_test::bind(ns_time{-1ns}, scratch).i, -1);
    EXPECT_EQ(retort_types_test::bind(ns_time{-1000ns}, scratch).i, -1);
    EXPECT_EQ(retort_types_test::bind(ns_time{-1001ns}, scratch).i, -2);
    EXPECT_EQ(round_trip(ns_time{1234567ns}), ns_time{1234000ns});
}

TEST(TypesChrono, CoarserDurationsAreFlooredWhenRead) {
    using T = retort::type_traits<sys_seconds>;
    EXPECT_EQ(T::from_value(value_view::timestamp(1'999'999)), sys_seconds{1s});
    EXPECT_EQ(T::from_value(value_view::timestamp(-1)), sys_seconds{-1s});
    const sys_seconds t = sys_days(2500y / March / 1) + 1s;
    EXPECT_EQ(round_trip(t), t);
    using double_seconds = sys_time<duration<double>>;
    EXPECT_EQ(round_trip(double_seconds{duration<double>{1.5}}), double_seconds{duration<double>{1.5}});
}

TEST(TypesChrono, TimestampsReadSqliteText) {
    using T = retort::type_traits<retort::timestamp>;
    const retort::timestamp expected = at(2024y / February / 29, 12h + 34min + 56s);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34:56")), expected);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29T12:34:56")), expected);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29T12:34:56Z")), expected);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34:56+00:00")), expected);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 14:34:56+02:00")), expected);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34:56.5")), expected + 500ms);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34:56.000001")), expected + 1us);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34:56.1234569")),
              expected + 123456us);
    EXPECT_EQ(T::from_value(value_view::text("2024-02-29 12:34")), expected - 56s);
}

TEST(TypesChrono, TimestampDecodeErrors) {
    EXPECT_EQ(decode_error<retort::timestamp>(value_view::integer(1700000000)),
              "cannot read an integer 1700000000 into a timestamp: retort does not guess whether "
              "an integer counts seconds or milliseconds; store timestamps in a TIMESTAMP column");
    EXPECT_EQ(decode_error<retort::timestamp>(value_view::text("2024-02-30 00:00:00")),
              "text '2024-02-30 00:00:00' is not a timestamp: expected YYYY-MM-DD "
              "HH:MM:SS[.ffffff] with an optional 'T' separator and zone (Z, +HH:MM)");
    EXPECT_EQ(decode_error<retort::timestamp>(value_view::text("2024-02-29")),
              "text '2024-02-29' is not a timestamp: expected YYYY-MM-DD HH:MM:SS[.ffffff] with "
              "an optional 'T' separator and zone (Z, +HH:MM)");
    EXPECT_EQ(decode_error<retort::timestamp>(value_view::date(0)),
              "cannot read a date into a timestamp: expected a timestamp");
    EXPECT_EQ(decode_error<retort::timestamp>(value_view::null()),
              "NULL read into a non-optional field; make the member "
              "std::optional<retort::timestamp>");
    // Year 2300 in nanoseconds overflows int64.
    const std::int64_t year_2300 =
        duration_cast<microseconds>(sys_days(2300y / 1 / 1).time_since_epoch()).count();
    EXPECT_EQ(decode_error<sys_time<nanoseconds>>(value_view::timestamp(year_2300)),
              "timestamp " + std::to_string(year_2300) +
                  " microseconds since 1970 does not fit in the time point's duration");
}

TEST(TypesChrono, TimestampsTooFarToCountInMicrosecondsAreRefusedOnBind) {
    EXPECT_EQ(encode_error(sys_seconds{seconds{std::numeric_limits<std::int64_t>::max() / 2}}),
              "a time point too far from 1970 to count in int64 microseconds cannot be bound");
}

TEST(TypesChrono, DatesRoundTrip) {
    for (sys_days d : {sys_days{}, sys_days{days{-1}}, sys_days(year(1) / 1 / 1),
                       sys_days(9999y / 12 / 31), sys_days(2038y / 1 / 20)}) {
        EXPECT_EQ(round_trip(d), d);
        const auto text = retort::format_date(d.time_since_epoch().count());
        EXPECT_EQ(retort::type_traits<sys_days>::from_value(
                      value_view::text(std::string_view(text.data(), text.size()))),
                  d);
    }
    std::string scratch;
    const auto v = retort_types_test::bind(sys_days{days{-1}}, scratch);
    EXPECT_EQ(v.type, value_type::date);
    EXPECT_EQ(v.i, -1);

    const year_month_day leap = 2024y / February / 29;
    EXPECT_EQ(round_trip(leap), leap);
    EXPECT_EQ(round_trip(year_month_day{1900y / March / 1}), 1900y / March / 1);
    EXPECT_EQ(retort::type_traits<year_month_day>::from_value(value_view::text("1969-12-31")),
              1969y / December / 31);
}

TEST(TypesChrono, DateErrors) {
    EXPECT_EQ(encode_error(year_month_day{2023y / February / 29}),
              "year_month_day 2023-2-29 is not a valid date");
    EXPECT_EQ(decode_error<sys_days>(value_view::text("2023-02-29")),
              "text '2023-02-29' is not a date: expected YYYY-MM-DD");
    EXPECT_EQ(decode_error<sys_days>(value_view::timestamp(0)),
              "cannot read a timestamp into std::chrono::sys_days: expected a date");
    EXPECT_EQ(decode_error<year_month_day>(value_view::null()),
              "NULL read into a non-optional field; make the member "
              "std::optional<std::chrono::year_month_day>");
    EXPECT_EQ(decode_error<year_month_day>(value_view::date(20'000'000)),
              "date 20000000 days from 1970 is outside year_month_day's years");
}

TEST(TypesChrono, OptionalTimestamps) {
    EXPECT_EQ(round_trip(std::optional<retort::timestamp>{}), std::nullopt);
    const std::optional<retort::timestamp> t = retort::timestamp{123us};
    EXPECT_EQ(round_trip(t), t);
}

}  // namespace
