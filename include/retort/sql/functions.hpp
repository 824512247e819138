// SQL functions: aggregates, coalesce, cast, CASE, CURRENT_TIMESTAMP, any function by name.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/detail/fixed_string.hpp"
#include "retort/schema/options.hpp"
#include "retort/sql/expr_list.hpp"
#include "retort/sql/expr_ops.hpp"
#include "retort/types/traits.hpp"

namespace retort::detail {

/** A function's name as a type: `Name::text`. Built-in ones are plain tags (cheaper to compile
 *  than a string template argument); func::call<"f", R> names any other. */
template <fixed_string Name>
struct function_name {
    static constexpr std::string_view text = Name.view();
};
struct fn_count {
    static constexpr std::string_view text = "count";
};
// PostgreSQL's sum() of a bigint and avg() of any integer are `numeric`, which a driver reads
// as text; casting to the declared result type lets the server convert (and report an
// overflow) instead of every reader parsing decimal text.
struct fn_sum {
    static constexpr std::string_view text = "sum";
    static constexpr bool cast_on_postgresql = true;
};
struct fn_avg {
    static constexpr std::string_view text = "avg";
    static constexpr bool cast_on_postgresql = true;
};
struct fn_min {
    static constexpr std::string_view text = "min";
};
struct fn_max {
    static constexpr std::string_view text = "max";
};
struct fn_coalesce {
    static constexpr std::string_view text = "coalesce";
};

/** `name(args...)`, or `name(DISTINCT arg)`; `Aggregate` marks count/sum/avg/min/max. */
template <class Name, class R, bool Aggregate, bool Distinct, class... Args>
struct function_call : expr_ops<function_call<Name, R, Aggregate, Distinct, Args...>> {
    using retort_expression = void;
    using value_type = R;
    using args_type = expr_list<Args...>;
    using sources = typename args_type::sources;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = Aggregate || args_type::aggregate;
    // Columns inside an aggregate are aggregated, not bare.
    static constexpr bool bare = !Aggregate && args_type::bare;
    static constexpr bool has_params = args_type::has_params;

    args_type args;

    static constexpr void render(writer& w) {
        constexpr bool castable = requires { Name::cast_on_postgresql; };
        const bool cast = castable && w.dialect().kind == dialect_kind::postgresql;
        if (cast) w.put("CAST(");
        w.put(Name::text);
        w.put('(');
        if constexpr (Distinct) w.put("DISTINCT ");
        if constexpr (sizeof...(Args) == 0 && Aggregate)
            w.put('*');
        else
            args_type::render(w);
        w.put(')');
        if constexpr (castable) {
            if (cast) {
                w.put(" AS ");
                put_type_name(w, sql_kind_v<strip_optional_t<R>>);
                w.put(')');
            }
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(args)>) args.visit_params(d, f);
    }
};

template <class Name, class R, bool Aggregate, bool Distinct, class... X>
RETORT_SQL_INLINE constexpr auto make_call(const X&... x) {
    return function_call<Name, R, Aggregate, Distinct, operand_t<X>...>{{},
                                                                      make_list(as_operand(x)...)};
}

/** `CURRENT_TIMESTAMP` */
struct now_node : expr_ops<now_node> {
    using retort_expression = void;
    using value_type = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;
    using sources = type_list<>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = false;
    static constexpr void render(writer& w) { w.put(func::now_t::sql); }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

template <>
struct expression_adapter<func::now_t> {
    using type = now_node;
    static constexpr now_node convert(const func::now_t&) { return {}; }
};

/** `CAST(x AS type)` */
template <class T, class E>
struct cast_node : expr_ops<cast_node<T, E>> {
    using retort_expression = void;
    using value_type = std::conditional_t<is_optional_v<typename E::value_type>, nullable_t<T>, T>;
    using sources = typename E::sources;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;
    static constexpr bool has_params = has_params_v<E>;

    E e;

    static constexpr void render(writer& w) {
        w.put("CAST(");
        E::render(w);
        w.put(" AS ");
        put_type_name(w, sql_kind_v<strip_optional_t<T>>);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
    }
};

/** `WHEN cond THEN value` */
template <class C, class V>
struct when_clause {
    using sources = merge_sources_t<typename C::sources, typename V::sources>;
    using value_type = typename V::value_type;
    static constexpr bool aggregate = C::aggregate || V::aggregate;
    static constexpr bool bare = C::bare || V::bare;
    static constexpr bool has_params = has_params_v<C> || has_params_v<V>;
    C cond;
    V value;
    static constexpr void render(writer& w) {
        w.put("WHEN ");
        C::render(w);
        w.put(" THEN ");
        V::render(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(cond)>) cond.visit_params(d, f);
        if constexpr (has_params_v<decltype(value)>) value.visit_params(d, f);
    }
};

/** `ELSE value` */
template <class V>
struct else_clause {
    V value;
};

template <class Else, class... Whens>
struct case_node : expr_ops<case_node<Else, Whens...>> {
    using retort_expression = void;
    using first_type = typename front<type_list<Whens...>>::type::value_type;
    using value_type = std::conditional_t<
        is_none_v<Else>, nullable_t<first_type>,
        std::conditional_t<is_optional_v<first_type> || is_optional_v<value_type_of_t<Else>>,
                           nullable_t<first_type>, first_type>>;
    using whens_type = expr_list<Whens...>;
    using sources = merge_sources_t<typename whens_type::sources, typename Else::sources>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = whens_type::aggregate || Else::aggregate;
    static constexpr bool bare = whens_type::bare || Else::bare;
    static constexpr bool has_params = whens_type::has_params || has_params_v<Else>;

    whens_type whens;
    Else otherwise;

