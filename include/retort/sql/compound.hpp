// UNION and UNION ALL of two statements with the same columns.
#pragma once

#include <tuple>
#include <type_traits>

#include "retort/sql/expression.hpp"

namespace retort::detail {

template <class A, class B>
constexpr bool same_shape() {
    using ra = typename A::result_type;
    using rb = typename B::result_type;
    if constexpr (std::is_same_v<ra, rb>) {
        return true;
    } else if constexpr (requires { std::tuple_size<ra>::value; std::tuple_size<rb>::value; }) {
        if constexpr (std::tuple_size_v<ra> != std::tuple_size_v<rb>)
            return false;
        else
            return []<std::size_t... I>(std::index_sequence<I...>) {
                return (comparable_v<std::tuple_element_t<I, ra>, std::tuple_element_t<I, rb>> &&
                        ...);
            }(std::make_index_sequence<std::tuple_size_v<ra>>{});
    } else {
        return false;
    }
}

/** `A UNION B` / `A UNION ALL B`; the result type is A's. */
template <bool All, class A, class B>
struct compound_stmt {
    static_assert(same_shape<A, B>(),
                  "retort: union_(): both statements must select the same number of columns, "
                  "of compatible types");
    using retort_statement = void;
    struct scope {
        using free_sources = merge_sources_t<free_sources_t<A>, free_sources_t<B>>;
    };
    using result_type = typename A::result_type;
    using cols_type = typename A::cols_type;
    static constexpr bool single_row = false;

    A a;
    B b;

    static constexpr void render(writer& w) {
        A::render(w);
        w.put(All ? " UNION ALL " : " UNION ");
        B::render(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(a)>) a.visit_params(d, f);
        if constexpr (has_params_v<decltype(b)>) b.visit_params(d, f);
    }
    static constexpr bool check() {
        static_assert(free_sources_t<compound_stmt>::size == 0,
                      "retort: a column's table is in neither FROM nor a JOIN of the statement; "
                      "add .join<T>() or .select_from<T>()");
        return A::check() && B::check();
    }
};

}  // namespace retort::detail

namespace retort {

/** `a UNION b` (duplicates removed): `union_(select(col<&User::email>), select(...))`. */
template <detail::statement A, detail::statement B>
RETORT_SQL_INLINE constexpr auto union_(const A& a, const B& b) {
    return detail::compound_stmt<false, A, B>{a, b};
}
/** `a UNION ALL b` */
template <detail::statement A, detail::statement B>
RETORT_SQL_INLINE constexpr auto union_all(const A& a, const B& b) {
    return detail::compound_stmt<true, A, B>{a, b};
}

}  // namespace retort
