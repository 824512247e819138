// SELECT statements: columns or whole models, FROM, JOIN, WHERE, GROUP BY, HAVING, ORDER BY,
// LIMIT/OFFSET, DISTINCT, WITH; and their use as subqueries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"
#include "retort/sql/join.hpp"
#include "retort/sql/loading.hpp"
#include "retort/sql/relationship.hpp"
#include "retort/sql/subquery.hpp"

namespace retort::detail {

/** `FROM source`, when given with select_from() rather than inferred. */
template <class S>
struct from_clause {
    using source = S;
    using sources = typename source_free<S>::type;
    static constexpr bool has_params = has_params_v<source_box_t<S>>;
    source_box_t<S> src;
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(src)>) src.visit_params(d, f);
    }
};

template <class From, class Cols>
struct from_source {
    using type = typename From::source;
};
template <class Cols>
    requires(Cols::sources::size != 0)
struct from_source<none, Cols> {
    using type = typename front<typename Cols::sources>::type;
    static_assert(!source_has_params_v<type>,
                  "retort: a subquery in FROM must be given with .select_from(subquery)");
};
/** Nothing names a table (`select(func::now())`): no FROM clause. */
template <class Cols>
    requires(Cols::sources::size == 0)
struct from_source<none, Cols> {
    using type = void;
};

template <class From>
using from_list_t = std::conditional_t<std::is_void_v<From>, type_list<>, type_list<From>>;

template <class Slot>
using slot_sources_t = typename Slot::sources;

/** A select-list item's value type, made nullable when it comes from a LEFT JOINed table. */
template <class E, class Left>
struct item_value {
    template <class List>
    struct touches;
    template <class... S>
    struct touches<type_list<S...>> : std::bool_constant<(contains_v<S, Left> || ...)> {};
    using type = std::conditional_t<E::bare && !E::aggregate && touches<typename E::sources>::value,
                                    nullable_t<typename E::value_type>, typename E::value_type>;
};

template <class R>
struct scalar_of {
    using type = R;
};
template <class T>
struct scalar_of<std::tuple<T>> {
    using type = T;
};

template <class Cols, class Left>
struct select_result;
template <class... E, class Left>
struct select_result<expr_list<E...>, Left> {
    using type = std::tuple<typename item_value<E, Left>::type...>;
};
template <class S, class Left>
struct select_result<expr_list<all_columns<S>>, Left> {
    using type = source_model_t<S>;
};

struct limit_clause {
    std::int64_t value;
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&& f) const {
        f(value);
    }
};

/** A list of CTE definitions is checked to hold CTEs only. */
template <class With>
struct with_sources {
    using type = type_list<>;
};
template <class... C>
struct with_sources<expr_list<cte_definition<C>...>> {
    using type = type_list<C...>;
};

template <class Bound, class Ctes>
struct ctes_declared;
template <class... S, class Ctes>
struct ctes_declared<type_list<S...>, Ctes>
    : std::bool_constant<((!is_cte_v<S> || contains_v<S, Ctes>) && ...)> {};

template <class Cols, class From, class Joins, class Where, class Group, class Having,
          class Order, class Limit, class Offset, class With, bool Distinct, class Plan>
struct select_stmt;

/** What a source object becomes in FROM or JOIN: subqueries keep their values, tables and
 *  aliases are empty boxes. */
template <class S>
RETORT_SQL_INLINE constexpr source_box_t<S> box_source(const S& s) {
    if constexpr (source_has_params_v<S>)
        return s;
    else
        return {};
}

/** An ORDER BY term: `col.desc()` as it is, a plain expression in default order. */
template <class T>
RETORT_SQL_INLINE constexpr auto order_item(const T& t) {
    if constexpr (requires { typename T::retort_order_term; })
        return t;
    else
        return order_term<operand_t<T>, order_dir::none, nulls_order::none>{as_operand(t)};
}

/*
 * The builders that change FROM or the joins live outside select_stmt: a member is declared
 * again for every intermediate statement type, so fewer members make every builder step
 * cheaper to compile.
 */
template <class F2, class Cols, class From, class Joins, class Where, class Group, class Having,
          class Order, class Limit, class Offset, class With, bool Distinct, class Plan>
