// The customisation point that maps a C++ type to an SQL type, and the concepts built on it.
//
// This header declares; the built-in mappings live beside it (numeric.hpp, text.hpp,
// chrono.hpp, enum.hpp, optional.hpp) and retort/types/traits.hpp includes them all.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/reflect/detail/pretty.hpp"
#include "retort/types/detail/codec_errors.hpp"
#include "retort/types/value.hpp"

namespace retort {

/**
 * How retort stores a C++ type. A specialisation provides
 *
 *     static constexpr sql_kind kind;                            // the column type
 *     static value_view to_value(const T& v, std::string& scratch); // bind (bindable types)
 *     static T from_value(const value_view& v);                  // read (decodable types)
 *
 * `to_value` returns a view into `v` itself or into `scratch`, which the caller keeps alive and
 * in place until the statement has run; `from_value` throws `retort::data_error` (code
 * "decode") when the cell cannot become a T. Most user types derive from `stored_as`:
 *
 *     template <> struct retort::type_traits<money> : retort::stored_as<money, std::int64_t> {
 *         static std::int64_t to_stored(const money& m) { return m.cents; }
 *         static money from_stored(std::int64_t cents) { return money{cents}; }
 *     };
 *
 * The primary template is empty: a type without a specialisation is not mappable.
 */
template <class T, class = void>
struct type_traits {};

namespace detail {

template <class T>
concept has_sql_kind = requires {
    { type_traits<T>::kind } -> std::convertible_to<sql_kind>;
};

template <class T>
struct optional_parts {
    static constexpr bool nullable = false;
    using value_type = T;
};
template <class T>
struct optional_parts<std::optional<T>> {
    static constexpr bool nullable = true;
    using value_type = T;
};

}  // namespace detail

/**
 * Types that can be bound as a statement parameter: every mappable type, plus `const char*`,
 * `std::string_view`, string literals and `std::span<const std::byte>`. Cv and references are
 * ignored.
 *
 *     static_assert(retort::bindable<const char (&)[4]>);
 */
template <class T>
concept bindable = detail::has_sql_kind<std::remove_cvref_t<T>> &&
                   requires(const std::remove_cvref_t<T>& v, std::string& scratch) {
                       {
                           type_traits<std::remove_cvref_t<T>>::to_value(v, scratch)
                       } -> std::same_as<value_view>;
                   };

/**
 * Types a result cell can be read into (cv and references ignored).
 *
 *     static_assert(retort::decodable<std::optional<std::string>>);
 *     static_assert(!retort::decodable<std::string_view>);   // would dangle
 */
template <class T>
concept decodable = detail::has_sql_kind<std::remove_cvref_t<T>> && requires(const value_view& v) {
    { type_traits<std::remove_cvref_t<T>>::from_value(v) } -> std::same_as<std::remove_cvref_t<T>>;
};

/** Types that can be a column of a model: both bound and read. */
template <class T>
concept mappable = bindable<T> && decodable<T>;

/** True for `std::optional<T>`: a nullable column. */
template <class T>
inline constexpr bool nullable_v = detail::optional_parts<std::remove_cvref_t<T>>::nullable;

/** The column's value type: `value_t<std::optional<int>>` is `int`; other types are unchanged. */
template <class T>
using value_t = typename detail::optional_parts<std::remove_cvref_t<T>>::value_type;

/** The SQL column type of T: `sql_kind_v<std::optional<std::int64_t>> == sql_kind::bigint`. */
template <class T>
inline constexpr sql_kind sql_kind_v = type_traits<std::remove_cvref_t<T>>::kind;

namespace detail {

/**
 * Compile-time checks for the layers above (schema, sql): call at the public entry point so
 * that an unmapped type stops compilation with one readable line.
 *
 *     static_assert(retort::detail::require_mappable<Field>());
 */
template <class T>
consteval bool require_mappable() {
    static_assert(!nullable_v<value_t<T>>,
                  "retort cannot map std::optional<std::optional<T>>: NULL would mean two "
                  "things; use a single std::optional");
    static_assert(mappable<T>,
                  "retort has no SQL mapping for this type: specialise retort::type_traits<T> "
                  "(see docs/types.md#custom-types)");
    return true;
}

template <class T>
consteval bool require_bindable() {
    static_assert(bindable<T>,
                  "retort has no SQL mapping for this type: specialise retort::type_traits<T> "
                  "(see docs/types.md#custom-types)");
    return true;
}

template <class T>
consteval bool require_decodable() {
    static_assert(decodable<T>,
                  "retort has no SQL mapping for this type: specialise retort::type_traits<T> "
                  "(see docs/types.md#custom-types)");
    return true;
}

/** Stored's kind, or any kind when Stored is unmapped (stored_as then says what is wrong). */
template <class Stored>
consteval sql_kind stored_kind() {
    if constexpr (has_sql_kind<Stored>)
        return type_traits<Stored>::kind;
    else
        return sql_kind::blob;
}

/** The unqualified name of T for messages ("money"). */
template <class T>
inline constexpr std::string_view codec_type_name =
    reflect::detail::parse_type_name(reflect::detail::pretty_of_type<T>());

}  // namespace detail

/**
 * Base for a `type_traits` specialisation that stores T as another mappable type. The derived
 * specialisation declares
 *
 *     static Stored to_stored(const T&);   // or returns const Stored& into T: no copy
 *     static T from_stored(Stored);        // or const Stored&
 *
 * and the SQL kind is Stored's unless given, e.g. a uuid kept as its 36-character text:
 *
 *     template <> struct retort::type_traits<uuid>
 *         : retort::stored_as<uuid, std::string, retort::sql_kind::uuid> {
 *         static std::string to_stored(const uuid& u) { return u.to_string(); }
 *         static uuid from_stored(const std::string& s) { return uuid::parse(s); }
 *     };
 *
 * A Stored returned by value that is text or a blob is moved into `scratch`: one allocation
 * per bind. Write `to_value` by hand to avoid it.
 */
template <class T, class Stored, sql_kind Kind = detail::stored_kind<Stored>()>
struct stored_as {
    static_assert(mappable<Stored> && !nullable_v<Stored>,
                  "retort::stored_as<T, Stored>: Stored must be a mappable, non-optional type "
                  "such as std::int64_t or std::string");

