// Operators over expressions: comparisons, AND/OR/NOT, arithmetic, LIKE, BETWEEN, IS NULL.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/sql/expression.hpp"
#include "retort/types/traits.hpp"

namespace retort::detail {

// ---- binary operators -----------------------------------------------------------------------

/** Result of a comparison or a boolean connective. */
struct bool_result {
    template <class L, class R>
    using type = bool;
};

/** Result of arithmetic: the common numeric type, nullable when an operand is. */
struct arith_result {
    template <class L, class R>
    using type = std::conditional_t<
        is_optional_v<L> || is_optional_v<R>,
        std::optional<std::common_type_t<strip_optional_t<L>, strip_optional_t<R>>>,
        std::common_type_t<strip_optional_t<L>, strip_optional_t<R>>>;
};

struct concat_result {
    template <class L, class R>
    using type =
        std::conditional_t<is_optional_v<L> || is_optional_v<R>, std::optional<std::string>,
                           std::string>;
};

// Operators are small tag types (not templates over their text): short type names keep
// statement types, diagnostics and compile memory small.
#define RETORT_SQL_BINARY_OP(NAME, TEXT, PREC, LEFT, RIGHT, RESULT)            \
    struct NAME {                                                            \
        static constexpr std::string_view text = TEXT;                       \
        static constexpr int precedence = PREC;                              \
        static constexpr int left_min = LEFT;                                \
        static constexpr int right_min = RIGHT;                              \
        template <class L, class R>                                          \
        using result = typename RESULT::template type<L, R>;                 \
    }

RETORT_SQL_BINARY_OP(op_eq, " = ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_ne, " != ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_lt, " < ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_le, " <= ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_gt, " > ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_ge, " >= ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_like, " LIKE ", prec::compare, prec::concat, prec::concat, bool_result);
RETORT_SQL_BINARY_OP(op_not_like, " NOT LIKE ", prec::compare, prec::concat, prec::concat,
                     bool_result);
RETORT_SQL_BINARY_OP(op_and, " AND ", prec::and_, prec::and_, prec::and_, bool_result);
RETORT_SQL_BINARY_OP(op_or, " OR ", prec::or_, prec::or_, prec::or_, bool_result);
RETORT_SQL_BINARY_OP(op_add, " + ", prec::add, prec::add, prec::add, arith_result);
RETORT_SQL_BINARY_OP(op_sub, " - ", prec::add, prec::add, prec::add + 1, arith_result);
RETORT_SQL_BINARY_OP(op_mul, " * ", prec::mul, prec::mul, prec::mul, arith_result);
RETORT_SQL_BINARY_OP(op_div, " / ", prec::mul, prec::mul, prec::mul + 1, arith_result);
RETORT_SQL_BINARY_OP(op_mod, " % ", prec::mul, prec::mul, prec::mul + 1, arith_result);
// SQLite binds || tighter than * and PostgreSQL looser than +: only other || or primaries
// go unparenthesised, so the text means the same on both.
RETORT_SQL_BINARY_OP(op_concat, " || ", prec::concat, prec::primary, prec::primary,
                     concat_result);
#undef RETORT_SQL_BINARY_OP

template <class Op, class L, class R>
struct binary : expr_ops<binary<Op, L, R>> {
    using retort_expression = void;
    using value_type = typename Op::template result<typename L::value_type, typename R::value_type>;
    using sources = merge_sources_t<typename L::sources, typename R::sources>;
    static constexpr int precedence = Op::precedence;
    static constexpr bool aggregate = L::aggregate || R::aggregate;
    static constexpr bool bare = L::bare || R::bare;
    static constexpr bool has_params = has_params_v<L> || has_params_v<R>;

    L l;
    R r;

    static constexpr void render(writer& w) {
        // A chain of || stays unparenthesised (see op_concat).
        constexpr bool concat = std::is_same_v<Op, op_concat>;
        constexpr bool lp = L::precedence < Op::left_min && !(concat && L::precedence == prec::concat);
        constexpr bool rp = R::precedence < Op::right_min && !(concat && R::precedence == prec::concat);
        if constexpr (lp) w.put('(');
        L::render(w);
        if constexpr (lp) w.put(')');
        w.put(Op::text);
        if constexpr (rp) w.put('(');
        R::render(w);
        if constexpr (rp) w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(l)>) l.visit_params(d, f);
        if constexpr (has_params_v<decltype(r)>) r.visit_params(d, f);
    }
};