    static constexpr void render(writer& w) {
        w.put("CASE ");
        whens_type::render(w, " ");
        if constexpr (!is_none_v<Else>) {
            w.put(" ELSE ");
            Else::render(w);
        }
        w.put(" END");
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(whens)>) whens.visit_params(d, f);
        if constexpr (has_params_v<decltype(otherwise)>) otherwise.visit_params(d, f);
    }
};

template <class T>
using sum_result_t = nullable_t<std::conditional_t<std::is_floating_point_v<strip_optional_t<T>>,
                                                   double, std::int64_t>>;

}  // namespace retort::detail

namespace retort {

/** `count(*)` */
RETORT_SQL_INLINE constexpr auto count() { return detail::make_call<detail::fn_count, std::int64_t, true, false>(); }
/** `count(x)`: the rows where x is not NULL. */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto count(const E& e) {
    return detail::make_call<detail::fn_count, std::int64_t, true, false>(e);
}
/** `count(DISTINCT x)` */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto count_distinct(const E& e) {
    return detail::make_call<detail::fn_count, std::int64_t, true, true>(e);
}
/** `sum(x)`: std::optional (NULL over no rows) of int64 or double. */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto sum(const E& e) {
    static_assert(detail::numeric_v<typename E::value_type>, "retort::sum() needs a number");
    return detail::make_call<detail::fn_sum, detail::sum_result_t<typename E::value_type>, true, false>(e);
}
/** `avg(x)`: std::optional<double>. */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto avg(const E& e) {
    static_assert(detail::numeric_v<typename E::value_type>, "retort::avg() needs a number");
    return detail::make_call<detail::fn_avg, std::optional<double>, true, false>(e);
}
/** `min(x)`: std::optional of x's type. */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto min(const E& e) {
    return detail::make_call<detail::fn_min, detail::nullable_t<typename E::value_type>, true, false>(e);
}
/** `max(x)`: std::optional of x's type. */
template <detail::expression E>
RETORT_SQL_INLINE constexpr auto max(const E& e) {
    return detail::make_call<detail::fn_max, detail::nullable_t<typename E::value_type>, true, false>(e);
}

/** `coalesce(a, b, ...)`: the first non-NULL; not nullable when the last operand is not. */
template <class A, class B, class... Rest>
RETORT_SQL_INLINE constexpr auto coalesce(const A& a, const B& b, const Rest&... rest) {
    using first = detail::value_type_of_t<A>;
    static_assert(detail::comparable_v<first, detail::value_type_of_t<B>> &&
                      (detail::comparable_v<first, detail::value_type_of_t<Rest>> && ...),
                  "retort::coalesce(): every operand must have a type compatible with the first");
    using last = detail::value_type_of_t<detail::at_t<sizeof...(Rest), detail::type_list<B, Rest...>>>;
    using result = std::conditional_t<detail::is_optional_v<last>, detail::nullable_t<first>,
                                      detail::strip_optional_t<first>>;
    return detail::make_call<detail::fn_coalesce, result, false, false>(a, b, rest...);
}

/** `CAST(x AS type)`, with the dialect's name for T: `retort::cast<double>(col<&Post::id>)`. */
template <class T, class E>
RETORT_SQL_INLINE constexpr auto cast(const E& e) {
    using op = detail::operand_t<E>;
    return detail::cast_node<T, op>{{}, detail::as_operand(e)};
}

/** A branch of case_(): `when(col<&User::age> < 18, "minor")`. */
template <class C, class V>
RETORT_SQL_INLINE constexpr auto when(const C& cond, const V& value) {
    static_assert(detail::boolean_v<detail::value_type_of_t<C>>,
                  "retort::when(): the condition must be a boolean expression");
    return detail::when_clause<detail::operand_t<C>, detail::operand_t<V>>{detail::as_operand(cond),
                                                                           detail::as_operand(value)};
}
/** The last branch of case_(): `else_("adult")`. */
template <class V>
RETORT_SQL_INLINE constexpr auto else_(const V& value) {
    return detail::else_clause<detail::operand_t<V>>{detail::as_operand(value)};
}

namespace detail {
template <class... Ws>
RETORT_SQL_INLINE constexpr auto make_case(const none& e, const Ws&... ws) {
    return case_node<none, Ws...>{{}, make_list(ws...), e};
}
template <class V, class... Ws>
RETORT_SQL_INLINE constexpr auto make_case(const else_clause<V>& e, const Ws&... ws) {
    return case_node<V, Ws...>{{}, make_list(ws...), e.value};
}
template <class X>
inline constexpr bool is_else_v = false;
template <class V>
inline constexpr bool is_else_v<else_clause<V>> = true;
}  // namespace detail

/** `CASE WHEN c THEN v ... [ELSE e] END`: `case_(when(c1, v1), when(c2, v2), else_(v3))`. */
template <class... Args>
RETORT_SQL_INLINE constexpr auto case_(const Args&... args) {
    static_assert(sizeof...(Args) > 0, "retort::case_() needs at least one when()");
    using last = detail::at_t<sizeof...(Args) - 1, detail::type_list<Args...>>;
    if constexpr (detail::is_else_v<last>) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            const auto refs = std::forward_as_tuple(args...);
            return detail::make_case(std::get<sizeof...(Args) - 1>(refs), std::get<I>(refs)...);
        }(std::make_index_sequence<sizeof...(Args) - 1>{});
    } else {
        return detail::make_case(detail::none{}, args...);
    }
}

namespace func {
/** Any SQL function by name, with its result type: `func::call<"lower", std::string>(x)`. */
template <fixed_string Name, class R, class... X>
RETORT_SQL_INLINE constexpr auto call(const X&... x) {
    return detail::make_call<detail::function_name<Name>, R, false, false>(x...);
}
}  // namespace func

}  // namespace retort
