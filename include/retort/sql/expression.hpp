// The protocol every SQL expression node follows, bound values, and the type rules of operands.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "retort/detail/type_list.hpp"
#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"

// Visitors and small builder helpers are forced inline: at -O0 each would otherwise be emitted
// and compiled as a function of its own for every statement type, which was most of what a
// statement cost to compile (see benchmarks/compile).
#define RETORT_SQL_INLINE [[gnu::always_inline]]

namespace retort::detail {

/*
 * An expression node is a type with
 *   using retort_expression = void;           // the tag
 *   using value_type = T;                     // the C++ type of its value (optional<T>: nullable)
 *   using sources = type_list<S...>;          // tables/aliases it refers to, not bound inside it
 *   static constexpr int precedence;          // for parentheses, see prec below
 *   static constexpr bool aggregate;          // contains an aggregate function
 *   static constexpr bool bare;               // contains a column outside any aggregate
 *   static constexpr void render(writer&);    // the text depends on the type only
 *   void visit_params(dialect_kind, F&&) const // bound values, in the order render puts `?`
 * Values live in the node objects; the text never depends on them.
 */
template <class E>
concept expression = requires { typename std::remove_cvref_t<E>::retort_expression; };

/** A whole statement (select, insert, update, delete, union, text): `retort_statement` tag,
 *  `render`, `visit_params`, `result_type`, `check()`, and a nested `scope` with
 *  `free_sources` (sources referenced and not bound in it). The scope is a nested class so
 *  that it is computed only when asked for, not for every intermediate builder type. */
template <class S>
concept statement = requires { typename std::remove_cvref_t<S>::retort_statement; };

template <class S>
using free_sources_t = typename S::scope::free_sources;

/** The members every expression has (`.label<"n">()`, `.asc()`, `.like(p)`, `.in(xs)` ...);
 *  defined in retort/sql/operators.hpp. */
template <class Derived>
struct expr_ops;

/** Binding strength, loosest first; a child looser than its slot needs is parenthesised. */
namespace prec {
inline constexpr int or_ = 1;
inline constexpr int and_ = 2;
inline constexpr int not_ = 3;
inline constexpr int compare = 5;
inline constexpr int concat = 6;
inline constexpr int add = 7;
inline constexpr int mul = 8;
inline constexpr int unary = 9;
inline constexpr int primary = 10;
}  // namespace prec

/*
 * A child looser than its slot is parenthesised: `if constexpr (E::precedence < slot)` around
 * `E::render(w)` at each place, rather than a helper function template, which would be one
 * more instantiation and one more call in constant evaluation per operand of every node.
 */

/** Writer flags: columns render without their table (RETURNING, SET, ON CONFLICT). */
inline constexpr int flag_unqualified = 1;

template <class... Lists>
struct merge_sources;
template <>
struct merge_sources<> {
    using type = type_list<>;
};
template <class... Ts>
struct merge_sources<type_list<Ts...>> {
    using type = type_list<Ts...>;
};
template <class... As, class... Bs, class... Rest>
struct merge_sources<type_list<As...>, type_list<Bs...>, Rest...>
    : merge_sources<typename unique_append<type_list<As...>, Bs...>::type, Rest...> {};
/** The union of the source lists, first occurrence order. */
template <class... Lists>
using merge_sources_t = typename merge_sources<Lists...>::type;

/** `List` without the members of `Bound`. */
template <class List, class Bound>
struct remove_sources {
    using type = type_list<>;
};
template <class T, class... Ts, class Bound>
struct remove_sources<type_list<T, Ts...>, Bound> {
    using rest = typename remove_sources<type_list<Ts...>, Bound>::type;
    using type = std::conditional_t<contains_v<T, Bound>, rest, concat_t<type_list<T>, rest>>;
};
template <class List, class Bound>
using remove_sources_t = typename remove_sources<List, Bound>::type;

/** `List` without its `void` entries. */
template <class List>
struct drop_void_list {
    using type = type_list<>;
};
template <class T, class... Ts>
struct drop_void_list<type_list<T, Ts...>> {
    using rest = typename drop_void_list<type_list<Ts...>>::type;
    using type = std::conditional_t<std::is_void_v<T>, rest, concat_t<type_list<T>, rest>>;
};

/** Whether a node binds any value; visiting skips subtrees that do not (fewer functions to
 *  instantiate and compile). Nodes say `has_params`; those that do not are assumed to. */
template <class N>
inline constexpr bool has_params_v = true;
template <class N>
    requires requires { N::has_params; }
inline constexpr bool has_params_v<N> = N::has_params;

template <class... E>
inline constexpr bool any_aggregate_v = (E::aggregate || ...);
template <class... E>
inline constexpr bool any_bare_v = (E::bare || ...);

// ---- value types ----------------------------------------------------------------------------

template <class T>
struct strip_optional {
    using type = T;
};
template <class T>
struct strip_optional<std::optional<T>> {
    using type = T;
};
template <class T>
using strip_optional_t = typename strip_optional<T>::type;

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

/** T made nullable: `optional<T>`, unchanged when it already is. */
template <class T>
using nullable_t = std::conditional_t<is_optional_v<T>, T, std::optional<T>>;

/** How a value compares: the families of the comparison rules. */
enum class value_family : std::uint8_t { integer, floating, string, time, boolean, enum_, other };

template <class T>
struct is_time_point : std::false_type {};
template <class C, class D>
struct is_time_point<std::chrono::time_point<C, D>> : std::true_type {};

template <class T>
constexpr value_family family_of() {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<U, bool>)
        return value_family::boolean;
    else if constexpr (std::is_enum_v<U>)
        return value_family::enum_;
    else if constexpr (std::is_integral_v<U> && !std::is_same_v<U, char>)
        return value_family::integer;
    else if constexpr (std::is_floating_point_v<U>)
        return value_family::floating;
    else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, std::string_view> ||
                       std::is_same_v<std::decay_t<U>, const char*> ||
                       std::is_same_v<std::decay_t<U>, char*>)
        return value_family::string;
    else if constexpr (is_time_point<U>::value)
        return value_family::time;
    else
        return value_family::other;
}

