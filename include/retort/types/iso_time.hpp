// Timestamps and dates as ISO 8601 text, the way SQLite stores them, in both directions.
//
// Instants are counted as in value_view: microseconds, or days, since 1970-01-01 UTC. Calendar
// arithmetic is civil-from-days on 64-bit integers (proleptic Gregorian), never time_t, so
// years before 1970 and after 2038 work the same as any other.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retort/types/detail/codec_errors.hpp"

namespace retort {

/** Length of "YYYY-MM-DD HH:MM:SS.ffffff", the text `format_timestamp` writes. */
inline constexpr std::size_t timestamp_text_length = 26;
/** Length of "YYYY-MM-DD", the text `format_date` writes. */
inline constexpr std::size_t date_text_length = 10;

inline constexpr std::int64_t micros_per_second = 1'000'000;
inline constexpr std::int64_t micros_per_day = 86'400 * micros_per_second;

namespace detail::iso {

struct civil {
    std::int64_t year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = floor_div(y, 400);
    const auto yoe = static_cast<std::int64_t>(y - era * 400);                       // [0, 399]
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;        // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                  // [0, 146096]
    return era * 146097 + doe - 719468;
}

/** The date `days` after 1970-01-01 (H. Hinnant's civil_from_days). */
constexpr civil civil_from_days(std::int64_t z) noexcept {
    z += 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
    const auto d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return m == 2 && leap ? 29 : lengths[m - 1];
}

constexpr void put(char* out, std::int64_t v, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
}

/** Reads exactly `width` digits at `pos`, advancing it; nullopt if any is not a digit. */
constexpr std::optional<std::int64_t> digits(std::string_view s, std::size_t& pos,
                                             std::size_t width) noexcept {
    if (pos > s.size() || s.size() - pos < width) return std::nullopt;
    std::int64_t v = 0;
    for (std::size_t i = 0; i != width; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    pos += width;
    return v;
}

constexpr bool eat(std::string_view s, std::size_t& pos, char c) noexcept {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

/** "YYYY-MM-DD" at `pos`, as days since 1970-01-01; nullopt unless a real calendar date. */
constexpr std::optional<std::int64_t> parse_ymd(std::string_view s, std::size_t& pos) noexcept {
    const auto y = digits(s, pos, 4);
    if (!y || !eat(s, pos, '-')) return std::nullopt;
    const auto m = digits(s, pos, 2);
    if (!m || *m < 1 || *m > 12 || !eat(s, pos, '-')) return std::nullopt;
    const auto d = digits(s, pos, 2);
    if (!d || *d < 1 || *d > days_in_month(*y, static_cast<unsigned>(*m))) return std::nullopt;
    return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

[[noreturn]] inline void throw_year_range(std::int64_t year, std::string_view what) {
    codec::throw_encode(std::string(what) + " in year " + std::to_string(year) +
                        " cannot be written as ISO text, which holds years 0000 to 9999");
}

}  // namespace detail::iso

/**
 * `micros` since 1970-01-01 UTC as "YYYY-MM-DD HH:MM:SS.ffffff", always with six fraction
 * digits, so that ordering the text orders the instants. Throws `data_error` (code "encode")
 * outside years 0000-9999.
 *
 *     auto t = retort::format_timestamp(-1);   // "1969-12-31 23:59:59.999999"
 *     std::string_view{t.data(), t.size()};
 */
constexpr std::array<char, timestamp_text_length> format_timestamp(std::int64_t micros) {
    using namespace detail::iso;
    const std::int64_t days = floor_div(micros, micros_per_day);
    std::int64_t rest = micros - days * micros_per_day;  // [0, micros_per_day)
    const civil c = civil_from_days(days);
    if (c.year < 0 || c.year > 9999) throw_year_range(c.year, "a timestamp");
    std::array<char, timestamp_text_length> out{};
    put(out.data(), c.year, 4);
    out[4] = '-';
    put(out.data() + 5, c.month, 2);
    out[7] = '-';
    put(out.data() + 8, c.day, 2);
    out[10] = ' ';
    put(out.data() + 11, rest / (3600 * micros_per_second), 2);
    rest %= 3600 * micros_per_second;
    out[13] = ':';
    put(out.data() + 14, rest / (60 * micros_per_second), 2);
    rest %= 60 * micros_per_second;
    out[16] = ':';
    put(out.data() + 17, rest / micros_per_second, 2);
    out[19] = '.';
    put(out.data() + 20, rest % micros_per_second, 6);
    return out;
}

/**
 * `days` since 1970-01-01 as "YYYY-MM-DD". Throws `data_error` (code "encode") outside years
 * 0000-9999.
 *
 *     retort::format_date(-1)   // "1969-12-31"
 */
constexpr std::array<char, date_text_length> format_date(std::int64_t days) {
    using namespace detail::iso;
    const civil c = civil_from_days(days);
    if (c.year < 0 || c.year > 9999) throw_year_range(c.year, "a date");
    std::array<char, date_text_length> out{};
    put(out.data(), c.year, 4);
    out[4] = '-';
    put(out.data() + 5, c.month, 2);
    out[7] = '-';
    put(out.data() + 8, c.day, 2);
    return out;
}

/**
 * Microseconds since 1970-01-01 UTC of ISO text as SQLite and PostgreSQL write it, or nullopt:
 * "YYYY-MM-DD HH:MM[:SS[.f...]]" with ' ' or 'T' between date and time, fraction digits past
 * the sixth dropped (toward the past), and an optional zone, "Z" or "+HH", "+HH:MM", "+HHMM"
 * (or with '-'), which is applied to give UTC.
 *
 *     retort::parse_timestamp("1970-01-01T00:00:01.5Z") == 1'500'000
 */
constexpr std::optional<std::int64_t> parse_timestamp(std::string_view s) noexcept {
    using namespace detail::iso;
    std::size_t pos = 0;
    const auto days = parse_ymd(s, pos);
    if (!days || !(eat(s, pos, ' ') || eat(s, pos, 'T'))) return std::nullopt;
    const auto hh = digits(s, pos, 2);
    if (!hh || *hh > 23 || !eat(s, pos, ':')) return std::nullopt;
    const auto mm = digits(s, pos, 2);
    if (!mm || *mm > 59) return std::nullopt;
    std::int64_t seconds = 0, fraction = 0;
    if (eat(s, pos, ':')) {
        const auto ss = digits(s, pos, 2);
        if (!ss || *ss > 59) return std::nullopt;
        seconds = *ss;
        if (eat(s, pos, '.')) {
            std::size_t n = 0;
            for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n)
                if (n < 6) fraction = fraction * 10 + (s[pos] - '0');
            if (n == 0) return std::nullopt;
            for (; n < 6; ++n) fraction *= 10;
        }
    }
    std::int64_t offset = 0;  // seconds east of UTC
    if (eat(s, pos, 'Z')) {
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const bool west = s[pos++] == '-';
        const auto oh = digits(s, pos, 2);
        if (!oh || *oh > 23) return std::nullopt;
        std::int64_t om = 0;
        if (pos < s.size()) {
            eat(s, pos, ':');
            const auto m = digits(s, pos, 2);
            if (!m || *m > 59) return std::nullopt;
            om = *m;
        }
        offset = (*oh * 3600 + om * 60) * (west ? -1 : 1);
    }
    if (pos != s.size()) return std::nullopt;
    return *days * micros_per_day + ((*hh * 60 + *mm) * 60 + seconds - offset) * micros_per_second +
           fraction;
}

/**
 * Days since 1970-01-01 of "YYYY-MM-DD", or nullopt (also for dates that do not exist).
 *
 *     retort::parse_date("1969-12-31") == -1
 */
constexpr std::optional<std::int64_t> parse_date(std::string_view s) noexcept {
    std::size_t pos = 0;
    const auto days = detail::iso::parse_ymd(s, pos);
    if (!days || pos != s.size()) return std::nullopt;
    return days;
}

}  // namespace retort
