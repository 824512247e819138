// Counting the fields of an aggregate by probing brace initialisation.
//
// The trick: an aggregate T with N fields can be initialised as T{x1, ..., xK} for every K <= N
// and not for K > N. Two kinds of probe:
//  - empty braces, T{{}, ..., {}}: each `{}` value-initialises one member, which considers no
//    constructor overloads, so these probes are cheap. Doubling K from 1 until a probe fails,
//    then a binary search below it, finds how many leading members `{}` initialises. When
//    T{{} x K, x} then fails for an `x` that converts to anything, no member follows: K is the
//    count. This settles every struct whose members all have a default constructor.
//  - values converting to anything, T{x1, ..., xK}: for the rest (a reference member, a member
//    without a default constructor). Each such probe makes the compiler try every constructor
//    of every member's type (std::string has many), so they are the fallback.
// Two more probes tell apart what cannot be reflected:
//  - a base class: T{b} compiles for a `b` that converts only to proper bases of T;
//  - a C array or reference member: T{{}, ..., {}} (N empty braces) fails, because brace
//    elision spreads an array over several initialisers and a reference cannot bind to {};
//    when the count came from the empty-brace probes, the member types say it instead.
// Limits: fields of a type with a deleted or explicit default constructor are reported as
// the second case; such members are rare in models and have a documented way out.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "retort/reflect/detail/bind.hpp"
#include "retort/reflect/detail/probes.hpp"

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

/** The two probes of T{x1, ..., xK}, as types so that one search serves both: values that
 *  convert to anything (up to 2 * max_fields, to see a struct past the limit), and empty
 *  braces (up to max_fields, the length of the generated chain). */
struct any_probe {
    static constexpr std::size_t cap = 2 * max_fields;
    template <class T, std::size_t K>
    static constexpr bool fits() {
        return initialisable_with<T, K>;
    }
};
struct brace_probe {
    static constexpr std::size_t cap = max_fields;
    template <class T, std::size_t K>
    static constexpr bool fits() {
        return value_initialisable_each<T, K>();
    }
};

/** The largest K in [Lo, Hi] that fits, Lo being known to fit: a binary search. */
template <class Probe, class T, std::size_t Lo, std::size_t Hi>
constexpr std::size_t search_count() {
    if constexpr (Lo == Hi) {
        return Lo;
    } else {
        constexpr std::size_t mid = (Lo + Hi + 1) / 2;
        if constexpr (Probe::template fits<T, mid>())
            return search_count<Probe, T, mid, Hi>();
        else
            return search_count<Probe, T, Lo, mid - 1>();
    }
}

/** The largest K <= Probe::cap that fits (0 when none does): doubling K from 1, then a binary
 *  search below the first K that does not fit. */
template <class Probe, class T, std::size_t K>
constexpr std::size_t grow_count() {
    // Nested, not `||`: a probe past the cap must not be instantiated.
    if constexpr (K > Probe::cap)
        return search_count<Probe, T, K / 2, Probe::cap>();
    else if constexpr (!Probe::template fits<T, K>())
        return search_count<Probe, T, K / 2, K - 1>();
    else
        return grow_count<Probe, T, 2 * K>();
}

/** The field count from the cheap probes, or `max_fields + 1` when they cannot tell. */
template <class T>
constexpr std::size_t brace_count() {
    if constexpr (!value_initialisable_each<T, 0>()) {
        return max_fields + 1;
    } else {
        constexpr std::size_t k = grow_count<brace_probe, T, 1>();
        if constexpr (k < max_fields && !braces_then<T, any_field, k>())
            return k;
        else
            return max_fields + 1;
    }
}

template <class T>
constexpr std::size_t count_fields() {
    constexpr std::size_t k = brace_count<T>();
    if constexpr (k <= max_fields)
        return k;
    else
        return grow_count<any_probe, T, 1>();
}

template <class T>
inline constexpr std::size_t probed_count = count_fields<T>();

template <class T>
inline constexpr bool has_base = requires { T{any_base<T>{}}; };

}  // namespace retort::reflect::detail
