// Statements inside statements: EXISTS, scalar subqueries, subqueries in FROM, and CTEs.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"

namespace retort::detail {

// ---- the columns a statement yields, by position, name or member ------------------------

template <class E>
constexpr std::string_view item_name() {
    if constexpr (requires { E::name; })
        return E::name;
    else
        return {};
}

template <class E, auto X>
constexpr bool item_matches() {
    if constexpr (std::is_member_object_pointer_v<decltype(X)>) {
        if constexpr (requires { E::member; }) {
            if constexpr (std::is_same_v<std::remove_cv_t<decltype(E::member)>, decltype(X)>)
                return E::member == X && !requires { E::inner; };
            else
                return false;
        } else {
            return false;
        }
    } else {
        return item_name<E>() == std::string_view(X);
    }
}

/** The columns of a statement's select list: `count`, `name(i)`, `find<X>()`, `type<I>`. */
template <class Stmt, class Cols = typename Stmt::cols_type>
struct statement_columns {
    template <class L>
    struct names_of;
    template <class... E>
    struct names_of<expr_list<E...>> {
        static constexpr std::array<std::string_view, sizeof...(E)> value{item_name<E>()...};
        template <auto X>
        static constexpr std::size_t find() {
            constexpr bool hits[] = {item_matches<E, X>()..., false};
            for (std::size_t i = 0; i != sizeof...(E); ++i)
                if (hits[i]) return i;
            return npos;
        }
    };
    static constexpr std::size_t count = Cols::size;
    static constexpr std::string_view name(std::size_t i) { return names_of<Cols>::value[i]; }
    template <auto X>
    static constexpr std::size_t find() {
        return names_of<Cols>::template find<X>();
    }
    template <std::size_t I>
    using type = std::tuple_element_t<I, typename Stmt::result_type>;
};

template <class Stmt, class S>
struct statement_columns<Stmt, expr_list<all_columns<S>>> {
    using m = model<source_model_t<S>>;
    static constexpr std::size_t count = m::column_count;
    static constexpr std::string_view name(std::size_t i) { return m::columns[i].name; }
    template <auto X>
    static constexpr std::size_t find() {
        if constexpr (std::is_member_object_pointer_v<decltype(X)>) {
            return column_index_of<source_model_t<S>, X>();
        } else {
            for (std::size_t i = 0; i != count; ++i)
                if (m::columns[i].name == std::string_view(X)) return i;
            return npos;
        }
    }
    template <std::size_t I>
    using type = reflect::field_t<source_model_t<S>, m::field_of_column[I]>;
};

/** A column of a subquery or CTE: `name.column`. */
template <class Src, std::size_t I>
struct derived_column : expr_ops<derived_column<Src, I>> {
    using columns = statement_columns<typename Src::statement_type>;
    static_assert(I != npos,
                  "retort: this column is not in the subquery's select list; select it there, "
                  "or give it a .label<\"name\">() and use that name");
    static_assert(I == npos || !columns::name(I).empty(),
                  "retort: a subquery column needs a name: give it a .label<\"name\">()");

    using retort_expression = void;
    using value_type = typename columns::template type<(I == npos ? 0 : I)>;
    using sources = type_list<Src>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = true;
    static constexpr bool has_params = false;
    static constexpr std::string_view name = I == npos ? std::string_view{} : columns::name(I);

