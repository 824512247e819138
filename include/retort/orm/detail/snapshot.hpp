// Snapshots of an object's column values as the database has them: what flush compares with
// to find changed columns. Texts and blobs are held as views into the table's byte arena, so a
// snapshot costs no allocation of its own.
#pragma once

#include <algorithm>
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

template <class T, std::size_t C>
using column_snap = snap_traits<column_field_t<T, C>>;

/*
 * A snapshot is a plain aggregate with one base per column, not a std::tuple: its values are
 * trivially copied as a rule (views, integers, optionals of them), so copying, moving and
 * destroying a snapshot instantiates nothing, where a tuple instantiates its whole chain of
 * constructors and assignments per model.
 */
template <std::size_t C, class V>
struct snap_leaf {
    V value;
};
template <class Columns, class... V>
struct snap_row;
template <std::size_t... C, class... V>
struct snap_row<std::index_sequence<C...>, V...> : snap_leaf<C, V>... {};

/** Column C's value in a snapshot. */
template <std::size_t C, class V>
constexpr V& snap_get(snap_leaf<C, V>& leaf) noexcept {
    return leaf.value;
}
template <std::size_t C, class V>
constexpr const V& snap_get(const snap_leaf<C, V>& leaf) noexcept {
    return leaf.value;
}

template <class T, std::size_t... C>
auto snapshot_row(std::index_sequence<C...>)
    -> snap_row<std::index_sequence<C...>, typename column_snap<T, C>::type...>;

/** The values of T's columns (relationships left out), as loaded or last flushed. */
template <class T>
using snapshot_t = decltype(snapshot_row<T>(std::make_index_sequence<model<T>::column_count>{}));

template <class T>
snapshot_t<T> snapshot_of(const T& obj, byte_arena& arena) {
    return [&]<std::size_t... C>(std::index_sequence<C...>) {
        return snapshot_t<T>{{column_snap<T, C>::make(field<field_of_column<T, C>>(obj), arena)}...};
    }(std::make_index_sequence<model<T>::column_count>{});
}

/** Takes the columns of `mask` into `snap` again (after an UPDATE of just those). */
template <class T>
void resnapshot(const T& obj, snapshot_t<T>& snap, std::uint64_t mask, byte_arena& arena) {
    for_each_column<T>([&](auto c) {
        constexpr std::size_t C = decltype(c)::value;
        if ((mask & (std::uint64_t{1} << C)) != 0)
            snap_get<C>(snap) = column_snap<T, C>::make(field<field_of_column<T, C>>(obj), arena);
    });
}

/** Columns whose value differs from the snapshot, as a bit mask (bit C for column C). */
template <class T>
std::uint64_t changed_columns(const T& obj, const snapshot_t<T>& snap) {
    static_assert(model<T>::column_count <= 64, "the session tracks at most 64 columns per model");
    std::uint64_t mask = 0;
    for_each_column<T>([&](auto c) {
        constexpr std::size_t C = decltype(c)::value;
        if (!column_snap<T, C>::same(field<field_of_column<T, C>>(obj), snap_get<C>(snap)))
            mask |= std::uint64_t{1} << C;
    });
    return mask;
}

/** Puts the snapshot's values back into `obj`'s columns (discarding unflushed changes). */
template <class T>
void restore_snapshot(T& obj, const snapshot_t<T>& snap) {
    for_each_column<T>([&](auto c) {
        constexpr std::size_t C = decltype(c)::value;
        column_snap<T, C>::restore(field<field_of_column<T, C>>(obj), snap_get<C>(snap));
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
    [&]<std::size_t... C>(std::index_sequence<C...>) {
        (rehome(snap_get<C>(snap), arena), ...);
    }(std::make_index_sequence<model<T>::column_count>{});
}

}  // namespace retort::orm::detail