template <class Op, class L, class R>
RETORT_SQL_INLINE constexpr auto make_binary(const L& l, const R& r) {
    return binary<Op, L, R>{{}, l, r};
}

/** A WHERE or HAVING slot with one more condition: the condition alone in an empty slot,
 *  else joined with AND. */
template <class Old, class C>
RETORT_SQL_INLINE constexpr auto and_condition(const Old& old, const C& c) {
    if constexpr (is_none_v<Old>)
        return c;
    else
        return make_binary<op_and>(old, c);
}

// ---- unary and postfix operators ------------------------------------------------------------

#define RETORT_SQL_UNARY_OP(NAME, PREFIX, SUFFIX, PREC, CHILD, RESULT) \
    struct NAME {                                                     \
        static constexpr std::string_view prefix = PREFIX;            \
        static constexpr std::string_view suffix = SUFFIX;            \
        static constexpr int precedence = PREC;                       \
        static constexpr int child_min = CHILD;                       \
        template <class E>                                            \
        using result = typename RESULT::template type<E, E>;          \
    }

RETORT_SQL_UNARY_OP(op_not, "NOT ", "", prec::not_, prec::primary, bool_result);
RETORT_SQL_UNARY_OP(op_is_null, "", " IS NULL", prec::compare, prec::concat, bool_result);
RETORT_SQL_UNARY_OP(op_is_not_null, "", " IS NOT NULL", prec::compare, prec::concat, bool_result);
#undef RETORT_SQL_UNARY_OP

struct op_neg {
    static constexpr std::string_view prefix = "-";
    static constexpr std::string_view suffix = "";
    static constexpr int precedence = prec::unary;
    static constexpr int child_min = prec::primary;
    template <class E>
    using result = E;
};

template <class Op, class E>
struct unary : expr_ops<unary<Op, E>> {
    using retort_expression = void;
    using value_type = typename Op::template result<typename E::value_type>;
    using sources = typename E::sources;
    static constexpr int precedence = Op::precedence;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;
    static constexpr bool has_params = has_params_v<E>;

    E e;

    static constexpr void render(writer& w) {
        constexpr bool parens = E::precedence < Op::child_min;
        w.put(Op::prefix);
        if constexpr (parens) w.put('(');
        E::render(w);
        if constexpr (parens) w.put(')');
        w.put(Op::suffix);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
    }
};

/** `x ILIKE p` on PostgreSQL, `lower(x) LIKE lower(p)` on SQLite; `Not` adds NOT. */
template <bool Not, class L, class R>
struct ilike_node : expr_ops<ilike_node<Not, L, R>> {
    using retort_expression = void;
    using value_type = bool;
    using sources = merge_sources_t<typename L::sources, typename R::sources>;
    static constexpr int precedence = prec::compare;
    static constexpr bool aggregate = L::aggregate || R::aggregate;
    static constexpr bool bare = L::bare || R::bare;
    static constexpr bool has_params = has_params_v<L> || has_params_v<R>;

    L l;
    R r;

    static constexpr void render(writer& w) {
        if (w.dialect().kind == dialect_kind::postgresql) {
            if constexpr (L::precedence < prec::concat) w.put('(');
            L::render(w);
            if constexpr (L::precedence < prec::concat) w.put(')');
            w.put(Not ? " NOT ILIKE " : " ILIKE ");
            if constexpr (R::precedence < prec::concat) w.put('(');
            R::render(w);
            if constexpr (R::precedence < prec::concat) w.put(')');
        } else {
            w.put("lower(");
            L::render(w);
            w.put(Not ? ") NOT LIKE lower(" : ") LIKE lower(");
            R::render(w);
            w.put(')');
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(l)>) l.visit_params(d, f);
        if constexpr (has_params_v<decltype(r)>) r.visit_params(d, f);
    }
};

/** `x BETWEEN a AND b`. */
template <class E, class A, class B>
struct between_node : expr_ops<between_node<E, A, B>> {
    using retort_expression = void;
    using value_type = bool;
    using sources = merge_sources_t<typename E::sources, typename A::sources, typename B::sources>;
    static constexpr int precedence = prec::compare;
    static constexpr bool aggregate = E::aggregate || A::aggregate || B::aggregate;
    static constexpr bool bare = E::bare || A::bare || B::bare;
    static constexpr bool has_params = has_params_v<E> || has_params_v<A> || has_params_v<B>;

