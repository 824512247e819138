// Enumerator names of an enum, read from one __PRETTY_FUNCTION__ per enum, and lookups by name.
//
// The trick: every candidate value in a range is passed, as one pack of template arguments
// `static_cast<E>(v)...`, to a single function template, and the compiler spells each argument
// in __PRETTY_FUNCTION__: an enumerator by its name (g++ `ns::Color::red` in `{...}`, clang
// `ns::Color::red` in `<...>`; unscoped ones as `ns::red`), any other value as a cast
// (`(ns::Color)5`). One instantiation per enum however many candidates: a pack is far cheaper
// to compile than one instantiation per value.
//
// Limits: only values in `retort::enum_reflect_range<E>` ([-128, 127] unless specialised,
// clipped to the underlying type) are found; an enum must have a fixed underlying type (every
// `enum class`, or `enum E : int`), since casting an out-of-range value to an enum without one
// is undefined and clang rejects it even as a probe; enumerators that share a value are found
// once, under the name the compiler chooses (the first declared, on both compilers); clang
// spells the enumerators of an enum declared inside a class template as casts, so reflection
// finds none there. Enums outside these limits list their names with a `retort::enum_names<E>`
// specialisation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace retort {

/** One enumerator and its name. */
template <class E>
struct enum_entry {
    E value;
    std::string_view name;
};

/** An inclusive range of integer values. */
struct enum_range {
    std::int64_t min;
    std::int64_t max;
};

/**
 * The values reflection tries as enumerators of E: [-128, 127] by default, clipped to E's
 * underlying type. Specialise it for an enum whose values lie elsewhere (at most 2048 values;
 * each costs compile time):
 *
 *     template <> inline constexpr retort::enum_range retort::enum_reflect_range<http_status> =
 *         {100, 599};
 */
template <class E>
inline constexpr enum_range enum_reflect_range = {-128, 127};

