// Column references (`col<&User::id>`), table aliases for self-joins, all columns of a model.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "retort/detail/fixed_string.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/schema/quoted_names.hpp"
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
    static constexpr void render_name(writer& w) { quoted_names<S>::put(w, quoted_names<S>::n); }
    static constexpr void render_from(writer& w) { quoted_names<S>::put(w, quoted_names<S>::n); }
};
template <tagged_source S>
struct source_traits<S> : S {};

/** `name.`, the qualifier of a source's columns. */
template <class S>
constexpr void put_qualifier(writer& w) {
    source_traits<S>::render_name(w);
    w.put('.');
}

/** The model behind a source, `void` for subqueries and CTEs. */
template <class S>
using source_model_t = typename source_traits<S>::model_type;

template <class S>
inline constexpr bool is_model_source_v = source_traits<S>::is_model;

template <class M, auto MP>
constexpr std::size_t column_index_of() {
    return model<M>::column_of(MP);
}

/** `source.column`, or `column` alone inside RETURNING, SET and ON CONFLICT. */
template <auto MP, class S>
struct column_ref : expr_ops<column_ref<MP, S>> {
    using model_type = source_model_t<S>;
    static constexpr std::size_t field = field_index_of<model_type>(MP);
    static_assert(field != npos,
                  "retort::col<&T::m>: m is not a member of the table's model (for an alias, use "
                  "a member of the aliased model)");
    static constexpr std::size_t index = model<model_type>::column_of(MP);
    static_assert(field == npos || index != npos,
                  "retort::col<&T::m>: m is a relationship member, not a column; load it with "
                  "selectinload/joinedload, or select the related model's columns");

    using retort_expression = void;
    using value_type = typename member_pointer<decltype(MP)>::member_type;
    using sources = type_list<S>;
    static constexpr int precedence = prec::primary;
    static constexpr bool aggregate = false;
    static constexpr bool bare = true;
    static constexpr bool has_params = false;
    static constexpr auto member = MP;
    static constexpr std::string_view name =
        index == npos ? std::string_view{} : model<model_type>::columns[index].name;

    static constexpr void render(writer& w) {
        const bool qualify = (w.flags & flag_unqualified) == 0;
        if constexpr (std::is_same_v<S, model_type>) {
            quoted_names<S>::put(w, qualify ? quoted_names<S>::n + 1 + index : index);
        } else {
            if (qualify) put_qualifier<S>(w);
            w.put(quoted_names<model_type>::column(index));
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}

    /** `col<&User::email> = "x"`: an assignment for update().set() and upserts. */
    template <class V>
    RETORT_SQL_INLINE constexpr auto operator=(const V& v) const;
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
    static constexpr bool has_params = has_params_v<V>;
    V value;

    static constexpr void render(writer& w) {
        w.put(quoted_names<model_type>::column(column_ref<MP, model_type>::index));
        w.put(" = ");
        const int saved = w.flags;
        w.flags &= ~flag_unqualified;
        V::render(w);
        w.flags = saved;
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(value)>) value.visit_params(d, f);
    }
};

template <auto MP, class X>
RETORT_SQL_INLINE constexpr auto make_assignment(const X& x) {
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
RETORT_SQL_INLINE constexpr auto column_ref<MP, S>::operator=(const V& v) const {
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
        w.put(quoted_names<T>::table());
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
    static constexpr bool has_params = false;

    static constexpr void render(writer& w) {
        const bool qualified = (w.flags & flag_unqualified) == 0;
        if constexpr (std::is_same_v<S, model_type>) {
            constexpr std::size_t n = quoted_names<S>::n;
            quoted_names<S>::put(w, qualified ? 2 * n + 1 : 2 * n + 2);
        } else {
            for (std::size_t i = 0; i != model<model_type>::column_count; ++i) {
                if (i != 0) w.put(", ");
                if (qualified) put_qualifier<S>(w);
                w.put(quoted_names<model_type>::column(i));
            }
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&&) const {}
};

template <auto Member>
struct relationship_ref;  // retort/sql/relationship.hpp

/** What `col<&T::m>` is: a column reference, or for a relationship member the subject of
 *  `.any()`/`.has()`. */
template <auto MP, class Source>
struct col_type {
    using type = column_ref<MP, Source>;
};
template <auto MP, class Source>
    requires(std::is_same_v<Source, typename member_pointer<decltype(MP)>::class_type> &&
             is_relationship_member_v<typename member_pointer<decltype(MP)>::member_type>)
struct col_type<MP, Source> {
    using type = relationship_ref<MP>;
};

}  // namespace retort::detail

namespace retort {

/**
 * A column of a model, as an expression: `retort::col<&User::email>` renders `users.email`.
 * The second argument names another source of the same model, usually an alias:
 *
 *     constexpr auto mgr = retort::alias<Employee, "mgr">;
 *     select(col<&Employee::name>, mgr.col<&Employee::name>)   // or col<&Employee::name, decltype(mgr)>
 *
 * A relationship member is not a column; `col<&User::posts>.any(col<&Post::published> == true)`
 * and `col<&Post::author>.has(cond)` test its related objects (EXISTS).
 */
template <auto MP, class Source = typename detail::member_pointer<decltype(MP)>::class_type>
inline constexpr typename detail::col_type<MP, std::remove_cv_t<Source>>::type col{};

/** A second name for a model's table: `auto mgr = retort::alias<Employee, "mgr">;` renders
 *  `employees AS mgr` in FROM/JOIN and `mgr.id` for its columns. */
template <class T, fixed_string Name>
inline constexpr detail::alias_source<T, Name> alias{};

/** `SET column = value`: `retort::set<&User::email>("a@b.c")`, same as `col<&User::email> = v`. */
template <auto MP, class V>
RETORT_SQL_INLINE constexpr auto set(const V& v) {
    return detail::make_assignment<MP>(v);
}

}  // namespace retort

// col<&User::posts> is a relationship_ref, defined there (it needs the column machinery above).
#include "retort/sql/relationship.hpp"
