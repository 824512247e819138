// Built-in mappings of bool, the integer types and float/double, with range-checked reading.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/types/core.hpp"

namespace retort {
namespace detail {

/** The integer types retort maps: every std::integral type but bool and the character types. */
template <class T>
concept sql_integer = std::integral<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
                      !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
                      !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

template <sql_integer I>
consteval sql_kind integer_kind() {
    // The smallest SQL type that holds every value; unsigned types need one size up.
    if constexpr (std::is_signed_v<I>)
        return sizeof(I) <= 2 ? sql_kind::smallint
                              : (sizeof(I) <= 4 ? sql_kind::integer : sql_kind::bigint);
    else
        return sizeof(I) == 1 ? sql_kind::smallint
                              : (sizeof(I) == 2 ? sql_kind::integer : sql_kind::bigint);
}

/** "std::int8_t" ... "std::uint64_t", by size and signedness. */
template <sql_integer I>
consteval std::string_view integer_name() {
    constexpr bool s = std::is_signed_v<I>;
    switch (sizeof(I)) {
        case 1: return s ? "std::int8_t" : "std::uint8_t";
        case 2: return s ? "std::int16_t" : "std::uint16_t";
        case 4: return s ? "std::int32_t" : "std::uint32_t";
        default: return s ? "std::int64_t" : "std::uint64_t";
    }
}

namespace codec {

template <sql_integer I>
[[noreturn]] void throw_integer_range(const std::string& value, std::string_view target) {
    throw_decode(value + " does not fit in " + std::string(target) + " (range " +
                 to_text(static_cast<std::int64_t>(std::numeric_limits<I>::min())) + ".." +
                 (std::is_same_v<I, std::uint64_t> || std::is_same_v<I, unsigned long long>
                      ? to_text(static_cast<std::uint64_t>(std::numeric_limits<I>::max()))
                      : to_text(static_cast<std::int64_t>(std::numeric_limits<I>::max()))) +
                 ")");
}

// Without <cmath>, which costs more to compile than all of this header.
constexpr bool is_finite(double d) noexcept { return d - d == 0.0; }  // false for NaN and inf

/** A finite double with no fractional part (every double of magnitude 2^52 or more is whole). */
constexpr bool is_whole(double d) noexcept {
    if (!is_finite(d)) return false;
    if (d >= 4503599627370496.0 || d <= -4503599627370496.0) return true;
    return static_cast<double>(static_cast<std::int64_t>(d)) == d;
}

/**
 * Reads an integer cell into I. Accepts integers, booleans (0/1) and reals without a fractional
 * part (SQLite may hand back 3.0 for an integer-valued expression); refuses anything out of
 * I's range. `target` names the C++ type in messages.
 */
template <sql_integer I>
I decode_integer(const value_view& v, std::string_view target) {
    using limits = std::numeric_limits<I>;
    switch (v.type) {
        case value_type::null: throw_null(target);
        case value_type::boolean: return static_cast<I>(v.b ? 1 : 0);
        case value_type::integer:
            if (!std::in_range<I>(v.i)) throw_integer_range<I>("integer " + to_text(v.i), target);
            return static_cast<I>(v.i);
        case value_type::real: {
            const double d = v.d;
            if (!is_whole(d))
                throw_decode("real " + to_text(d) + " is not a whole number, so it cannot be read "
                             "into " + std::string(target));
            // Both bounds are exact powers of two as doubles: [min, max + 1).
            constexpr double lo = static_cast<double>(limits::min());
            constexpr double hi = static_cast<double>(limits::max() / 2 + 1) * 2.0;
            if (d < lo || d >= hi) throw_integer_range<I>("real " + to_text(d), target);
            return static_cast<I>(d);
        }
        default: throw_mismatch(v, target, "an integer");
    }
}

}  // namespace codec
}  // namespace detail

/** `bool` is BOOLEAN; reads booleans and the integers 0 and 1 (SQLite's booleans). */
template <>
struct type_traits<bool> {
    static constexpr sql_kind kind = sql_kind::boolean;
    static value_view to_value(const bool& v, std::string&) noexcept { return value_view::boolean(v); }
    static bool from_value(const value_view& v) {
        using namespace detail::codec;
        switch (v.type) {
            case value_type::null: throw_null("bool");
            case value_type::boolean: return v.b;
            case value_type::integer:
                if (v.i == 0 || v.i == 1) return v.i == 1;
                throw_decode("integer " + to_text(v.i) + " cannot be read into bool: expected 0 or 1");
            default: throw_mismatch(v, "bool", "a boolean");
        }
    }
};

/**
 * Integers: SMALLINT for 8- and 16-bit signed types and uint8, INTEGER for int32 and uint16,
 * BIGINT for int64, uint32 and uint64. A uint64 above INT64_MAX cannot be stored (BIGINT is
 * signed): binding one throws `data_error` (code "encode").
 */
template <detail::sql_integer I>
struct type_traits<I, void> {
    static constexpr sql_kind kind = detail::integer_kind<I>();
    static value_view to_value(const I& v, std::string&) {
        if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
            if (v > static_cast<I>(std::numeric_limits<std::int64_t>::max()))
                detail::codec::throw_encode(
                    std::string(detail::integer_name<I>()) + " value " +
                    detail::codec::to_text(static_cast<std::uint64_t>(v)) +
                    " is above the largest BIGINT, 9223372036854775807");
        }
        return value_view::integer(static_cast<std::int64_t>(v));
    }
    static I from_value(const value_view& v) {
        return detail::codec::decode_integer<I>(v, detail::integer_name<I>());
    }
};

/** `float` is REAL (4 bytes); reads reals and integers; a finite real beyond float's range throws. */
template <>
struct type_traits<float> {
    static constexpr sql_kind kind = sql_kind::real;
    static value_view to_value(const float& v, std::string&) noexcept {
        return value_view::real(static_cast<double>(v));
    }
    static float from_value(const value_view& v) {
        using namespace detail::codec;
        switch (v.type) {
            case value_type::null: throw_null("float");
            case value_type::real:
                if (detail::codec::is_finite(v.d) && (v.d > std::numeric_limits<float>::max() ||
                                                      v.d < -std::numeric_limits<float>::max()))
                    throw_decode("real " + to_text(v.d) + " does not fit in float");
                return static_cast<float>(v.d);
            case value_type::integer: return static_cast<float>(v.i);
            default: throw_mismatch(v, "float", "a number");
        }
    }
};

/** `double` is DOUBLE PRECISION; reads reals and integers. NaN and infinities pass through. */
template <>
struct type_traits<double> {
    static constexpr sql_kind kind = sql_kind::double_;
    static value_view to_value(const double& v, std::string&) noexcept { return value_view::real(v); }
    static double from_value(const value_view& v) {
        using namespace detail::codec;
        switch (v.type) {
            case value_type::null: throw_null("double");
            case value_type::real: return v.d;
            case value_type::integer: return static_cast<double>(v.i);
            default: throw_mismatch(v, "double", "a number");
        }
    }
};

}  // namespace retort
