// A list of nodes kept by value: select lists, function arguments, GROUP BY, ORDER BY, joins.
#pragma once

#include <cstddef>
#include <string_view>

#include "retort/sql/operators.hpp"

namespace retort::detail {

/** How an item of a list is written: as an expression, as a select-list item (labels add
 *  `AS name`), or by its own `render` (order terms, joins). */
enum class item_style : unsigned char { plain, select };

template <item_style Style, class E>
constexpr void render_item(writer& w) {
    if constexpr (Style == item_style::select && requires { E::render_select_item(w); })
        E::render_select_item(w);
    else
        E::render(w);
}

/*
 * A head/tail list rather than std::tuple: it is cheaper to instantiate, and the members needed
 * (sources, aggregate/bare flags, rendering with a separator, visiting in order) come in one
 * place.
 */
template <class... E>
struct expr_list {
    static constexpr std::size_t size = 0;
    using sources = type_list<>;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = false;
    template <item_style Style = item_style::plain>
    static constexpr void render(writer&, std::string_view = ", ", bool = true) {}
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

template <class E, class... Rest>
struct expr_list<E, Rest...> {
    using tail_type = expr_list<Rest...>;
    static constexpr std::size_t size = 1 + sizeof...(Rest);
    using sources = merge_sources_t<typename E::sources, typename tail_type::sources>;
    static constexpr bool aggregate = E::aggregate || tail_type::aggregate;
    static constexpr bool bare = E::bare || tail_type::bare;
    static constexpr bool has_params = has_params_v<E> || tail_type::has_params;

    E head;
    tail_type tail;

    template <item_style Style = item_style::plain>
    static constexpr void render(writer& w, std::string_view sep = ", ", bool first = true) {
        // One fold over the items, not one render per tail of the list.
        if (!first) w.put(sep);
        render_item<Style, E>(w);
        ((w.put(sep), render_item<Style, Rest>(w)), ...);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(head)>) head.visit_params(d, f);
        if constexpr (has_params_v<decltype(tail)>) tail.visit_params(d, f);
    }
};

RETORT_SQL_INLINE constexpr expr_list<> make_list() { return {}; }
template <class E, class... Rest>
RETORT_SQL_INLINE constexpr expr_list<E, Rest...> make_list(const E& e, const Rest&... rest) {
    return {e, make_list(rest...)};
}

template <class X>
RETORT_SQL_INLINE constexpr expr_list<X> append(const expr_list<>&, const X& x) {
    return {x, {}};
}
template <class X, class E, class... Rest>
RETORT_SQL_INLINE constexpr expr_list<E, Rest..., X> append(const expr_list<E, Rest...>& l, const X& x) {
    return {l.head, append(l.tail, x)};
}

/** An empty clause slot (`none`) followed by a list is the list. */
template <class... X>
RETORT_SQL_INLINE constexpr expr_list<X...> concat_lists(const none&, const expr_list<X...>& b) {
    return b;
}
template <class... E>
RETORT_SQL_INLINE constexpr expr_list<E...> concat_lists(const expr_list<E...>& a, const expr_list<>&) {
    return a;
}
template <class... E, class X, class... Xs>
RETORT_SQL_INLINE constexpr auto concat_lists(const expr_list<E...>& a, const expr_list<X, Xs...>& b) {
    return concat_lists(append(a, b.head), b.tail);
}

/** The types of a list, for result types. */
template <class List>
struct list_types;
template <class... E>
struct list_types<expr_list<E...>> {
    using type = type_list<E...>;
};

}  // namespace retort::detail