    using stored_type = Stored;
    static constexpr sql_kind kind = Kind;

    static value_view to_value(const T& v, std::string& scratch) {
        using traits = type_traits<T>;
        static_assert(requires { traits::to_stored(v); },
                      "a type_traits<T> derived from retort::stored_as<T, Stored> must declare "
                      "static Stored to_stored(const T&)");
        using result = decltype(traits::to_stored(v));
        if constexpr (std::is_lvalue_reference_v<result>) {
            return type_traits<Stored>::to_value(traits::to_stored(v), scratch);
        } else if constexpr (std::is_same_v<Stored, std::string>) {
            scratch = traits::to_stored(v);
            return value_view::text(scratch);
        } else {
            const Stored stored = traits::to_stored(v);
            value_view out = type_traits<Stored>::to_value(stored, scratch);
            // Bytes that point into the temporary must outlive it: keep them in scratch.
            if ((out.type == value_type::text || out.type == value_type::blob) &&
                !points_into(out.bytes, scratch)) {
                scratch.assign(out.bytes);
                out.bytes = scratch;
            }
            return out;
        }
    }

    static T from_value(const value_view& v) {
        using traits = type_traits<T>;
        static_assert(requires { traits::from_stored(std::declval<Stored>()); },
                      "a type_traits<T> derived from retort::stored_as<T, Stored> must declare "
                      "static T from_stored(Stored)");
        if (v.is_null()) detail::codec::throw_null(detail::codec_type_name<T>);
        return traits::from_stored(type_traits<Stored>::from_value(v));
    }

private:
    static bool points_into(std::string_view bytes, const std::string& s) noexcept {
        if (bytes.empty()) return true;
        const auto at = reinterpret_cast<std::uintptr_t>(bytes.data());
        const auto begin = reinterpret_cast<std::uintptr_t>(s.data());
        return at >= begin && at + bytes.size() <= begin + s.size();
    }
};

}  // namespace retort
