// Counting the fields of an aggregate by probing brace initialisation.
//
// The trick: an aggregate T with N fields can be initialised as T{x1, ..., xK} for every K <= N
// when each x converts to anything, and not for K > N. A binary search over K finds N with
// about log2(2 * max_fields) probes. Two more probes tell apart what cannot be reflected:
//  - a base class: T{b} compiles for a `b` that converts only to proper bases of T;
//  - a C array or reference member: T{{}, ..., {}} (N empty braces) fails, because brace
//    elision spreads an array over several initialisers and a reference cannot bind to {}.
// Limits: fields of a type with a deleted or explicit default constructor are reported as
// the second case; such members are rare in models and have a documented way out.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "retort/reflect/detail/bind.hpp"

namespace retort::reflect::detail {

struct any_field {
    std::size_t ignored;
    template <class U>
    operator U&() const&& noexcept;  // NOLINT: converts to anything; only in unevaluated probes
    template <class U>
    operator U&&() const&& noexcept;  // NOLINT
};

template <class T>
struct any_base {
    template <class U>
        requires(std::is_base_of_v<U, T> && !std::is_same_v<U, T>)
    operator U&() const&& noexcept;  // NOLINT
    template <class U>
        requires(std::is_base_of_v<U, T> && !std::is_same_v<U, T>)
    operator U&&() const&& noexcept;  // NOLINT
};

template <class T, std::size_t... I>
constexpr bool initialisable(std::index_sequence<I...>) {
    return requires { T{any_field{I}...}; };
}

template <class T, std::size_t N>
constexpr bool initialisable_with = initialisable<T>(std::make_index_sequence<N>{});

template <class T, std::size_t Lo, std::size_t Hi>
constexpr std::size_t search_count() {
    if constexpr (Lo == Hi) {
        return Lo;
    } else {
        constexpr std::size_t mid = (Lo + Hi + 1) / 2;
        if constexpr (initialisable_with<T, mid>)
            return search_count<T, mid, Hi>();
        else
            return search_count<T, Lo, mid - 1>();
    }
}

template <class T>
inline constexpr std::size_t probed_count = search_count<T, 0, 2 * max_fields>();

template <class T>
inline constexpr bool has_base = requires { T{any_base<T>{}}; };

}  // namespace retort::reflect::detail