    E e;
    A a;
    B b;

    static constexpr void render(writer& w) {
        if constexpr (E::precedence < prec::concat) w.put('(');
        E::render(w);
        if constexpr (E::precedence < prec::concat) w.put(')');
        w.put(" BETWEEN ");
        if constexpr (A::precedence < prec::concat) w.put('(');
        A::render(w);
        if constexpr (A::precedence < prec::concat) w.put(')');
        w.put(" AND ");
        if constexpr (B::precedence < prec::concat) w.put('(');
        B::render(w);
        if constexpr (B::precedence < prec::concat) w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
        if constexpr (has_params_v<decltype(a)>) a.visit_params(d, f);
        if constexpr (has_params_v<decltype(b)>) b.visit_params(d, f);
    }
};

/** `expr AS name` in a select list; the expression itself elsewhere, its name in ORDER BY. */
template <class E, fixed_string Name>
struct labeled : expr_ops<labeled<E, Name>> {
    using retort_expression = void;
    using value_type = typename E::value_type;
    using sources = typename E::sources;
    static constexpr int precedence = E::precedence;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;
    static constexpr bool has_params = has_params_v<E>;
    static constexpr std::string_view name = Name.view();
    using inner = E;

    E e;

    static constexpr void render(writer& w) { E::render(w); }
    static constexpr void render_select_item(writer& w) {
        E::render(w);
        w.put(" AS ");
        put_ident(w, name);
    }
    static constexpr void render_order_item(writer& w) { put_ident(w, name); }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
    }
};

/** A term of ORDER BY: the expression, ASC/DESC, NULLS FIRST/LAST. */
enum class order_dir : unsigned char { none, asc, desc };
enum class nulls_order : unsigned char { none, first, last };

template <class E, order_dir Dir, nulls_order Nulls>
struct order_term {
    using retort_order_term = void;
    using sources = typename E::sources;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;
    static constexpr bool has_params = has_params_v<E>;

    E e;

    /** `... NULLS FIRST` */
    RETORT_SQL_INLINE constexpr order_term<E, Dir, nulls_order::first> nulls_first() const { return {e}; }
    /** `... NULLS LAST` */
    RETORT_SQL_INLINE constexpr order_term<E, Dir, nulls_order::last> nulls_last() const { return {e}; }

    static constexpr void render(writer& w) {
        if constexpr (requires { E::render_order_item(w); })
            E::render_order_item(w);
        else
            E::render(w);
        if constexpr (Dir == order_dir::asc) w.put(" ASC");
        if constexpr (Dir == order_dir::desc) w.put(" DESC");
        if constexpr (Nulls == nulls_order::first) w.put(" NULLS FIRST");
        if constexpr (Nulls == nulls_order::last) w.put(" NULLS LAST");
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
    }
};

// ---- checks shared by the operators ---------------------------------------------------------

template <class L, class V>
consteval void check_value_operand() {
    static_assert(!std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>,
                  "retort: comparing with std::nullopt is never true in SQL; use .is_null() or "
                  ".is_not_null()");
    static_assert(!is_optional_v<std::remove_cvref_t<V>>,
                  "retort: compare a column with a plain value, not a std::optional; test for "
                  "NULL with .is_null() / .is_not_null()");
}

template <class V>
consteval void check_bindable() {
    static_assert(bindable<stored_value_t<V>>,
                  "retort: a value of this type cannot be bound as a parameter; convert it, or "
                  "give it a retort::type_traits specialisation");
}

template <class L, class R>
consteval void check_comparable() {
    static_assert(comparable_v<L, R>,
                  "retort: incompatible comparison: the two sides have types that cannot be "
                  "compared (integers go with integers, floating point with numbers, strings with "
                  "strings, time points with time points, enums and bool with their own type)");
}

template <class Op, class L, class R>
RETORT_SQL_INLINE constexpr auto compare(const L& l, const R& r) {
    if constexpr (!expression_like<L>) check_value_operand<R, L>();
    if constexpr (!expression_like<R>) check_value_operand<L, R>();
    if constexpr (!expression_like<L>) check_bindable<L>();
    if constexpr (!expression_like<R>) check_bindable<R>();
    check_comparable<value_type_of_t<L>, value_type_of_t<R>>();
    // The node built here rather than through make_binary and as_operand of an expression:
    // fewer instantiations per comparison.
    if constexpr (expression<L> && expression<R>)
        return binary<Op, L, R>{{}, l, r};
    else if constexpr (expression<L>)
        return binary<Op, L, operand_t<R>>{{}, l, as_operand(r)};
    else
        return binary<Op, operand_t<L>, operand_t<R>>{{}, as_operand(l), as_operand(r)};
}

