// Built-in mapping of std::optional<T>: a nullable column, NULL <-> std::nullopt.
#pragma once

#include <optional>
#include <string>

#include "retort/types/core.hpp"

namespace retort {

/**
 * `std::optional<T>` is T's SQL type, nullable: nullopt binds NULL and NULL reads as nullopt.
 * It is bindable when T is, and decodable when T is. Nested optionals are not mapped.
 *
 *     struct user { std::int64_t id; std::optional<std::string> bio; };
 */
template <class T>
    requires(detail::has_sql_kind<T> && !nullable_v<T>)
struct type_traits<std::optional<T>, void> {
    static constexpr sql_kind kind = type_traits<T>::kind;
    static value_view to_value(const std::optional<T>& v, std::string& scratch)
        requires bindable<T>
    {
        return v ? type_traits<T>::to_value(*v, scratch) : value_view::null();
    }
    static std::optional<T> from_value(const value_view& v)
        requires decodable<T>
    {
        if (v.is_null()) return std::nullopt;
        return type_traits<T>::from_value(v);
    }
};

}  // namespace retort
