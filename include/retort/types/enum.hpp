// Built-in mapping of enums: stored as their underlying integer, or by choice as their names.
#pragma once

#include <string>
#include <type_traits>

#include "retort/reflect/enum_names.hpp"
#include "retort/types/core.hpp"
#include "retort/types/numeric.hpp"

namespace retort {

/**
 * Set to true to store enum E as TEXT holding the enumerator's name instead of its value. The
 * names come from `retort::enum_names<E>` (reflected for values in [-128, 127]; see
 * retort/reflect/enum_names.hpp):
 *
 *     enum class color { red, green, blue };
 *     template <> inline constexpr bool retort::enum_as_text<color> = true;
 */
template <class E>
inline constexpr bool enum_as_text = false;

namespace detail {

/** The type an enum's value is stored as: its underlying type, a character type as the
 *  integer of the same size and signedness. */
template <class U>
struct enum_storage {
    using type = U;
};
template <class U>
    requires(!std::is_same_v<U, bool> && !sql_integer<U>)
struct enum_storage<U> {
    using type = std::conditional_t<std::is_signed_v<U>, std::make_signed_t<U>, std::make_unsigned_t<U>>;
};
template <class U>
using enum_storage_t = typename enum_storage<U>::type;

template <class E>
consteval bool enum_text_names_ok() {
    if constexpr (enum_as_text<E>)
        return enum_names<E>.size() != 0;
    else
        return true;
}

}  // namespace detail

/**
 * An enum is stored as its underlying integer (SMALLINT/INTEGER/BIGINT by size, or BOOLEAN
 * for a bool-based enum); any value of that type reads back, enumerator or not. With
 * `enum_as_text<E>` it is TEXT: binding a value that is not an enumerator throws `data_error`
 * (code "encode"), reading a name that is not one throws `data_error` (code "decode").
 */
template <class E>
    requires std::is_enum_v<E>
struct type_traits<E, void> {
    using storage = detail::enum_storage_t<std::underlying_type_t<E>>;
    static_assert(detail::enum_text_names_ok<E>(),
                  "retort::enum_as_text<E> is set but no enumerator names were found: reflection "
                  "sees values in retort::enum_reflect_range<E> only (and, on clang, none of an "
                  "enum declared inside a class template); list them with retort::enum_names<E>");

    static constexpr sql_kind kind = enum_as_text<E> ? sql_kind::text : type_traits<storage>::kind;

    static value_view to_value(const E& v, std::string& scratch) {
        if constexpr (enum_as_text<E>) {
            const std::string_view name = enum_to_name(v);
            if (name.empty())
                detail::codec::throw_encode(
                    "value " + detail::codec::to_text(static_cast<std::int64_t>(v)) + " of enum " +
                    std::string(detail::codec_type_name<E>) +
                    " is not one of its enumerators, so it has no name to store");
            return value_view::text(name);
        } else {
            return type_traits<storage>::to_value(static_cast<storage>(v), scratch);
        }
    }

    static E from_value(const value_view& v) {
        using namespace detail::codec;
        const std::string_view target = detail::codec_type_name<E>;
        if constexpr (enum_as_text<E>) {
            if (v.is_null()) throw_null(target);
            if (v.type != value_type::text) throw_mismatch(v, target, "the text of an enumerator");
            if (const auto e = enum_from_name<E>(v.bytes)) return *e;
            throw_decode("text " + quoted(v.bytes) + " is not an enumerator of " +
                         std::string(target));
        } else if constexpr (std::is_same_v<storage, bool>) {
            if (v.is_null()) throw_null(target);
            return static_cast<E>(type_traits<bool>::from_value(v));
        } else {
            return static_cast<E>(decode_integer<storage>(v, target));
        }
    }
};

}  // namespace retort