RETORT_SQL_INLINE constexpr auto replace_from(
    const select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, With,
                      Distinct, Plan>& s,
    const F2& f) {
    return select_stmt<Cols, F2, Joins, Where, Group, Having, Order, Limit, Offset, With,
                       Distinct, Plan>{s.cols_,   f,        s.joins_, s.where_,  s.group_,
                                       s.having_, s.order_, s.limit_, s.offset_, s.with_};
}

template <class JS, class Cols, class From, class Joins, class Where, class Group, class Having,
          class Order, class Limit, class Offset, class With, bool Distinct, class Plan>
RETORT_SQL_INLINE constexpr auto replace_joins(
    const select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, With,
                      Distinct, Plan>& s,
    const JS& js) {
    return select_stmt<Cols, From, JS, Where, Group, Having, Order, Limit, Offset, With,
                       Distinct, Plan>{s.cols_,   s.from_,  js,       s.where_,  s.group_,
                                       s.having_, s.order_, s.limit_, s.offset_, s.with_};
}

/** join<S>(), join<S>(on), join(source), join(source, on). */
template <join_kind Kind, class S, class Stmt, class... A>
RETORT_SQL_INLINE constexpr auto join_source(const Stmt& stmt, const A&... a) {
    using bound = typename Stmt::scope::bound_sources;
    if constexpr (std::is_void_v<S>) {
        static_assert(sizeof...(A) == 1 || sizeof...(A) == 2,
                      "retort: join<T>(), join<T>(on), join(source) or join(source, on)");
        if constexpr (sizeof...(A) == 1 || sizeof...(A) == 2)
            return join_source_object<Kind>(stmt, a...);
    } else if constexpr (sizeof...(A) == 0) {
        check_fk_join<S, bound>();
        using j = join_clause<Kind, S, fk_on<S, bound>>;
        return replace_joins(stmt, append(stmt.joins_, j{source_box_t<S>{}, {}}));
    } else {
        static_assert(sizeof...(A) == 1 && (expression<A> && ...),
                      "retort: join<T>(on) takes the ON condition, e.g. join<Post>(col<&Post::"
                      "author_id> == col<&User::id>)");
        if constexpr (sizeof...(A) == 1 && (expression<A> && ...))
            return join_on<Kind, S>(stmt, source_box_t<S>{}, a...);
    }
}

template <join_kind Kind, class Stmt, class S, class... On>
RETORT_SQL_INLINE constexpr auto join_source_object(const Stmt& stmt, const S& s, const On&... on) {
    static_assert(!expression<S>,
                  "retort: join(source[, on]) takes a table alias or a subquery; for a table, "
                  "join<T>() or join<T>(on)");
    if constexpr (sizeof...(On) == 0) {
        using bound = typename Stmt::scope::bound_sources;
        check_fk_join<S, bound>();
        using j = join_clause<Kind, S, fk_on<S, bound>>;
        return replace_joins(stmt, append(stmt.joins_, j{box_source(s), {}}));
    } else {
        return join_on<Kind, S>(stmt, box_source(s), on...);
    }
}

template <join_kind Kind, class S, class Stmt, class Box, class On>
RETORT_SQL_INLINE constexpr auto join_on(const Stmt& stmt, const Box& b, const On& on) {
    check_explicit_join<S, typename Stmt::scope::bound_sources>();
    static_assert(boolean_v<typename On::value_type>,
                  "retort: a join's ON condition must be a boolean expression");
    using j = join_clause<Kind, S, On>;
    return replace_joins(stmt, append(stmt.joins_, j{b, on}));
}