    static constexpr void render(writer& w) {
        if ((w.flags & flag_unqualified) == 0) {
            Src::render_name(w);
            w.put('.');
        }
        put_ident(w, name);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

/** `(SELECT ...) AS name` in FROM or JOIN; its values travel with it. */
template <fixed_string Name, class Stmt>
struct subquery_source {
    using retort_source = void;
    using model_type = void;
    using statement_type = Stmt;
    static constexpr bool is_model = false;
    static constexpr bool source_has_params = true;
    using free_sources = free_sources_t<Stmt>;

    Stmt stmt;

    static constexpr void render_name(writer& w) { put_ident(w, Name.view()); }
    static constexpr void render_from(writer& w) {
        w.put('(');
        Stmt::render(w);
        w.put(") AS ");
        put_ident(w, Name.view());
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(stmt)>) stmt.visit_params(d, f);
    }

    /** A column of the subquery by the member it selects: `sq.col<&User::id>`. */
    template <auto MP>
    static constexpr derived_column<subquery_source, statement_columns<Stmt>::template find<MP>()>
        col{};
    /** A labelled expression of the subquery: `sq.named<"n">` for `count().label<"n">()`. */
    template <fixed_string Label>
    static constexpr derived_column<subquery_source,
                                    statement_columns<Stmt>::template find<Label>()>
        named{};
};

/** A common table expression: `WITH name AS (SELECT ...)`; named alone in FROM and JOIN. */
template <fixed_string Name, class Stmt>
struct cte_source {
    using retort_source = void;
    using model_type = void;
    using statement_type = Stmt;
    static constexpr bool is_model = false;
    using free_sources = free_sources_t<Stmt>;

    Stmt stmt;

    static constexpr void render_name(writer& w) { put_ident(w, Name.view()); }
    static constexpr void render_from(writer& w) { put_ident(w, Name.view()); }

    /** A column of the CTE by member (`c.col<&User::id>`) or label (`c.named<"n">`). */
    template <auto MP>
    static constexpr derived_column<cte_source, statement_columns<Stmt>::template find<MP>()> col{};
    template <fixed_string Label>
    static constexpr derived_column<cte_source, statement_columns<Stmt>::template find<Label>()>
        named{};
};

template <class C>
inline constexpr bool is_cte_v = false;
template <fixed_string Name, class Stmt>
inline constexpr bool is_cte_v<cte_source<Name, Stmt>> = true;

/** One `name AS (SELECT ...)` of a WITH clause. */
template <class C>
struct cte_definition {
    using source = C;
    using sources = typename C::free_sources;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    C cte;
    static constexpr void render(writer& w) {
        C::render_name(w);
        w.put(" AS (");
        C::statement_type::render(w);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(cte.stmt)>) cte.stmt.visit_params(d, f);
    }
};

/** `EXISTS (SELECT ...)` */
template <class Stmt>
struct exists_node : expr_ops<exists_node<Stmt>> {
    using retort_expression = void;
    using value_type = bool;
    using sources = free_sources_t<Stmt>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    Stmt stmt;
    static constexpr void render(writer& w) {
        w.put("EXISTS (");
        Stmt::render(w);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(stmt)>) stmt.visit_params(d, f);
    }
};

/** `(SELECT x ...)` as a value: NULL-able unless it always yields one row (an aggregate). */
template <class Stmt>
struct scalar_subquery_node : expr_ops<scalar_subquery_node<Stmt>> {
    static_assert(std::tuple_size_v<typename Stmt::result_type> == 1,
                  "retort: a scalar subquery selects exactly one column");
    using retort_expression = void;
    using element = std::tuple_element_t<0, typename Stmt::result_type>;
    using value_type = std::conditional_t<Stmt::single_row, element, nullable_t<element>>;
    using sources = free_sources_t<Stmt>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    Stmt stmt;
    static constexpr void render(writer& w) {
        w.put('(');
        Stmt::render(w);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(stmt)>) stmt.visit_params(d, f);
    }
};

}  // namespace retort::detail

namespace retort {

/** `EXISTS (subquery)`: `exists(select(col<&Post::id>).where(col<&Post::author_id> ==
 *  col<&User::id>))`; the outer query's tables may be used inside (correlation). */
template <detail::statement Stmt>
RETORT_SQL_INLINE constexpr auto exists(const Stmt& s) {
    return detail::exists_node<Stmt>{{}, s};
}

}  // namespace retort
