// Snapshots of an object's column values as the database has them: what flush compares with
// to find changed columns. Texts and blobs are held as views into the table's byte arena, so a
// snapshot costs no allocation of its own.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "retort/orm/detail/containers.hpp"
#include "retort/orm/detail/fields.hpp"

namespace retort::orm::detail {

/** Byte equality with short runs compared inline: a flush compares every text of every object
 *  it holds, and most are short (names, emails, codes). */
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    if (n >= 8 && n <= 16) {
        std::uint64_t x0, y0, x1, y1;  // two overlapping words cover 8..16 bytes
        std::memcpy(&x0, a, 8);
        std::memcpy(&y0, b, 8);
        std::memcpy(&x1, a + n - 8, 8);
        std::memcpy(&y1, b + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n < 8) {
        for (std::size_t i = 0; i != n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    return std::memcmp(a, b, n) == 0;
}

/** How a field's value is kept in a snapshot: by value, or as a view for texts and blobs. */
template <class F>
struct snap_traits {
    using type = F;
    static type make(const F& v, byte_arena&) { return v; }
    static bool same(const F& v, const type& s) { return v == s; }
    static void restore(F& v, const type& s) { v = s; }
};

template <>
struct snap_traits<std::string> {
    using type = std::string_view;
    static type make(const std::string& v, byte_arena& a) { return a.store(v); }
    static bool same(const std::string& v, type s) noexcept {
        return v.size() == s.size() && same_bytes(v.data(), s.data(), s.size());
    }
    static void restore(std::string& v, type s) { v.assign(s); }
};

template <>
struct snap_traits<std::vector<std::byte>> {
    using type = std::span<const std::byte>;
    static type make(const std::vector<std::byte>& v, byte_arena& a) {
        return {reinterpret_cast<const std::byte*>(a.store(v.data(), v.size())), v.size()};
    }
    static bool same(const std::vector<std::byte>& v, type s) noexcept {
        return std::ranges::equal(v, s);
    }
    static void restore(std::vector<std::byte>& v, type s) { v.assign(s.begin(), s.end()); }
};

template <class X>
struct snap_traits<std::optional<X>> {
    using inner = snap_traits<X>;
    using type = std::optional<typename inner::type>;
    static type make(const std::optional<X>& v, byte_arena& a) {
        if (!v) return std::nullopt;
        return inner::make(*v, a);
    }
    static bool same(const std::optional<X>& v, const type& s) {
        if (v.has_value() != s.has_value()) return false;
        return !v || inner::same(*v, *s);
    }
    static void restore(std::optional<X>& v, const type& s) {
        if (!s) {
            v.reset();
        } else {
            if (!v) v.emplace();
            inner::restore(*v, *s);
        }
    }
};

/*
 * A snapshot is a plain aggregate with one base per field of the model, not a std::tuple: its
 * values are trivially copied as a rule (views, integers, optionals of them), so copying,
 * moving and destroying a snapshot instantiates nothing. A field that is not a column (a
 * relationship) has an empty place. Every operation below binds the object's fields once and
 * folds over them, so the code per column is a function of the column's type alone, shared by
 * every model that has a column of that type.
 */
struct snap_none {};

template <std::size_t I, class V>
struct snap_leaf {
    V value;
};
template <class Fields, class... V>
struct snap_row;
template <std::size_t... I, class... V>
struct snap_row<std::index_sequence<I...>, V...> : snap_leaf<I, V>... {};

/** Field I's place in a snapshot. */
template <std::size_t I, class V>
constexpr V& snap_get(snap_leaf<I, V>& leaf) noexcept {
    return leaf.value;
}
template <std::size_t I, class V>
constexpr const V& snap_get(const snap_leaf<I, V>& leaf) noexcept {
    return leaf.value;
}

template <class T, std::size_t I>
using field_snap_t = std::conditional_t<model<T>::is_column[I],
                                        typename snap_traits<reflect::field_t<T, I>>::type, snap_none>;

template <class T, std::size_t... I>
auto snapshot_row(std::index_sequence<I...>) -> snap_row<std::index_sequence<I...>, field_snap_t<T, I>...>;

/** The values of T's columns (relationships left out), as loaded or last flushed. */
template <class T>
using snapshot_t = decltype(snapshot_row<T>(std::make_index_sequence<model<T>::field_count>{}));

/** Bit C for the field of column C, 0 for fields that are not columns. */
template <class T>
inline constexpr auto column_bits = [] {
    std::array<std::uint64_t, model<T>::field_count> bits{};
    for (std::size_t i = 0; i != bits.size(); ++i)
        if (model<T>::is_column[i]) bits[i] = std::uint64_t{1} << model<T>::column_of_field[i];
    return bits;
}();

template <bool Column, class F>
auto snap_make(const F& v, byte_arena& arena) {
    if constexpr (Column)
        return snap_traits<F>::make(v, arena);
    else
        return snap_none{};
}
template <class F, class V>
bool snap_same(const F& v, const V& s) {
    return snap_traits<F>::same(v, s);
}
template <class F>
constexpr bool snap_same(const F&, snap_none) noexcept {
    return true;
}
template <class F, class V>
void snap_restore(F& v, const V& s) {
    snap_traits<F>::restore(v, s);
}
template <class F>
constexpr void snap_restore(F&, snap_none) noexcept {}

template <class T>
snapshot_t<T> snapshot_of(const T& obj, byte_arena& arena) {
    return reflect::visit_fields(obj, [&](const auto&... f) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return snapshot_t<T>{{snap_make<model<T>::is_column[I]>(f, arena)}...};
        }(std::make_index_sequence<sizeof...(f)>{});
    });
}

/** Takes the columns of `mask` into `snap` again (after an UPDATE of just those). */
template <class T>
void resnapshot(const T& obj, snapshot_t<T>& snap, std::uint64_t mask, byte_arena& arena) {
    reflect::visit_fields(obj, [&](const auto&... f) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((void)((mask & column_bits<T>[I]) != 0 &&
                    (snap_get<I>(snap) = snap_make<model<T>::is_column[I]>(f, arena), true)),
             ...);
        }(std::make_index_sequence<sizeof...(f)>{});
    });
}