/** join<&X::m>(): along a relationship of a table already in the query. */
template <join_kind Kind, auto Member, class Stmt>
RETORT_SQL_INLINE constexpr auto join_relationship(const Stmt& stmt) {
    using k = relationship_keys<Member>;
    using bound = typename Stmt::scope::bound_sources;
    static_assert(contains_v<typename k::owner, bound>,
                  "retort: join<&X::m>(): X is not in this query's FROM or JOINs; join X "
                  "first, or start from select<X>()");
    if constexpr (!contains_v<typename k::owner, bound>) {
        return stmt;
    } else if constexpr (k::many_to_many) {
        using assoc = typename k::near_child;
        check_explicit_join<assoc, bound>();
        check_explicit_join<typename k::target, concat_t<bound, type_list<assoc>>>();
        using j1 = join_clause<Kind, assoc, relationship_on<Member, false>>;
        using j2 = join_clause<Kind, typename k::target, relationship_on<Member, true>>;
        return replace_joins(stmt, append(append(stmt.joins_, j1{}), j2{}));
    } else {
        check_explicit_join<typename k::target, bound>();
        using j = join_clause<Kind, typename k::target, relationship_on<Member, false>>;
        return replace_joins(stmt, append(stmt.joins_, j{}));
    }
}

template <class Cols>
using select_of = select_stmt<Cols, none, expr_list<>, none, none, none, none, none, none, none,
                              false, type_list<>>;

/** Whether loader L names a relationship of model M (non-loaders are refused elsewhere). */
template <class M, class L>
constexpr bool loader_owned_by() {
    if constexpr (is_loader<L>::value)
        return std::is_same_v<typename L::meta::owner, M>;
    else
        return true;
}

template <class X>
RETORT_SQL_INLINE constexpr auto select_item(const X& x) {
    static_assert(!is_relationship_ref<X>::value,
                  "retort::col<&T::m>: m is a relationship member, not a column; load it with "
                  "selectinload/joinedload, or select the related model's columns");
    static_assert(expression_like<X>,
                  "retort::select(): select columns and expressions (col<&T::m>, count(), ...); "
                  "for whole models use select<T>()");
    return as_operand(x);
}

/** A SELECT statement; see retort::select. */
template <class Cols, class From, class Joins, class Where, class Group, class Having,
          class Order, class Limit, class Offset, class With, bool Distinct, class Plan>
struct select_stmt {
    using retort_statement = void;
    using cols_type = Cols;
    /** The tables in reach: FROM, the joins, and what is referenced but not bound. */
    struct scope {
        using from_type = typename from_source<From, Cols>::type;
        using bound_sources =
            concat_t<from_list_t<from_type>, typename join_sources<Joins>::all>;
        using free_sources = remove_sources_t<
            merge_sources_t<typename Cols::sources, typename From::sources,
                            typename Joins::sources, typename Where::sources,
                            typename Group::sources, typename Having::sources,
                            typename Order::sources, typename With::sources>,
            merge_sources_t<bound_sources, typename with_sources<With>::type>>;
    };
    /** The eager-loading options given with options(): `type_list<loader<...>...>`. */
    using load_plan = Plan;
    /** `User` for select<User>(), else `std::tuple<...>` of the selected expressions. */
    using result_type = typename select_result<Cols, typename join_sources<Joins>::left>::type;
    /** The type of the one selected expression, for scalar results. */
    using scalar_type = typename scalar_of<result_type>::type;
    /** Whether the statement always yields exactly one row (aggregates, no GROUP BY). */
    static constexpr bool single_row = Cols::aggregate && !Cols::bare && is_none_v<Group>;

    Cols cols_;
    From from_;
    Joins joins_;
    Where where_;
    Group group_;
    Having having_;
    Order order_;
    Limit limit_;
    Offset offset_;
    With with_;

