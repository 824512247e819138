// JOIN clauses, with ON derived from the one foreign key between the joined table and the query.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/schema/model.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"

namespace retort::detail {

/** A source as a member of a statement: subqueries keep their values, tables keep nothing. */
template <class S>
inline constexpr bool source_has_params_v = requires { S::source_has_params; };

struct no_source_params {
    static constexpr bool has_params = false;
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};
template <class S>
using source_box_t = std::conditional_t<source_has_params_v<S>, S, no_source_params>;

template <class S>
struct source_free {
    using type = type_list<>;
};
template <class S>
    requires source_has_params_v<S>
struct source_free<S> {
    using type = typename S::free_sources;  // a subquery source's own list
};

/** `FROM`/`JOIN` text of a source. */
template <class S>
constexpr void render_source_from(writer& w) {
    source_traits<S>::render_from(w);
}

/** Where the one foreign key between a joined source and those already in the query is. */
struct fk_match {
    std::size_t count = 0;
    bool joined_is_child = false;
    std::size_t other = 0;      // index of the other source in the query's list
    std::size_t child_col = 0;  // column index in the child's model
};

template <class Child, class Parent>
constexpr void count_fks(fk_match& m, bool joined_is_child, std::size_t other) {
    if constexpr (is_model_source_v<Child> && is_model_source_v<Parent>) {
        using cm = model<source_model_t<Child>>;
        constexpr std::string_view parent_table = model<source_model_t<Parent>>::table_name;
        for (std::size_t i = 0; i != cm::column_count; ++i) {
            if (cm::columns[i].has_fk && cm::columns[i].fk_table == parent_table) {
                ++m.count;
                m.joined_is_child = joined_is_child;
                m.other = other;
                m.child_col = i;
            }
        }
    }
}

template <class Joined, class... Existing>
constexpr fk_match find_fk(type_list<Existing...>) {
    fk_match m{};
    std::size_t i = 0;
    ((count_fks<Joined, Existing>(m, true, i), count_fks<Existing, Joined>(m, false, i), ++i), ...);
    return m;
}

template <class M>
constexpr std::size_t column_named(std::string_view name) {
    for (std::size_t i = 0; i != model<M>::column_count; ++i)
        if (model<M>::columns[i].name == name) return i;
    return npos;
}

template <class Child, class Parent, std::size_t ChildCol>
constexpr void render_fk_on(writer& w) {
    using child = source_model_t<Child>;
    using parent = source_model_t<Parent>;
    constexpr std::string_view target = model<child>::columns[ChildCol].fk_column;
    constexpr std::size_t target_index = column_named<parent>(target);
    put_qualifier<Parent>(w);
    if constexpr (target_index == npos)
        put_ident(w, target);
    else
        w.put(quoted_names<parent>::column(target_index));
    w.put(" = ");
    put_qualifier<Child>(w);
    w.put(quoted_names<child>::column(ChildCol));
}

/** `parent.key = child.fk`, found from the mapping. */
template <class Joined, class Existing>
struct fk_on {
    using sources = type_list<>;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = false;
    static constexpr fk_match match = find_fk<Joined>(Existing{});

    static constexpr void render(writer& w) {
        using other = at_t<match.other, Existing>;
        if constexpr (match.joined_is_child)
            render_fk_on<Joined, other, match.child_col>(w);
        else
            render_fk_on<other, Joined, match.child_col>(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

enum class join_kind : unsigned char { inner, left };

/** `JOIN source ON cond` / `LEFT OUTER JOIN source ON cond`. */
template <join_kind Kind, class S, class On>
struct join_clause {
    using source = S;
    static constexpr join_kind kind = Kind;
    using sources = merge_sources_t<typename On::sources, typename source_free<S>::type>;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    static constexpr bool has_params = has_params_v<source_box_t<S>> || has_params_v<On>;

    source_box_t<S> src;
    On on;

    static constexpr void render(writer& w) {
        w.put(Kind == join_kind::left ? "LEFT OUTER JOIN " : "JOIN ");
        render_source_from<S>(w);
        w.put(" ON ");
        On::render(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(src)>) src.visit_params(d, f);
        if constexpr (has_params_v<decltype(on)>) on.visit_params(d, f);
    }
};

template <class Joined, class Existing>
consteval void check_fk_join() {
    static_assert(!contains_v<Joined, Existing>,
                  "retort: join(): this table is already in the query; join an alias of it "
                  "(retort::alias<T, \"name\">) instead");
    constexpr fk_match m = find_fk<Joined>(Existing{});
    static_assert(m.count != 0,
                  "retort: join(): no foreign key links the joined table to a table of the "
                  "query; give the ON condition: .join<T>(col<&T::x> == col<&U::y>)");
    static_assert(m.count < 2,
                  "retort: join(): more than one foreign key links the joined table to the "
                  "query; choose one with an explicit ON condition: .join<T>(on)");
}

template <class Joined, class Existing>
consteval void check_explicit_join() {
    static_assert(!contains_v<Joined, Existing>,
                  "retort: join(): this table is already in the query; join an alias of it "
                  "(retort::alias<T, \"name\">) instead");
}

/** The sources a list of joins brings in, and those of its LEFT joins. */
template <class Joins>
struct join_sources;
template <class... J>
struct join_sources<expr_list<J...>> {
    using all = type_list<typename J::source...>;
    using left = typename drop_void_list<
        type_list<std::conditional_t<J::kind == join_kind::left, typename J::source, void>...>>::type;
};

}  // namespace retort::detail
