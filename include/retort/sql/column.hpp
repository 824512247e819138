// Column references (`col<&User::id>`), table aliases for self-joins, all columns of a model.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

#include "retort/detail/fixed_string.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/expr_ops.hpp"

namespace retort::detail {

/*
 * A source is what FROM or JOIN names: a model type (its table), an alias of a model, a
 * subquery or a CTE. Models are used as they are; the others carry a `retort_source` tag and
 * say themselves how they are named (`render_name`) and introduced (`render_from`).
 */
template <class S>
concept tagged_source = requires { typename S::retort_source; };

template <class S>
struct source_traits {
    using model_type = S;
    static constexpr bool is_model = true;
    static constexpr void render_name(writer& w) { put_ident(w, model<S>::table_name); }
    static constexpr void render_from(writer& w) { put_ident(w, model<S>::table_name); }
};
template <tagged_source S>
struct source_traits<S> : S {};

/** The model behind a source, `void` for subqueries and CTEs. */
template <class S>
using source_model_t = typename source_traits<S>::model_type;

template <class S>
inline constexpr bool is_model_source_v = source_traits<S>::is_model;

template <class M, auto MP>
constexpr std::size_t column_index_of() {
    if constexpr (field_index_in<M, MP>() == npos)
        return npos;
    else
        return model<M>::template column_index<MP>;
}

/** `source.column`, or `column` alone inside RETURNING, SET and ON CONFLICT. */
template <auto MP, class S>
struct column_ref : expr_ops<column_ref<MP, S>> {
    using model_type = source_model_t<S>;
    static_assert(field_index_in<model_type, MP>() != npos,
                  "retort::col<&T::m>: m is not a member of the table's model (for an alias, use "
                  "a member of the aliased model)");
    static constexpr std::size_t index = column_index_of<model_type, MP>();
    static_assert(field_index_in<model_type, MP>() == npos || index != npos,
                  "retort::col<&T::m>: m is a relationship member, not a column; load it with "
                  "selectinload/joinedload, or select the related model's columns");

    using retort_expression = void;
    using value_type = reflect::member_type_t<MP>;
    using sources = type_list<S>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = true;
    static constexpr auto member = MP;
    static constexpr std::string_view name =
        index == npos ? std::string_view{} : model<model_type>::columns[index].name;

    static constexpr void render(writer& w) {
        if ((w.flags & flag_unqualified) == 0) {
            source_traits<S>::render_name(w);
            w.put('.');
        }
        put_ident(w, name);
    }
    template <class F>
    constexpr void visit_params(dialect_kind, F&&) const {}

    /** `col<&User::email> = "x"`: an assignment for update().set() and upserts. */
    template <class V>
    constexpr auto operator=(const V& v) const;
};

/** `column = value` in SET lists. */
template <auto MP, class V>
struct assignment {
    using retort_assignment = void;
    using model_type = reflect::member_class_t<MP>;
    static constexpr auto member = MP;
    using sources = typename V::sources;
    static constexpr bool aggregate = false;
    static constexpr bool bare = false;
    V value;

    static constexpr void render(writer& w) {
        put_ident(w, column_ref<MP, model_type>::name);
        w.put(" = ");
        const int saved = w.flags;
        w.flags &= ~flag_unqualified;
        V::render(w);
        w.flags = saved;
    }
    template <class F>
    constexpr void visit_params(dialect_kind d, F&& f) const {
        value.visit_params(d, f);
    }
};

template <auto MP, class X>
constexpr auto make_assignment(const X& x) {
    using column_type = reflect::member_type_t<MP>;
    if constexpr (std::is_same_v<std::remove_cvref_t<X>, std::nullopt_t>) {
        static_assert(is_optional_v<column_type>,
                      "retort: set(): std::nullopt goes only into a nullable (std::optional) "
                      "column");
        return assignment<MP, bound<column_type>>{{column_type{}}};
    } else {
        if constexpr (!expression_like<X>)
            static_assert(bindable<stored_value_t<X>>,
                          "retort: a value of this type cannot be bound as a parameter; give it "
                          "a retort::type_traits specialisation");
        static_assert(comparable_v<column_type, value_type_of_t<X>>,
                      "retort: set(): the value's type does not match the column's type");
        return assignment<MP, operand_t<X>>{as_operand(x)};
    }
}

template <auto MP, class S>
template <class V>
constexpr auto column_ref<MP, S>::operator=(const V& v) const {
    return make_assignment<MP>(v);
}

/** An alias of a model's table, for self-joins: `retort::alias<Employee, "mgr">`. */
template <class T, fixed_string Name>
struct alias_source {
    using retort_source = void;
    using model_type = T;
    static constexpr bool is_model = true;
    static constexpr std::string_view alias_name = Name.view();

    static constexpr void render_name(writer& w) { put_ident(w, alias_name); }
    static constexpr void render_from(writer& w) {
        put_ident(w, model<T>::table_name);
        w.put(" AS ");
        put_ident(w, alias_name);
    }

    /** A column of the aliased table: `mgr.col<&Employee::id>` renders `mgr.id`. */
    template <auto MP>
    static constexpr column_ref<MP, alias_source> col{};
};

/** Every column of a model, in field order: the select list of `select<User>()`. */
template <class S>
struct all_columns {
    using retort_expression = void;
    using model_type = source_model_t<S>;
    using value_type = model_type;
    using sources = type_list<S>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = true;

    static constexpr void render(writer& w) {
        bool first = true;
        for (const auto& c : model<model_type>::columns) {
            if (!first) w.put(", ");
            first = false;
            if ((w.flags & flag_unqualified) == 0) {
                source_traits<S>::render_name(w);
                w.put('.');
            }
            put_ident(w, c.name);
        }
    }
    template <class F>
    constexpr void visit_params(dialect_kind, F&&) const {}
};

}  // namespace retort::detail

namespace retort {

/**
 * A column of a model, as an expression: `retort::col<&User::email>` renders `users.email`.
 * The second argument names another source of the same model, usually an alias:
 *
 *     constexpr auto mgr = retort::alias<Employee, "mgr">;
 *     select(col<&Employee::name>, mgr.col<&Employee::name>)   // or col<&Employee::name, decltype(mgr)>
 */
template <auto MP, class Source = reflect::member_class_t<MP>>
inline constexpr detail::column_ref<MP, Source> col{};

/** A second name for a model's table: `auto mgr = retort::alias<Employee, "mgr">;` renders
 *  `employees AS mgr` in FROM/JOIN and `mgr.id` for its columns. */
template <class T, fixed_string Name>
inline constexpr detail::alias_source<T, Name> alias{};

/** `SET column = value`: `retort::set<&User::email>("a@b.c")`, same as `col<&User::email> = v`. */
template <auto MP, class V>
constexpr auto set(const V& v) {
    return detail::make_assignment<MP>(v);
}

}  // namespace retort