namespace reflect {
namespace detail {

/** Enums that can hold every value of their underlying type: `E{u}` is valid only for them. */
template <class E>
concept fixed_enum = std::is_enum_v<E> && requires { E{std::underlying_type_t<E>{}}; };

template <auto... V>
consteval std::string_view pretty_of_values() {
    return __PRETTY_FUNCTION__;
}

template <class E>
consteval enum_range clipped_range() {
    using U = std::underlying_type_t<E>;
    enum_range r = enum_reflect_range<E>;
    constexpr auto lo = static_cast<std::int64_t>(std::numeric_limits<U>::min());
    // Comparisons in uint64 first, since max() of a 64-bit unsigned type exceeds int64.
    constexpr std::int64_t hi =
        static_cast<std::uint64_t>(std::numeric_limits<U>::max()) >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
            ? std::numeric_limits<std::int64_t>::max()
            : static_cast<std::int64_t>(std::numeric_limits<U>::max());
    if (r.min < lo) r.min = lo;
    if (r.max > hi) r.max = hi;
    return r;
}

template <class E, std::int64_t Min, std::size_t... I>
consteval std::string_view pretty_of_enum(std::index_sequence<I...>) {
    using U = std::underlying_type_t<E>;
    return pretty_of_values<static_cast<E>(static_cast<U>(Min + static_cast<std::int64_t>(I)))...>();
}

constexpr bool is_enum_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// clang's constant evaluator compares with a builtin; g++'s is faster with a plain loop.
constexpr bool starts_with_at(std::string_view s, std::size_t pos, std::string_view prefix) {
    if (s.size() - pos < prefix.size()) return false;
#if defined(__clang__)
    return s.compare(pos, prefix.size(), prefix) == 0;
#else
    for (std::size_t i = 0; i != prefix.size(); ++i)
        if (s[pos + i] != prefix[i]) return false;
    return true;
#endif
}

/**
 * Calls `f(index, name)` for each of the `count` spelled arguments that is an enumerator.
 * Arguments are split at top-level commas, tracking brackets so that an enum nested in a
 * template (`ns::X<int, 2>::E::red`) stays one argument. Most arguments are casts with the same
 * `(type)` prefix: once seen, it is skipped with one comparison (a compiler builtin in constant
 * evaluation), which makes the scan several times cheaper to compile than a walk over every
 * character.
 */
template <class F>
constexpr void for_each_enumerator(std::string_view s, std::size_t count, F&& f) {
#if defined(__clang__)
    constexpr std::string_view open = "[V = <";
#else
    constexpr std::string_view open = "V = {";
#endif
    std::string_view cast_prefix{};
    std::size_t pos = s.find(open) + open.size();
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t k = 0; k != count; ++k) {
        if (!cast_prefix.empty() && starts_with_at(s, pos, cast_prefix)) {
            pos += cast_prefix.size();
            if (s[pos] == '-') ++pos;
            while (is_digit(s[pos])) ++pos;
            pos += 2;  // past ", "
            continue;
        }
        std::size_t end = pos;
        int depth = 0;
        for (; end < s.size(); ++end) {
            const char c = s[end];
            if (c == '(' || c == '<' || c == '[' || c == '{') {
                ++depth;
            } else if (c == ')' || c == '>' || c == ']' || c == '}') {
                if (depth == 0) break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        // A value that is no enumerator is spelled as a cast, `(type)5` or `(type)-1`.
        const std::string_view arg = s.substr(pos, end - pos);
        std::size_t digits = arg.size();
        while (digits > 0 && is_digit(arg[digits - 1])) --digits;
        if (digits > 0 && digits < arg.size() && arg[digits - 1] == '-') --digits;
        if (digits > 0 && digits < arg.size() && arg[digits - 1] == ')') {
            cast_prefix = arg.substr(0, digits);
        } else {
            std::size_t begin = arg.size();
            while (begin > 0 && is_enum_ident_char(arg[begin - 1])) --begin;
            const std::string_view name = arg.substr(begin);
            if (!name.empty() && !is_digit(name.front())) f(k, name);
        }
        pos = end + 2;  // past ", "
    }
}

/** Everything reflection finds in E, computed once per enum. */
template <class E>
struct enum_reflection {
    static_assert(std::is_enum_v<E>, "retort::reflect::enum_entries_v<E> needs an enum type");
    static_assert(fixed_enum<E>,
                  "retort reflects enumerator names only of enums with a fixed underlying type "
                  "(enum class E, or enum E : int): give E one, or list its names with a "
                  "retort::enum_names<E> specialisation");
    static constexpr enum_range range = clipped_range<E>();
    static_assert(range.min <= range.max && range.max - range.min < 2048,
                  "retort::enum_reflect_range<E> must hold between 1 and 2048 values");
    static constexpr std::size_t candidates = static_cast<std::size_t>(range.max - range.min + 1);

    static constexpr std::string_view pretty() {
        return pretty_of_enum<E, range.min>(std::make_index_sequence<candidates>{});
    }

    // Two passes (count, then fill) over the spelling; small arrays are much cheaper for g++'s
    // constant evaluator than one pass into arrays sized for every candidate.
    static constexpr auto sizes = [] {
        std::size_t found = 0, chars = 0;
        for_each_enumerator(pretty(), candidates, [&](std::size_t, std::string_view name) {
            ++found;
            chars += name.size();
        });
        return std::pair{found, chars};
    }();

    // Names are copied out of the (long) spelled signature into one compact array, so only
    // the names themselves end up in the program.
    struct compact {
        std::array<char, sizes.second == 0 ? 1 : sizes.second> chars{};
        std::array<std::int64_t, sizes.first> values{};
        std::array<std::size_t, sizes.first> lengths{};
    };

    static constexpr compact data = [] {
        compact out{};
        std::size_t n = 0, at = 0;
        for_each_enumerator(pretty(), candidates, [&](std::size_t k, std::string_view name) {
            out.values[n] = range.min + static_cast<std::int64_t>(k);
            out.lengths[n++] = name.size();
            for (char c : name) out.chars[at++] = c;
        });
        return out;
    }();

    static constexpr auto entries = [] {
        using U = std::underlying_type_t<E>;
        std::array<enum_entry<E>, sizes.first> out{};
        std::size_t at = 0;
        for (std::size_t i = 0; i != sizes.first; ++i) {
            out[i].value = static_cast<E>(static_cast<U>(data.values[i]));
            out[i].name = std::string_view(data.chars.data() + at, data.lengths[i]);
            at += data.lengths[i];
        }
        return out;
    }();
};

}  // namespace detail

/**
 * The enumerators of E found by reflection, in value order, as `std::array<enum_entry<E>, N>`.
 *
 *     enum class color { red, green };
 *     static_assert(retort::reflect::enum_entries_v<color>[1].name == "green");
 */
template <class E>
inline constexpr const auto& enum_entries_v = detail::enum_reflection<E>::entries;

}  // namespace reflect

/**
 * The names retort uses for E's enumerators (e.g. to store an enum as text): those found by
 * reflection unless specialised with explicit names, which is how an enum whose values lie
 * outside the reflected range, or one without a fixed underlying type, gets its names:
 *
 *     enum big : long { small = 1, huge = 1L << 40 };
 *     template <> inline constexpr auto retort::enum_names<big> =
 *         retort::make_enum_names<big>({{big::small, "small"}, {big::huge, "huge"}});
 */
template <class E>
inline constexpr auto enum_names = reflect::enum_entries_v<E>;

/** An explicit list of names for `retort::enum_names<E>`; names and values must be unique. */
template <class E, std::size_t N>
consteval std::array<enum_entry<E>, N> make_enum_names(const enum_entry<E> (&entries)[N]) {
    std::array<enum_entry<E>, N> out{};
    for (std::size_t i = 0; i != N; ++i) {
        for (std::size_t j = 0; j != i; ++j) {
            // Not a constant expression: a duplicate stops compilation here.
            if (entries[j].name == entries[i].name) throw "retort::make_enum_names: duplicate name";
            if (entries[j].value == entries[i].value) throw "retort::make_enum_names: duplicate value";
        }
        if (entries[i].name.empty()) throw "retort::make_enum_names: empty name";
        out[i] = entries[i];
    }
    return out;
}

/**
 * The name of `v` among `retort::enum_names<E>`; empty when `v` is not an enumerator.
 *
 *     retort::enum_to_name(color::green) == "green"
 */
template <class E>
constexpr std::string_view enum_to_name(E v) noexcept {
    for (const auto& entry : enum_names<E>)
        if (entry.value == v) return entry.name;
    return {};
}

/**
 * The enumerator of E called `name` (exact, case-sensitive), or nullopt.
 *
 *     retort::enum_from_name<color>("green") == color::green
 */
template <class E>
constexpr std::optional<E> enum_from_name(std::string_view name) noexcept {
    for (const auto& entry : enum_names<E>)
        if (entry.name == name) return entry.value;
    return std::nullopt;
}

}  // namespace retort
