// The members every expression has: label, ordering, LIKE, IN, BETWEEN, IS NULL.
#pragma once

#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/detail/fixed_string.hpp"
#include "retort/sql/in.hpp"
#include "retort/sql/operators.hpp"

namespace retort::detail {

/** The checks of like()/ilike(): a string expression and a string pattern. */
template <class V, class P>
consteval void check_like_pattern() {
    static_assert(string_v<V>, "retort: like()/ilike() apply to string expressions");
    if constexpr (!expression_like<P>) check_value_operand<V, P>();
    static_assert(string_v<value_type_of_t<P>>, "retort: a LIKE pattern must be a string");
}

/*
 * The members every expression node has. They are declared again for every node type, so the
 * class keeps to the public operations (the casts and checks are inline or free functions).
 */
template <class Derived>
struct expr_ops {
    /** `expr AS name` in a select list: `count().label<"n">()`. */
    template <fixed_string Name>
    RETORT_SQL_INLINE constexpr labeled<Derived, Name> label() const {
        return {{}, static_cast<const Derived&>(*this)};
    }
    /** `ORDER BY expr ASC` */
    RETORT_SQL_INLINE constexpr order_term<Derived, order_dir::asc, nulls_order::none> asc() const {
        return {static_cast<const Derived&>(*this)};
    }
    /** `ORDER BY expr DESC` */
    RETORT_SQL_INLINE constexpr order_term<Derived, order_dir::desc, nulls_order::none> desc() const {
        return {static_cast<const Derived&>(*this)};
    }
    /** `expr NULLS FIRST` (ascending by default order). */
    RETORT_SQL_INLINE constexpr order_term<Derived, order_dir::none, nulls_order::first> nulls_first() const {
        return {static_cast<const Derived&>(*this)};
    }
    RETORT_SQL_INLINE constexpr order_term<Derived, order_dir::none, nulls_order::last> nulls_last() const {
        return {static_cast<const Derived&>(*this)};
    }

    /** `expr LIKE pattern` */
    template <class P>
    RETORT_SQL_INLINE constexpr auto like(const P& pattern) const {
        check_like_pattern<typename Derived::value_type, P>();
        return make_binary<op_like>(static_cast<const Derived&>(*this), as_operand(pattern));
    }
    /** `expr NOT LIKE pattern` */
    template <class P>
    RETORT_SQL_INLINE constexpr auto not_like(const P& pattern) const {
        check_like_pattern<typename Derived::value_type, P>();
        return make_binary<op_not_like>(static_cast<const Derived&>(*this), as_operand(pattern));
    }
    /** Case-insensitive LIKE: `ILIKE` on PostgreSQL, `lower(x) LIKE lower(p)` on SQLite. */
    template <class P>
    RETORT_SQL_INLINE constexpr auto ilike(const P& pattern) const {
        check_like_pattern<typename Derived::value_type, P>();
        return ilike_node<false, Derived, operand_t<P>>{
            {}, static_cast<const Derived&>(*this), as_operand(pattern)};
    }
    template <class P>
    RETORT_SQL_INLINE constexpr auto not_ilike(const P& pattern) const {
        check_like_pattern<typename Derived::value_type, P>();
        return ilike_node<true, Derived, operand_t<P>>{
            {}, static_cast<const Derived&>(*this), as_operand(pattern)};
    }

    /** `expr IN (...)` over a run-time container (one bound array) or a subquery. */
    template <class X>
    RETORT_SQL_INLINE constexpr auto in(X&& values) const {
        return make_in<false>(static_cast<const Derived&>(*this), static_cast<X&&>(values));
    }
    template <class T>
    auto in(std::initializer_list<T> values) const {
        return make_in<false>(static_cast<const Derived&>(*this), std::vector<T>(values));
    }
    /** `expr NOT IN (...)` */
    template <class X>
    RETORT_SQL_INLINE constexpr auto not_in(X&& values) const {
        return make_in<true>(static_cast<const Derived&>(*this), static_cast<X&&>(values));
    }
    template <class T>
    auto not_in(std::initializer_list<T> values) const {
        return make_in<true>(static_cast<const Derived&>(*this), std::vector<T>(values));
    }

    /** `expr BETWEEN low AND high` */
    template <class A, class B>
    RETORT_SQL_INLINE constexpr auto between(const A& low, const B& high) const {
        using V = typename Derived::value_type;
        if constexpr (!expression_like<A>) check_value_operand<V, A>();
        if constexpr (!expression_like<B>) check_value_operand<V, B>();
        check_comparable<V, value_type_of_t<A>>();
        check_comparable<V, value_type_of_t<B>>();
        return between_node<Derived, operand_t<A>, operand_t<B>>{
            {}, static_cast<const Derived&>(*this), as_operand(low), as_operand(high)};
    }

    /** `expr IS NULL` */
    RETORT_SQL_INLINE constexpr unary<op_is_null, Derived> is_null() const {
        return {{}, static_cast<const Derived&>(*this)};
    }
    /** `expr IS NOT NULL` */
    RETORT_SQL_INLINE constexpr unary<op_is_not_null, Derived> is_not_null() const {
        return {{}, static_cast<const Derived&>(*this)};
    }
};

}  // namespace retort::detail