template <class A, class B>
constexpr bool comparable_values() {
    using X = std::decay_t<strip_optional_t<std::remove_cvref_t<A>>>;
    using Y = std::decay_t<strip_optional_t<std::remove_cvref_t<B>>>;
    constexpr value_family fx = family_of<X>(), fy = family_of<Y>();
    if constexpr (fx == value_family::floating || fy == value_family::floating)
        return (fx == value_family::floating || fx == value_family::integer) &&
               (fy == value_family::floating || fy == value_family::integer);
    else if constexpr (fx != fy)
        return false;
    else if constexpr (fx == value_family::integer || fx == value_family::string ||
                       fx == value_family::boolean)
        return true;
    else if constexpr (fx == value_family::time)
        return std::is_same_v<typename X::clock, typename Y::clock>;
    else
        return std::is_same_v<X, Y>;
}

/** Values of A and B can meet in a comparison: integers with integers, floating with numbers,
 *  strings with strings, time points with time points, enums and others with their own type. */
template <class A, class B>
inline constexpr bool comparable_v = comparable_values<A, B>();

template <class T>
inline constexpr bool numeric_v = family_of<strip_optional_t<T>>() == value_family::integer ||
                                  family_of<strip_optional_t<T>>() == value_family::floating;
template <class T>
inline constexpr bool string_v = family_of<strip_optional_t<T>>() == value_family::string;
template <class T>
inline constexpr bool boolean_v = family_of<strip_optional_t<T>>() == value_family::boolean;

/** How a value passed by the user is kept in the statement: string literals and `const char*`
 *  as string_view (they outlive the statement), everything else by value. */
template <class V>
struct stored_value {
    using type = std::remove_cvref_t<V>;
};
template <class V>
    requires(std::is_same_v<std::decay_t<V>, const char*> || std::is_same_v<std::decay_t<V>, char*>)
struct stored_value<V> {
    using type = std::string_view;
};
template <class V>
using stored_value_t = typename stored_value<V>::type;

/** The value type of an expression made from a stored value (string_view reads as string). */
template <class V>
using value_of_stored_t =
    std::conditional_t<std::is_same_v<V, std::string_view>, std::string, V>;

/** A value bound as a parameter: renders `?` / `$n`, visits its value. */
template <class V>
struct bound {
    using retort_expression = void;
    using value_type = value_of_stored_t<V>;
    using sources = type_list<>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;

    V value;

    static constexpr void render(writer& w) { put_param(w); }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&& f) const {
        f(value);
    }
};

/** Specialise for a type that is not a node but stands for one (e.g. `func::now_t`):
 *  `using type = node; static constexpr type convert(const T&);`. */
template <class T>
struct expression_adapter {};

template <class T>
concept adapted_expression =
    requires { typename expression_adapter<std::remove_cvref_t<T>>::type; };

/** An operand: expressions as they are, adapted types converted, values bound. */
template <class X>
RETORT_SQL_INLINE constexpr auto as_operand(const X& x) {
    if constexpr (expression<X>)
        return x;
    else if constexpr (adapted_expression<X>)
        return expression_adapter<X>::convert(x);
    else
        return bound<stored_value_t<X>>{stored_value_t<X>(x)};
}

/** An expression, or something that stands for one. */
template <class X>
concept expression_like = expression<X> || adapted_expression<X>;
/** The node `as_operand` makes of an X, named without instantiating it. */
template <class X>
struct operand_of {
    using type = bound<stored_value_t<X>>;
};
template <class X>
    requires expression<X>
struct operand_of<X> {
    using type = X;
};
template <class X>
    requires(!expression<X> && adapted_expression<X>)
struct operand_of<X> {
    using type = typename expression_adapter<X>::type;
};
template <class X>
using operand_t = typename operand_of<X>::type;

template <class X>
using value_type_of_t = typename operand_t<X>::value_type;

/** Nothing in a clause slot of a statement. */
struct none {
    using sources = type_list<>;
    static constexpr bool has_params = false;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr void render(writer&) {}
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

template <class T>
inline constexpr bool is_none_v = std::is_same_v<T, none>;

}  // namespace retort::detail
