// Built-in mappings of std::chrono time points (TIMESTAMP) and calendar dates (DATE).
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <ratio>
#include <string>
#include <type_traits>
#include <utility>

#include "retort/types/core.hpp"
#include "retort/types/iso_time.hpp"

namespace retort {

/** A point in time to the microsecond, UTC: what a TIMESTAMP column holds. */
using timestamp = std::chrono::sys_time<std::chrono::microseconds>;

namespace detail::codec {

/**
 * `count` units of `Num/Den` seconds-per-micro, as `floor(count * Num / Den)` when that fits in
 * int64, else nullopt. Exact for integer counts; the floor rounds toward the past.
 */
template <std::intmax_t Num, std::intmax_t Den, class Rep>
constexpr std::optional<std::int64_t> rescale(Rep count) noexcept {
    if constexpr (std::is_floating_point_v<Rep>) {
        const long double x = static_cast<long double>(count) * Num / Den;
        // NaN fails both comparisons.
        if (!(x >= -9223372036854775808.0L && x < 9223372036854775808.0L)) return std::nullopt;
        auto t = static_cast<std::int64_t>(x);
        if (static_cast<long double>(t) > x) --t;
        return t;
    } else {
        if (!std::in_range<std::int64_t>(count)) return std::nullopt;
        const auto c = static_cast<std::int64_t>(count);
        constexpr std::int64_t bound = std::numeric_limits<std::int64_t>::max() / Num;
        if (c > bound || c < -bound) return std::nullopt;
        return iso::floor_div(c * Num, Den);
    }
}

/** Microseconds since the epoch of a duration of any type, or nullopt when out of range. */
template <class Rep, class Period>
constexpr std::optional<std::int64_t> to_micros(std::chrono::duration<Rep, Period> d) noexcept {
    using r = std::ratio_divide<Period, std::micro>;
    return rescale<r::num, r::den>(d.count());
}

/** The duration D holding `micros`, rounded toward the past, or nullopt when out of range. */
template <class D>
constexpr std::optional<D> from_micros(std::int64_t micros) noexcept {
    using r = std::ratio_divide<std::micro, typename D::period>;
    using rep = typename D::rep;
    if constexpr (std::is_floating_point_v<rep>) {
        return D(static_cast<rep>(static_cast<long double>(micros) * r::num / r::den));
    } else {
        const auto count = rescale<r::num, r::den>(micros);
        if (!count || !std::in_range<rep>(*count)) return std::nullopt;
        return D(static_cast<rep>(*count));
    }
}

[[noreturn]] inline void throw_integer_timestamp(const value_view& v) {
    throw_decode("cannot read " + describe_value(v) +
                 " into a timestamp: retort does not guess whether an integer counts seconds or "
                 "milliseconds; store timestamps in a TIMESTAMP column");
}

/** Reads a timestamp cell (a timestamp, or ISO text as SQLite keeps it) as micros. */
inline std::int64_t decode_timestamp_micros(const value_view& v) {
    switch (v.type) {
        case value_type::null: throw_null("retort::timestamp");
        case value_type::timestamp: return v.i;
        case value_type::text:
            if (const auto micros = parse_timestamp(v.bytes)) return *micros;
            throw_decode("text " + quoted(v.bytes) +
                         " is not a timestamp: expected YYYY-MM-DD HH:MM:SS[.ffffff] with an "
                         "optional 'T' separator and zone (Z, +HH:MM)");
        case value_type::integer: throw_integer_timestamp(v);
        default: throw_mismatch(v, "a timestamp", "a timestamp");
    }
}

/** Reads a date cell (a date, or "YYYY-MM-DD" text) as days since 1970-01-01. */
inline std::int64_t decode_date_days(const value_view& v, std::string_view target) {
    switch (v.type) {
        case value_type::null: throw_null(target);
        case value_type::date: return v.i;
        case value_type::text:
            if (const auto days = parse_date(v.bytes)) return *days;
            throw_decode("text " + quoted(v.bytes) + " is not a date: expected YYYY-MM-DD");
        default: throw_mismatch(v, target, "a date");
    }
}

}  // namespace detail::codec

/**
 * Any `std::chrono::sys_time<Duration>` is TIMESTAMP (PostgreSQL: TIMESTAMP WITH TIME ZONE; SQLite:
 * ISO text "YYYY-MM-DD HH:MM:SS.ffffff", UTC). Precision is the microsecond: finer durations
 * are truncated toward the past when bound, coarser ones floored when read. Reading accepts
 * timestamps and ISO text; an integer is refused. An instant that does not fit (in int64
 * microseconds when bound, in Duration when read) throws `data_error`.
 *
 *     retort::timestamp t = std::chrono::sys_days{2024y / 2 / 29} + 12h;
 */
template <class Duration>
struct type_traits<std::chrono::sys_time<Duration>> {
    using time_point = std::chrono::sys_time<Duration>;
    static constexpr sql_kind kind = sql_kind::timestamp;
    static value_view to_value(const time_point& v, std::string&) {
        const auto micros = detail::codec::to_micros(v.time_since_epoch());
        if (!micros)
            detail::codec::throw_encode(
                "a time point too far from 1970 to count in int64 microseconds cannot be bound");
        return value_view::timestamp(*micros);
    }
    static time_point from_value(const value_view& v) {
        const std::int64_t micros = detail::codec::decode_timestamp_micros(v);
        const auto d = detail::codec::from_micros<Duration>(micros);
        if (!d)
            detail::codec::throw_decode("timestamp " + detail::codec::to_text(micros) +
                                        " microseconds since 1970 does not fit in the time point's duration");
        return time_point(*d);
    }
};

/** `std::chrono::sys_days` is DATE; reads dates and "YYYY-MM-DD" text. */
template <>
struct type_traits<std::chrono::sys_days> {
    static constexpr sql_kind kind = sql_kind::date;
    static value_view to_value(const std::chrono::sys_days& v, std::string&) noexcept {
        return value_view::date(static_cast<std::int64_t>(v.time_since_epoch().count()));
    }
    static std::chrono::sys_days from_value(const value_view& v) {
        const std::int64_t days = detail::codec::decode_date_days(v, "std::chrono::sys_days");
        using rep = std::chrono::days::rep;
        if (!std::in_range<rep>(days))
            detail::codec::throw_decode("date " + detail::codec::to_text(days) +
                                        " days from 1970 does not fit in std::chrono::days");
        return std::chrono::sys_days(std::chrono::days(static_cast<rep>(days)));
    }
};

/**
 * `std::chrono::year_month_day` is DATE. Binding a date that does not exist (2023-02-30)
 * throws `data_error` (code "encode") rather than store its neighbour.
 */
template <>
struct type_traits<std::chrono::year_month_day> {
    static constexpr sql_kind kind = sql_kind::date;
    static value_view to_value(const std::chrono::year_month_day& v, std::string& scratch) {
        if (!v.ok())
            detail::codec::throw_encode(
                "year_month_day " + std::to_string(static_cast<int>(v.year())) + "-" +
                std::to_string(static_cast<unsigned>(v.month())) + "-" +
                std::to_string(static_cast<unsigned>(v.day())) + " is not a valid date");
        return type_traits<std::chrono::sys_days>::to_value(std::chrono::sys_days(v), scratch);
    }
    static std::chrono::year_month_day from_value(const value_view& v) {
        const std::int64_t days =
            detail::codec::decode_date_days(v, "std::chrono::year_month_day");
        // year_month_day holds years -32767..32767.
        if (days < -12'687'428 || days > 11'248'737)
            detail::codec::throw_decode("date " + detail::codec::to_text(days) +
                                        " days from 1970 is outside year_month_day's years");
        return std::chrono::year_month_day(
            std::chrono::sys_days(std::chrono::days(static_cast<std::chrono::days::rep>(days))));
    }
};

}  // namespace retort
