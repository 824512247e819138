// Field-level access the session needs: a field by index, keys, copying, binding.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/engine/result.hpp"
#include "retort/orm/detail/containers.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort::orm::detail {

using retort::detail::model;

/** Strings that bound values point into (a value's text form), valid until reset(). */
using scratch_strings = stable_vector<std::string>;

template <bool Take, class R, class F>
constexpr void take_if(R*& out, F& f) noexcept {
    if constexpr (Take) out = &f;
}

/** Field I of `obj` (const follows `obj`): the fields are bound once and the I-th taken by
 *  address, without a tuple of references per model. */
template <std::size_t I, class T>
constexpr auto& field(T& obj) {
    using R = std::conditional_t<std::is_const_v<T>, const reflect::field_t<std::remove_const_t<T>, I>,
                                 reflect::field_t<std::remove_const_t<T>, I>>;
    return reflect::visit_fields(obj, [](auto&... f) -> R& {
        R* out = nullptr;
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (take_if<K == I>(out, f), ...);
        }(std::make_index_sequence<sizeof...(f)>{});
        return *out;
    });
}

/** Field index of column C of T. */
template <class T, std::size_t C>
inline constexpr std::size_t field_of_column = model<T>::field_of_column[C];

template <class T, std::size_t C>
using column_field_t = reflect::field_t<T, field_of_column<T, C>>;

/** Calls `f(std::integral_constant<std::size_t, C>{})` for every column index C of T. */
template <class T, class F>
constexpr void for_each_column(F&& f) {
    [&]<std::size_t... C>(std::index_sequence<C...>) {
        (f(std::integral_constant<std::size_t, C>{}), ...);
    }(std::make_index_sequence<model<T>::column_count>{});
}

// ---- primary keys ---------------------------------------------------------------------------

template <class T, std::size_t... K>
auto key_tuple(std::index_sequence<K...>)
    -> std::tuple<column_field_t<T, model<T>::primary_key.columns[K]>...>;

/** The primary key of T as a tuple of its key fields' types. */
template <class T>
using key_t = decltype(key_tuple<T>(std::make_index_sequence<model<T>::primary_key.size>{}));

template <class T>
key_t<T> key_of(const T& obj) {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
        return key_t<T>{field<field_of_column<T, model<T>::primary_key.columns[K]>>(obj)...};
    }(std::make_index_sequence<model<T>::primary_key.size>{});
}

template <class K>
concept less_comparable = requires(const K& k) { k < k; };

/** Whether keys can be sorted (every key column has `<`). */
template <class Tuple>
inline constexpr bool ordered_key = false;
template <class... K>
inline constexpr bool ordered_key<std::tuple<K...>> = (less_comparable<K> && ...);

template <class Tuple>
struct key_hash {
    std::size_t operator()(const Tuple& t) const noexcept {
        return std::apply(
            [](const auto&... v) {
                std::size_t h = 0;
                ((h ^= std::hash<std::remove_cvref_t<decltype(v)>>{}(v) + 0x9e3779b97f4a7c15ULL +
                       (h << 6) + (h >> 2)),
                 ...);
                return h;
            },
            t);
    }
};

// ---- copying ---------------------------------------------------------------------------------

/** Copies the column values of `from` into `to`, leaving relationships alone. */
template <class T>
void copy_columns(T& to, const T& from) {
    for_each_column<T>([&](auto c) {
        constexpr std::size_t F = field_of_column<T, decltype(c)::value>;
        field<F>(to) = field<F>(from);
    });
}

// ---- binding and decoding -------------------------------------------------------------------

/** Appends column C's value of `obj` to `out`, through type_traits; `scratch` keeps its
 *  strings in place, so views into earlier ones stay valid as it grows. */
template <class T, std::size_t C>
void bind_column(const T& obj, std::vector<value_view>& out, scratch_strings& scratch) {
    using F = column_field_t<T, C>;
    out.push_back(type_traits<F>::to_value(field<field_of_column<T, C>>(obj), scratch.emplace_back()));
}

/** Decodes `cell` into column C of `obj` (values RETURNING reads back). */
template <class T, std::size_t C>
void decode_column(T& obj, const value_view& cell, std::span<const std::string> names,
                   std::size_t index, std::int64_t row) {
    using F = column_field_t<T, C>;
    field<field_of_column<T, C>>(obj) = retort::detail::decode_cell<F>(cell, names, index, row);
}

}  // namespace retort::orm::detail
