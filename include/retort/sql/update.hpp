// UPDATE and DELETE statements: SET, WHERE (required unless .unconditionally()), RETURNING.
#pragma once

#include <type_traits>

#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"
#include "retort/sql/returning.hpp"

namespace retort::detail {

template <class W, bool Unconditional>
consteval void check_where_given() {
    static_assert(!is_none_v<W> || Unconditional,
                  "retort: update/delete without where(): add a where() clause, or call "
                  ".unconditionally() to touch every row");
}


template <class C>
consteval void check_where_condition() {
    static_assert(expression_like<C> && boolean_v<value_type_of_t<C>>,
                  "retort: where() takes a boolean condition, e.g. col<&User::id> == 5");
}

template <class T, class... A>
consteval void check_assignments() {
    static_assert((requires { typename A::retort_assignment; } && ...),
                  "retort: set() takes assignments: col<&T::m> = value, or set<&T::m>(value)");
    static_assert(((std::is_same_v<typename A::model_type, T> ||
                    std::is_base_of_v<typename A::model_type, T>) &&
                   ...),
                  "retort: set(): the column belongs to another table than update<T>()'s");
}

/** `UPDATE table SET ... WHERE ... RETURNING ...` */
template <class T, class Sets, class Where, class Returning, bool Unconditional>
struct update_stmt {
    using retort_statement = void;
    struct scope {
        using free_sources =
            remove_sources_t<merge_sources_t<typename Sets::sources, typename Where::sources,
                                             typename Returning::sources>,
                             type_list<T>>;
    };
    using result_type = typename returning_result<Returning>::type;

    Sets sets_;
    Where where_;
    Returning returning_;

    static constexpr void render(writer& w) {
        w.put("UPDATE ");
        w.put(quoted_names<T>::table());
        w.put(" SET ");
        Sets::render(w);
        if constexpr (!is_none_v<Where>) {
            w.put(" WHERE ");
            Where::render(w);
        }
        render_returning<Returning>(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(sets_)>) sets_.visit_params(d, f);
        if constexpr (has_params_v<decltype(where_)>) where_.visit_params(d, f);
        if constexpr (has_params_v<decltype(returning_)>) returning_.visit_params(d, f);
    }
    static constexpr bool check() {
        static_assert(Sets::size != 0,
                      "retort: update<T>() needs set(col<&T::m> = value, ...)");
        check_where_given<Where, Unconditional>();
        static_assert(scope::free_sources::size == 0,
                      "retort: a column's table is in neither FROM nor a JOIN of the statement; "
                      "an UPDATE reads its own table only");
        return true;
    }

    /** `SET col = value, ...`: `set(col<&User::email> = e)` or `set(set<&User::email>(e))`. */
    template <class... A>
    RETORT_SQL_INLINE constexpr auto set(const A&... a) const {
        check_assignments<T, A...>();
        auto s = concat_lists(sets_, make_list(a...));
        return update_stmt<T, decltype(s), Where, Returning, Unconditional>{s, where_, returning_};
    }
    /** `WHERE cond`; called again, the conditions are joined with AND. */
    template <class C>
    RETORT_SQL_INLINE constexpr auto where(const C& cond) const {
        check_where_condition<C>();
        auto w = and_condition(where_, as_operand(cond));
        return update_stmt<T, Sets, decltype(w), Returning, Unconditional>{sets_, w, returning_};
    }
    /** Touch every row: an UPDATE without WHERE must say so. */
    RETORT_SQL_INLINE constexpr auto unconditionally() const {
        return update_stmt<T, Sets, Where, Returning, true>{sets_, where_, returning_};
    }
    /** `RETURNING a, b` */
    template <class... E>
    RETORT_SQL_INLINE constexpr auto returning(const E&... e) const {
        auto r = make_list(as_operand(e)...);
        check_returning<T, decltype(r)>();
        return update_stmt<T, Sets, Where, decltype(r), Unconditional>{sets_, where_, r};
    }
    /** `RETURNING` every column; the result is T. */
    template <class M>
    RETORT_SQL_INLINE constexpr auto returning() const {
        static_assert(std::is_same_v<M, T>, "retort: returning<M>() must name update<M>()'s model");
        return update_stmt<T, Sets, Where, expr_list<all_columns<T>>, Unconditional>{sets_, where_,
                                                                                     {}};
    }
};

/** `DELETE FROM table WHERE ... RETURNING ...` */
template <class T, class Where, class Returning, bool Unconditional>
struct delete_stmt {
    using retort_statement = void;
    struct scope {
        using free_sources = remove_sources_t<
            merge_sources_t<typename Where::sources, typename Returning::sources>, type_list<T>>;
    };
    using result_type = typename returning_result<Returning>::type;

    Where where_;
    Returning returning_;

    static constexpr void render(writer& w) {
        w.put("DELETE FROM ");
        w.put(quoted_names<T>::table());
        if constexpr (!is_none_v<Where>) {
            w.put(" WHERE ");
            Where::render(w);
        }
        render_returning<Returning>(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(where_)>) where_.visit_params(d, f);
        if constexpr (has_params_v<decltype(returning_)>) returning_.visit_params(d, f);
    }
    static constexpr bool check() {
        check_where_given<Where, Unconditional>();
        static_assert(scope::free_sources::size == 0,
                      "retort: a column's table is in neither FROM nor a JOIN of the statement; "
                      "a DELETE reads its own table only");
        return true;
    }

    /** `WHERE cond`; called again, the conditions are joined with AND. */
    template <class C>
    RETORT_SQL_INLINE constexpr auto where(const C& cond) const {
        check_where_condition<C>();
        auto w = and_condition(where_, as_operand(cond));
        return delete_stmt<T, decltype(w), Returning, Unconditional>{w, returning_};
    }
    /** Delete every row: a DELETE without WHERE must say so. */
    RETORT_SQL_INLINE constexpr auto unconditionally() const {
        return delete_stmt<T, Where, Returning, true>{where_, returning_};
    }
    /** `RETURNING a, b` */
    template <class... E>
    RETORT_SQL_INLINE constexpr auto returning(const E&... e) const {
        auto r = make_list(as_operand(e)...);
        check_returning<T, decltype(r)>();
        return delete_stmt<T, Where, decltype(r), Unconditional>{where_, r};
    }
    template <class M>
    RETORT_SQL_INLINE constexpr auto returning() const {
        static_assert(std::is_same_v<M, T>, "retort: returning<M>() must name delete_<M>()'s model");
        return delete_stmt<T, Where, expr_list<all_columns<T>>, Unconditional>{where_, {}};
    }
};

}  // namespace retort::detail

namespace retort {

/** `UPDATE table SET ...`: `update<User>().set(col<&User::email> = e).where(col<&User::id> == id)`. */
template <class T>
RETORT_SQL_INLINE constexpr auto update() {
    static_assert(reflect::reflectable<T>, "retort::update<T>(): T must be a model struct");
    return detail::update_stmt<T, detail::expr_list<>, detail::none, detail::none, false>{};
}

/** `DELETE FROM table ...`: `delete_<User>().where(col<&User::id> == id)`. */
template <class T>
RETORT_SQL_INLINE constexpr auto delete_() {
    static_assert(reflect::reflectable<T>, "retort::delete_<T>(): T must be a model struct");
    return detail::delete_stmt<T, detail::none, detail::none, false>{};
}

}  // namespace retort