    static constexpr void render(writer& w) {
        if constexpr (!is_none_v<With>) {
            w.put("WITH ");
            With::render(w);
            w.put(' ');
        }
        w.put(Distinct ? "SELECT DISTINCT " : "SELECT ");
        Cols::template render<item_style::select>(w);
        using joined = joined_plan<typename selected_source<Cols>::type, Plan>;
        if constexpr (Plan::size != 0) joined::render_columns(w);
        using from_type = typename scope::from_type;
        if constexpr (!std::is_void_v<from_type>) {
            w.put(" FROM ");
            render_source_from<from_type>(w);
        }
        if constexpr (Joins::size != 0) {
            w.put(' ');
            Joins::render(w, " ");
        }
        if constexpr (Plan::size != 0) joined::render_joins(w);
        if constexpr (!is_none_v<Where>) {
            w.put(" WHERE ");
            Where::render(w);
        }
        if constexpr (!is_none_v<Group>) {
            w.put(" GROUP BY ");
            Group::render(w);
        }
        if constexpr (!is_none_v<Having>) {
            w.put(" HAVING ");
            Having::render(w);
        }
        if constexpr (!is_none_v<Order>) {
            w.put(" ORDER BY ");
            Order::render(w);
        }
        if constexpr (!is_none_v<Limit>) {
            w.put(" LIMIT ");
            put_param(w);
        }
        if constexpr (!is_none_v<Offset>) {
            // SQLite accepts OFFSET only after a LIMIT; -1 means no limit.
            if (is_none_v<Limit> && w.dialect().kind == dialect_kind::sqlite) w.put(" LIMIT -1");
            w.put(" OFFSET ");
            put_param(w);
        }
    }

    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(with_)>) with_.visit_params(d, f);
        if constexpr (has_params_v<decltype(cols_)>) cols_.visit_params(d, f);
        if constexpr (has_params_v<decltype(from_)>) from_.visit_params(d, f);
        if constexpr (has_params_v<decltype(joins_)>) joins_.visit_params(d, f);
        if constexpr (has_params_v<decltype(where_)>) where_.visit_params(d, f);
        if constexpr (has_params_v<decltype(group_)>) group_.visit_params(d, f);
        if constexpr (has_params_v<decltype(having_)>) having_.visit_params(d, f);
        if constexpr (has_params_v<decltype(order_)>) order_.visit_params(d, f);
        if constexpr (has_params_v<decltype(limit_)>) limit_.visit_params(d, f);
        if constexpr (has_params_v<decltype(offset_)>) offset_.visit_params(d, f);
    }

    /** The checks made when the statement is rendered as a whole (not as a subquery). */
    static constexpr bool check() {
        static_assert(scope::free_sources::size == 0,
                      "retort: a column's table is in neither FROM nor a JOIN of the statement; "
                      "add .join<T>() or .select_from<T>()");
        static_assert(!(Cols::aggregate && Cols::bare) || !is_none_v<Group>,
                      "retort: the select list mixes aggregates with plain columns; add "
                      "group_by() with those columns");
        static_assert(is_none_v<Having> || !is_none_v<Group>,
                      "retort: having() needs group_by(); without groups use where()");
        static_assert(ctes_declared<typename scope::bound_sources,
                                    typename with_sources<With>::type>::value,
                      "retort: a CTE is used in FROM or JOIN but not declared; add .with(cte)");
        if constexpr (Plan::size != 0) {
            static_assert(!joined_plan<typename selected_source<Cols>::type, Plan>::has_collection ||
                              (is_none_v<Limit> && is_none_v<Offset>),
                          "retort: joinedload of a collection cannot be combined with "
                          "limit()/offset(): the limit would count joined rows; use selectinload");
        }
        return true;
    }

    // ---- builders: each returns a new statement type with one clause filled ----------------

    /** `SELECT DISTINCT` */
    RETORT_SQL_INLINE constexpr auto distinct() const {
        return select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, With,
                           true, Plan>{cols_,  from_,  joins_, where_,  group_,
                                 having_, order_, limit_, offset_, with_};
    }

    /** `FROM T` when the first selected column's table is not the one: `.select_from<Post>()`;
     *  `FROM (subquery) AS name`, or an alias: `.select_from(sq)`. */
    template <class S = void, class... A>
    RETORT_SQL_INLINE constexpr auto select_from(const A&... a) const {
        static_assert(is_none_v<From>, "retort: select_from() may appear only once");
        if constexpr (std::is_void_v<S>) {
            static_assert(sizeof...(A) == 1, "retort: select_from<T>() or select_from(source)");
            return replace_from(*this, from_clause<A...>{box_source(a...)});
        } else {
            static_assert(sizeof...(A) == 0, "retort: select_from<T>() or select_from(source)");
            static_assert(!source_has_params_v<S>,
                          "retort: pass a subquery object: select_from(sq)");
            return replace_from(*this, from_clause<S>{});
        }
    }

    /**
     * `JOIN T ON ...`, the ON condition from the one foreign key between T and the query:
     * `.join<Post>()`; with an explicit condition `.join<Post>(on)`; an alias or subquery
     * `.join(mgr)`, `.join(sq, on)`.
     */
    template <class S = void, class... A>
    RETORT_SQL_INLINE constexpr auto join(const A&... a) const {
        return join_source<join_kind::inner, S>(*this, a...);
    }
    /** `JOIN posts ON posts.author_id = users.id`: along a relationship of a table already in
     *  the query; many_to_many joins the association table, then the target. */
    template <auto Member>
        requires std::is_member_object_pointer_v<decltype(Member)>
    RETORT_SQL_INLINE constexpr auto join() const {
        return join_relationship<join_kind::inner, Member>(*this);
    }
    /** `LEFT OUTER JOIN T ON ...`, the same forms as join(): T's columns become std::optional
     *  in the result. */
    template <class S = void, class... A>
    RETORT_SQL_INLINE constexpr auto left_join(const A&... a) const {
        return join_source<join_kind::left, S>(*this, a...);
    }
    /** `LEFT OUTER JOIN posts ON posts.author_id = users.id`, along a relationship. */
    template <auto Member>
        requires std::is_member_object_pointer_v<decltype(Member)>
    RETORT_SQL_INLINE constexpr auto left_join() const {
        return join_relationship<join_kind::left, Member>(*this);
    }

    /** `WHERE cond`; called again, the conditions are joined with AND. */
    template <class C>
    RETORT_SQL_INLINE constexpr auto where(const C& cond) const {
        static_assert(expression_like<C> && boolean_v<value_type_of_t<C>>,
                      "retort: where() takes a boolean condition, e.g. col<&User::id> == 5");
        auto w = and_condition(where_, as_operand(cond));
        return select_stmt<Cols, From, Joins, decltype(w), Group, Having, Order, Limit, Offset,
                           With, Distinct, Plan>{cols_,   from_,  joins_, w,       group_,
                                           having_, order_, limit_, offset_, with_};
    }

    /** `GROUP BY e, ...` */
    template <class... E>
    RETORT_SQL_INLINE constexpr auto group_by(const E&... e) const {
        static_assert(sizeof...(E) != 0, "retort: group_by() needs at least one expression");
        static_assert(is_none_v<Group>, "retort: group_by() may appear only once; list every "
                                        "expression in one call");
        auto g = make_list(as_operand(e)...);
        return select_stmt<Cols, From, Joins, Where, decltype(g), Having, Order, Limit, Offset,
                           With, Distinct, Plan>{cols_,   from_,  joins_, where_,  g,
                                           having_, order_, limit_, offset_, with_};
    }

    /** `HAVING cond` (the statement needs group_by()); called again, joined with AND. */
    template <class C>
    RETORT_SQL_INLINE constexpr auto having(const C& cond) const {
        static_assert(expression_like<C> && boolean_v<value_type_of_t<C>>,
                      "retort: having() takes a boolean condition, e.g. count() > 1");
        auto h = and_condition(having_, as_operand(cond));
        return select_stmt<Cols, From, Joins, Where, Group, decltype(h), Order, Limit, Offset,
                           With, Distinct, Plan>{cols_, from_,  joins_, where_,  group_,
                                           h,     order_, limit_, offset_, with_};
    }

    /** `ORDER BY t, ...` with `col.asc()`, `.desc()`, `.nulls_first()`; called again, appended. */
    template <class... T>
    RETORT_SQL_INLINE constexpr auto order_by(const T&... terms) const {
        static_assert(sizeof...(T) != 0, "retort: order_by() needs at least one term");
        auto o = concat_lists(order_, make_list(order_item(terms)...));
        return select_stmt<Cols, From, Joins, Where, Group, Having, decltype(o), Limit, Offset,
                           With, Distinct, Plan>{cols_,   from_, joins_, where_,  group_,
                                           having_, o,     limit_, offset_, with_};
    }

    /** `LIMIT ?`, bound. */
    RETORT_SQL_INLINE constexpr auto limit(std::int64_t n) const {
        static_assert(is_none_v<Limit>, "retort: limit() may appear only once");
        return select_stmt<Cols, From, Joins, Where, Group, Having, Order,
                           limit_clause, Offset, With, Distinct, Plan>{
            cols_, from_, joins_, where_, group_, having_, order_, {n}, offset_, with_};
    }
    /** `OFFSET ?`, bound. */
    RETORT_SQL_INLINE constexpr auto offset(std::int64_t n) const {
        static_assert(is_none_v<Offset>, "retort: offset() may appear only once");
        return select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit,
                           limit_clause, With, Distinct, Plan>{
            cols_, from_, joins_, where_, group_, having_, order_, limit_, {n}, with_};
    }

    /** `WITH name AS (...)` for the CTEs this statement reads: `.with(recent)`. */
    template <class... C>
    RETORT_SQL_INLINE constexpr auto with(const C&... ctes) const {
        static_assert((is_cte_v<C> && ...), "retort: with() takes CTEs made with .cte<\"name\">()");
        static_assert(is_none_v<With>, "retort: with() may appear only once");
        auto c = make_list(cte_definition<C>{ctes}...);
        return select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset,
                           decltype(c), Distinct, Plan>{cols_,   from_,  joins_, where_,  group_,
                                                  having_, order_, limit_, offset_, c};
    }

    /**
     * Eager loading of the selected model's relationships, run by the ORM session; repeatable,
     * in any position. joinedload adds LEFT OUTER JOINs and columns to this statement;
     * selectinload leaves it as it is (the session runs a second query per relationship).
     *
     *     select<User>().where(...).options(retort::selectinload<&User::posts>.then(
     *         retort::joinedload<&Post::tags>))
     */
    template <class... L>
    RETORT_SQL_INLINE constexpr auto options(const L&...) const {
        using source = typename selected_source<Cols>::type;
        static_assert(!std::is_void_v<source>,
                      "retort: options(): eager loading applies to select<Model>()");
        static_assert((is_loader<L>::value && ...),
                      "retort: options() takes retort::selectinload<&T::m> or "
                      "retort::joinedload<&T::m>");
        if constexpr (!std::is_void_v<source>) {
            static_assert((loader_owned_by<source_model_t<source>, L>() && ...),
                          "retort: options(): selectinload<&X::m> names a relationship of X, "
                          "which this query does not select; nest it with .then(...) under the "
                          "option that loads X");
        }
        using plan = concat_t<Plan, type_list<L...>>;
        return select_stmt<Cols, From, Joins, Where, Group, Having, Order, Limit, Offset, With,
                           Distinct, plan>{cols_,   from_,  joins_, where_,  group_,
                                           having_, order_, limit_, offset_, with_};
    }

    /** This statement as `(SELECT ...) AS name` for select_from()/join(); its columns are
     *  `sq.col<&User::id>` or, for labelled expressions, `sq.col<"name">`. */
    template <fixed_string Name>
    RETORT_SQL_INLINE constexpr subquery_source<Name, select_stmt> subquery() const {
        return {*this};
    }
    /** This statement as a CTE: `auto c = select(...).cte<"recent">();` then
     *  `select(c.col<&User::id>).with(c)`. */
    template <fixed_string Name>
    RETORT_SQL_INLINE constexpr cte_source<Name, select_stmt> cte() const {
        return {*this};
    }
    /** This statement as a value: `(SELECT max(...) ...)`. */
    RETORT_SQL_INLINE constexpr scalar_subquery_node<select_stmt> scalar_subquery() const {
        return {{}, *this};
    }

};

}  // namespace retort::detail

namespace retort {

/** All columns of model T; the result is T: `retort::select<User>().where(...)`. */
template <class T>
RETORT_SQL_INLINE constexpr auto select() {
    static_assert(reflect::reflectable<T>, "retort::select<T>(): T must be a model struct");
    return detail::select_of<detail::expr_list<detail::all_columns<T>>>{};
}

/** Columns and expressions; the result is `std::tuple<...>` of their types (one column: a
 *  tuple of one; `Stmt::scalar_type` names its type): `select(col<&User::id>, count())`. */
template <class... E>
    requires(sizeof...(E) > 0)
RETORT_SQL_INLINE constexpr auto select(const E&... e) {
    auto cols = detail::make_list(detail::select_item(e)...);
    return detail::select_of<decltype(cols)>{cols, {}, {}, {}, {}, {}, {}, {}, {}, {}};
}

}  // namespace retort
