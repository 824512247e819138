// ISO text of timestamps and dates, the form SQLite stores: constexpr, both directions.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "codec_testing.hpp"
#include "retort/types/iso_time.hpp"

namespace {

template <std::size_t N>
constexpr std::string_view sv(const std::array<char, N>& a) {
    return {a.data(), a.size()};
}

// Formatting is constexpr, with six fraction digits always.
constexpr auto epoch = retort::format_timestamp(0);
static_assert(sv(epoch) == "1970-01-01 00:00:00.000000");
constexpr auto before_epoch = retort::format_timestamp(-1);
static_assert(sv(before_epoch) == "1969-12-31 23:59:59.999999");
constexpr auto after_2038 = retort::format_timestamp(4'102'444'800'000'001);
static_assert(sv(after_2038) == "2100-01-01 00:00:00.000001");
constexpr auto year_one = retort::format_timestamp(-62'135'596'800'000'000);
static_assert(sv(year_one) == "0001-01-01 00:00:00.000000");
constexpr auto last_day = retort::format_date(2'932'896);
static_assert(sv(last_day) == "9999-12-31");
constexpr auto day_before = retort::format_date(-1);
static_assert(sv(day_before) == "1969-12-31");
constexpr auto leap = retort::format_date(11'016);
static_assert(sv(leap) == "2000-02-29");

// Parsing is constexpr and accepts what SQLite and PostgreSQL write.
static_assert(retort::parse_timestamp("1970-01-01 00:00:00") == 0);
static_assert(retort::parse_timestamp("1970-01-01 00:00:00.000000") == 0);
static_assert(retort::parse_timestamp("1969-12-31 23:59:59.999999") == -1);
static_assert(retort::parse_timestamp("1970-01-01T00:00:01.5Z") == 1'500'000);
static_assert(retort::parse_timestamp("1970-01-01 01:00:00+01") == 0);
static_assert(retort::parse_timestamp("1970-01-01 01:30:00+0130") == 0);
static_assert(retort::parse_timestamp("1969-12-31 22:00:00-02:00") == 0);
static_assert(retort::parse_timestamp("1970-01-01 00:00") == 0);
static_assert(retort::parse_date("1970-01-01") == 0);
static_assert(retort::parse_date("0000-03-01") == -719'468);
static_assert(retort::parse_date("2000-02-29") == 11'016);
// year_month_day's limits, used by its decoder.
static_assert(retort::detail::iso::days_from_civil(-32767, 1, 1) == -12'687'428);
static_assert(retort::detail::iso::days_from_civil(32767, 12, 31) == 11'248'737);

// Refused: nothing is guessed.
static_assert(!retort::parse_timestamp(""));
static_assert(!retort::parse_timestamp("1970-01-01"));
static_assert(!retort::parse_timestamp("1970-01-01 24:00:00"));
static_assert(!retort::parse_timestamp("1970-01-01 00:60:00"));
static_assert(!retort::parse_timestamp("1970-01-01 00:00:60"));
static_assert(!retort::parse_timestamp("1970-01-01 00:00:00."));
static_assert(!retort::parse_timestamp("1970-01-01 00:00:00 "));
static_assert(!retort::parse_timestamp("1970-01-01 00:00:00+1"));
static_assert(!retort::parse_timestamp("1970-1-01 00:00:00"));
static_assert(!retort::parse_timestamp("1970-01-01x00:00:00"));
static_assert(!retort::parse_date("2023-02-29"));
static_assert(!retort::parse_date("2023-13-01"));
static_assert(!retort::parse_date("2023-00-01"));
static_assert(!retort::parse_date("2023-04-31"));
static_assert(!retort::parse_date("2023-04-3"));
static_assert(!retort::parse_date("2023-04-30 "));
static_assert(!retort::parse_date("+2023-04-30"));

TEST(TypesIsoTime, TextOrderIsTimeOrder) {
    const std::int64_t instants[] = {-62'135'596'800'000'000, -1'000'001, -1, 0, 1, 999'999,
                                     1'000'000, 4'102'444'800'000'001};
    for (std::size_t i = 1; i != std::size(instants); ++i) {
        const auto a = retort::format_timestamp(instants[i - 1]);
        const auto b = retort::format_timestamp(instants[i]);
        EXPECT_LT(sv(a), sv(b));
        EXPECT_EQ(retort::parse_timestamp(sv(b)), instants[i]);
    }
}

TEST(TypesIsoTime, EveryDayOfFourCenturiesRoundTrips) {
    // 1800-01-01 .. 2199-12-31, every calendar rule (400, 100, 4) included.
    for (std::int64_t d = -62'091; d <= 84'005; ++d) {
        const auto text = retort::format_date(d);
        ASSERT_EQ(retort::parse_date(sv(text)), d) << sv(text);
    }
}

TEST(TypesIsoTime, YearsOutsideFourDigitsAreRefused) {
    try {
        (void)retort::format_timestamp(-62'135'596'800'000'001 - 366LL * 86'400'000'000);
        FAIL() << "no data_error";
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "encode");
        EXPECT_STREQ(e.what(), "a timestamp in year -1 cannot be written as ISO text, which holds "
                               "years 0000 to 9999");
    }
    EXPECT_THROW((void)retort::format_date(2'932'897), retort::data_error);
}

}  // namespace