template <class Op, class L, class R>
RETORT_SQL_INLINE constexpr auto arithmetic(const L& l, const R& r) {
    using lv = value_type_of_t<L>;
    using rv = value_type_of_t<R>;
    if constexpr (!expression_like<L>) check_value_operand<R, L>();
    if constexpr (!expression_like<R>) check_value_operand<L, R>();
    static_assert(numeric_v<lv> && numeric_v<rv>,
                  "retort: arithmetic needs numbers on both sides; use concat() for strings");
    if constexpr (std::is_same_v<Op, op_mod>)
        static_assert(std::is_integral_v<strip_optional_t<lv>> &&
                          std::is_integral_v<strip_optional_t<rv>>,
                      "retort: % needs integers on both sides");
    return make_binary<Op>(as_operand(l), as_operand(r));
}

template <class Op, class L, class R>
RETORT_SQL_INLINE constexpr auto connective(const L& l, const R& r) {
    static_assert(boolean_v<value_type_of_t<L>> && boolean_v<value_type_of_t<R>>,
                  "retort: && and || join conditions: both sides must be boolean expressions");
    if constexpr (expression<L> && expression<R>)
        return binary<Op, L, R>{{}, l, r};
    else
        return binary<Op, operand_t<L>, operand_t<R>>{{}, as_operand(l), as_operand(r)};
}

template <class A, class B>
inline constexpr bool one_expression_v = (expression<A> || expression<B>) &&
                                         !statement<A> && !statement<B>;

}  // namespace retort::detail

namespace retort {

// Found by argument-dependent lookup: every expression node lives in retort::detail.
namespace detail {

template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator==(const L& l, const R& r) {
    return compare<op_eq>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator!=(const L& l, const R& r) {
    return compare<op_ne>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator<(const L& l, const R& r) {
    return compare<op_lt>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator<=(const L& l, const R& r) {
    return compare<op_le>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator>(const L& l, const R& r) {
    return compare<op_gt>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator>=(const L& l, const R& r) {
    return compare<op_ge>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator&&(const L& l, const R& r) {
    return connective<op_and>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator||(const L& l, const R& r) {
    return connective<op_or>(l, r);
}
template <expression E>
RETORT_SQL_INLINE constexpr auto operator!(const E& e) {
    static_assert(boolean_v<typename E::value_type>, "retort: ! negates a boolean expression");
    return unary<op_not, E>{{}, e};
}
template <expression E>
RETORT_SQL_INLINE constexpr auto operator-(const E& e) {
    static_assert(numeric_v<typename E::value_type>, "retort: unary - needs a number");
    return unary<op_neg, E>{{}, e};
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator+(const L& l, const R& r) {
    return arithmetic<op_add>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator-(const L& l, const R& r) {
    return arithmetic<op_sub>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator*(const L& l, const R& r) {
    return arithmetic<op_mul>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator/(const L& l, const R& r) {
    return arithmetic<op_div>(l, r);
}
template <class L, class R>
    requires one_expression_v<L, R>
RETORT_SQL_INLINE constexpr auto operator%(const L& l, const R& r) {
    return arithmetic<op_mod>(l, r);
}

}  // namespace detail

/** String concatenation, `a || b || ...`: `retort::concat(col<&User::username>, "!")`. */
template <class A, class B, class... Rest>
RETORT_SQL_INLINE constexpr auto concat(const A& a, const B& b, const Rest&... rest) {
    using detail::value_type_of_t;
    static_assert(detail::string_v<value_type_of_t<A>> && detail::string_v<value_type_of_t<B>> &&
                      (detail::string_v<value_type_of_t<Rest>> && ...),
                  "retort::concat() joins strings: every operand must be a string");
    auto head =
        detail::make_binary<detail::op_concat>(detail::as_operand(a), detail::as_operand(b));
    if constexpr (sizeof...(Rest) == 0)
        return head;
    else
        return concat(head, rest...);
}

}  // namespace retort
