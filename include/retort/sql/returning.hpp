// RETURNING lists and the `excluded.column` of upserts, shared by INSERT, UPDATE and DELETE.
#pragma once

#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/reflect/reflect.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"

namespace retort::detail {

/** ` RETURNING a, b`, columns without their table. */
template <class List>
constexpr void render_returning(writer& w) {
    if constexpr (!is_none_v<List>) {
        w.put(" RETURNING ");
        const int saved = w.flags;
        w.flags |= flag_unqualified;
        List::template render<item_style::select>(w);
        w.flags = saved;
    }
}

template <class List>
struct returning_result {
    using type = void;
};
template <class... E>
struct returning_result<expr_list<E...>> {
    using type = std::tuple<typename E::value_type...>;
};
template <class S>
struct returning_result<expr_list<all_columns<S>>> {
    using type = source_model_t<S>;
};

template <class T, class List>
consteval void check_returning() {
    static_assert(remove_sources_t<typename List::sources, type_list<T>>::size == 0,
                  "retort: returning() lists columns of the statement's own table only");
}

/** `excluded.column`: the value an upsert tried to insert. */
template <auto MP>
struct excluded_column : expr_ops<excluded_column<MP>> {
    using retort_expression = void;
    using value_type = reflect::member_type_t<MP>;
    using sources = type_list<>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = false;
    static constexpr std::string_view name = column_ref<MP, reflect::member_class_t<MP>>::name;

    static constexpr void render(writer& w) {
        w.put("excluded.");
        put_ident(w, name);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

}  // namespace retort::detail

namespace retort {

/** In `on_conflict_do_update`, the value the INSERT tried to write:
 *  `set<&User::username>(excluded<&User::username>)` renders `username = excluded.username`. */
template <auto MP>
inline constexpr detail::excluded_column<MP> excluded{};

}  // namespace retort