/** Columns whose value differs from the snapshot, as a bit mask (bit C for column C). */
template <class T>
std::uint64_t changed_columns(const T& obj, const snapshot_t<T>& snap) {
    static_assert(model<T>::column_count <= 64, "the session tracks at most 64 columns per model");
    return reflect::visit_fields(obj, [&](const auto&... f) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return ((snap_same(f, snap_get<I>(snap)) ? std::uint64_t{0} : column_bits<T>[I]) | ... | 0);
        }(std::make_index_sequence<sizeof...(f)>{});
    });
}

/** Puts the snapshot's values of the columns in `mask` back into `obj` (all columns by
 *  default), discarding unflushed changes. */
template <class T>
void restore_snapshot(T& obj, const snapshot_t<T>& snap, std::uint64_t mask = ~std::uint64_t{0}) {
    reflect::visit_fields(obj, [&](auto&... f) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((void)((mask & column_bits<T>[I]) != 0 && (snap_restore(f, snap_get<I>(snap)), true)), ...);
        }(std::make_index_sequence<sizeof...(f)>{});
    });
}

template <class V>
void rehome(V&, byte_arena&) {}
inline void rehome(std::string_view& s, byte_arena& a) { s = a.store(s); }
inline void rehome(std::span<const std::byte>& s, byte_arena& a) {
    s = {reinterpret_cast<const std::byte*>(a.store(s.data(), s.size())), s.size()};
}
template <class V>
void rehome(std::optional<V>& s, byte_arena& a) {
    if (s) rehome(*s, a);
}

/** Copies a snapshot's texts into `arena` (when the old arena is about to be dropped). */
template <class T>
void move_snapshot(snapshot_t<T>& snap, byte_arena& arena) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (rehome(snap_get<I>(snap), arena), ...);
    }(std::make_index_sequence<model<T>::field_count>{});
}

}  // namespace retort::orm::detail
