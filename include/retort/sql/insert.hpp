// INSERT statements: whole models (one row or a fixed number), chosen columns, INSERT ... SELECT,
// ON CONFLICT DO NOTHING / DO UPDATE, RETURNING.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/reflect/reflect.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/column.hpp"
#include "retort/sql/expr_list.hpp"
#include "retort/sql/returning.hpp"

namespace retort::detail {

/** Whether field `i` of T is written by an INSERT of the whole model: columns that are not
 *  the generated key and have no server default. */
template <class T>
constexpr bool inserted_field_at(std::size_t i) {
    using m = model<T>;
    if (!m::is_column[i]) return false;
    const auto& c = m::columns[m::column_of_field[i]];
    return !c.autoincrement && c.server_default.empty();
}
template <class T, std::size_t I>
constexpr bool inserted_field() {
    return inserted_field_at<T>(I);
}

/** The columns of a whole-model INSERT. */
template <class T>
struct model_insert_columns {
    static constexpr std::size_t count = [] {
        std::size_t n = 0;
        for (const auto& c : model<T>::columns) n += (!c.autoincrement && c.server_default.empty());
        return n;
    }();
    static constexpr void render(writer& w) {
        bool first = true;
        for (std::size_t i = 0; i != model<T>::column_count; ++i) {
            const auto& c = model<T>::columns[i];
            if (c.autoincrement || !c.server_default.empty()) continue;
            if (!first) w.put(", ");
            first = false;
            w.put(quoted_names<T>::column(i));
        }
    }
    template <class F>
    static constexpr void for_each_name(F&& f) {
        for (const auto& c : model<T>::columns)
            if (!c.autoincrement && c.server_default.empty()) f(c.name);
    }
};

/** Chosen columns: `.columns<&User::username, &User::email>()`. */
template <class T, auto... MPs>
struct chosen_columns {
    static constexpr std::size_t count = sizeof...(MPs);
    static constexpr void render(writer& w) {
        bool first = true;
        ((first ? void() : w.put(", "), first = false,
          w.put(quoted_names<T>::column(column_ref<MPs, T>::index))),
         ...);
    }
    template <class F>
    static constexpr void for_each_name(F&& f) {
        (f(column_ref<MPs, T>::name), ...);
    }
};

/** A pointer to field I of a row, of type V; `field_slots` holds one per field. */
template <std::size_t I, class V>
struct field_slot {
    const V* ptr;
};
template <class Seq, class... V>
struct field_slots;
template <std::size_t... I, class... V>
struct field_slots<std::index_sequence<I...>, V...> : field_slot<I, V>... {};

template <std::size_t I, class V>
RETORT_SQL_INLINE constexpr const V& slot_value(const field_slot<I, V>& s) {
    return *s.ptr;
}

/** Points at every field of a row. Its type does not depend on who visits the values, so the
 *  reflection machinery behind it is instantiated once per model, not once per visitor. */
struct point_at_fields {
    template <class... V>
    constexpr field_slots<std::index_sequence_for<V...>, V...> operator()(const V&... v) const {
        return {{&v}...};
    }
};

/** The indices of the fields a whole-model INSERT writes, as an index_sequence. */
template <class T>
struct inserted_fields {
    static constexpr std::size_t count = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i != reflect::field_count_v<T>; ++i) n += inserted_field_at<T>(i);
        return n;
    }();
    static constexpr std::array<std::size_t, count> indices = [] {
        std::array<std::size_t, count> out{};
        std::size_t n = 0;
        for (std::size_t i = 0; i != reflect::field_count_v<T>; ++i)
            if (inserted_field_at<T>(i)) out[n++] = i;
        return out;
    }();
    template <std::size_t... K>
    static std::index_sequence<indices[K]...> pick(std::index_sequence<K...>);
    using type = decltype(pick(std::make_index_sequence<count>{}));
};

/** Rows of whole models: `N` rows from `Holder` (a pointer to or a copy of the caller's). */
template <class T, std::size_t N, class Holder>
struct model_rows {
    Holder rows;

    static constexpr void render(writer& w) {
        w.put(" VALUES ");
        for (std::size_t r = 0; r != N; ++r) {
            if (r != 0) w.put(", ");
            w.put('(');
            for (std::size_t i = 0; i != model_insert_columns<T>::count; ++i) {
                if (i != 0) w.put(", ");
                put_param(w);
            }
            w.put(')');
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&& f) const {
        for (std::size_t r = 0; r != N; ++r)
            visit_row(reflect::visit_fields(rows.get(r), point_at_fields{}), f,
                      typename inserted_fields<T>::type{});
    }

private:
    template <class Slots, class F, std::size_t... I>
    RETORT_SQL_INLINE static constexpr void visit_row(const Slots& slots, F& f,
                                                      std::index_sequence<I...>) {
        (f(slot_value<I>(slots)), ...);
    }
};

template <class T>
struct one_row_ref {
    const T* ptr;
    RETORT_SQL_INLINE constexpr const T& get(std::size_t) const { return *ptr; }
};
template <class T>
struct one_row_value {
    T row;
    RETORT_SQL_INLINE constexpr const T& get(std::size_t) const { return row; }
};
template <class C>
struct rows_ref {
    const C* ptr;
    RETORT_SQL_INLINE constexpr const auto& get(std::size_t i) const { return (*ptr)[i]; }
};
template <class C>
struct rows_value {
    C rows;
    RETORT_SQL_INLINE constexpr const auto& get(std::size_t i) const { return rows[i]; }
};

/** Rows whose length is a constant: std::array, C arrays, fixed-extent spans. */
template <class C>
struct static_row_count : std::integral_constant<std::size_t, 0> {};
template <class T, std::size_t N>
struct static_row_count<std::array<T, N>> : std::integral_constant<std::size_t, N> {};
template <class T, std::size_t N>
struct static_row_count<T[N]> : std::integral_constant<std::size_t, N> {};
template <class T, std::size_t N>
    requires(N != std::dynamic_extent)
struct static_row_count<std::span<T, N>> : std::integral_constant<std::size_t, N> {};

/** `VALUES (?, ?)` from values given for chosen columns. */
template <class List>
struct value_row {
    List values;
    static constexpr void render(writer& w) {
        w.put(" VALUES (");
        List::render(w);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(values)>) values.visit_params(d, f);
    }
};

/** ` SELECT ...` of INSERT ... SELECT. */
template <class Stmt>
struct select_rows {
    Stmt stmt;
    static constexpr void render(writer& w) {
        w.put(' ');
        Stmt::render(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(stmt)>) stmt.visit_params(d, f);
    }
};

/** ` ON CONFLICT [(targets)] DO NOTHING` or `DO UPDATE SET ...`. */
template <class T, class Targets, class Set>
struct on_conflict;
template <class T, auto... MPs, class Set>
struct on_conflict<T, chosen_columns<T, MPs...>, Set> {
    static constexpr bool has_params = has_params_v<Set>;
    Set set;
    template <class Cols>
    static constexpr void render(writer& w) {
        w.put(" ON CONFLICT");
        if constexpr (sizeof...(MPs) != 0) {
            w.put(" (");
            chosen_columns<T, MPs...>::render(w);
            w.put(')');
        }
        if constexpr (std::is_same_v<Set, none>) {
            w.put(" DO NOTHING");
        } else if constexpr (std::is_same_v<Set, expr_list<>>) {
            // Every inserted column but the conflict targets takes the value tried.
            w.put(" DO UPDATE SET ");
            bool first = true;
            Cols::for_each_name([&](std::string_view name) {
                if (((name == column_ref<MPs, T>::name) || ...)) return;
                if (!first) w.put(", ");
                first = false;
                put_ident(w, name);
                w.put(" = excluded.");
                put_ident(w, name);
            });
        } else {
            w.put(" DO UPDATE SET ");
            Set::render(w);
        }
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(set)>) set.visit_params(d, f);
    }
};

template <class T, auto MP>
consteval void check_column_of() {
    static_assert(std::is_same_v<reflect::member_class_t<MP>, T> ||
                      std::is_base_of_v<reflect::member_class_t<MP>, T>,
                  "retort: this statement names a column of another table");
}

template <class T, auto... MPs>
constexpr bool covers_required_columns() {
    for (const auto& c : model<T>::columns) {
        const bool required = !c.nullable && c.default_value.empty() &&
                              c.server_default.empty() && !c.autoincrement;
        if (required && ((c.name != column_ref<MPs, T>::name) && ...)) return false;
    }
    return true;
}

template <class T, class Cols, class Values, class Conflict, class Returning>
struct insert_stmt {
    using retort_statement = void;
    struct scope {
        using free_sources = type_list<>;
    };
    using result_type = typename returning_result<Returning>::type;

    Values values_;
    Conflict conflict_;
    Returning returning_;

    static constexpr void render(writer& w) {
        w.put("INSERT INTO ");
        w.put(quoted_names<T>::table());
        w.put(" (");
        Cols::render(w);
        w.put(')');
        Values::render(w);
        if constexpr (!is_none_v<Conflict>) Conflict::template render<Cols>(w);
        render_returning<Returning>(w);
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(values_)>) values_.visit_params(d, f);
        if constexpr (has_params_v<decltype(conflict_)>) conflict_.visit_params(d, f);
        if constexpr (has_params_v<decltype(returning_)>) returning_.visit_params(d, f);
    }
    static constexpr bool check() {
        static_assert(!is_none_v<Values>,
                      "retort: insert<T>() needs values(): a model, rows, or values for the "
                      "chosen columns");
        return true;
    }

    /** Only these columns: `.columns<&User::username, &User::email>().values(u, e)`. */
    template <auto... MPs>
    RETORT_SQL_INLINE constexpr auto columns() const {
        static_assert(sizeof...(MPs) != 0, "retort: columns<...>() needs at least one column");
        static_assert(std::is_same_v<Cols, model_insert_columns<T>> && is_none_v<Values>,
                      "retort: columns<...>() comes right after insert<T>()");
        (check_column_of<T, MPs>(), ...);
        static_assert(covers_required_columns<T, MPs...>(),
                      "retort: insert leaves a NOT NULL column without a value or default; list "
                      "it in columns<...>(), or give it a default in retort::table<T>");
        return insert_stmt<T, chosen_columns<T, MPs...>, none, none, none>{};
    }

    /** One model (`.values(user)`), or a fixed number of them (`.values(std::array{a, b})`):
     *  VALUES (...), (...). The generated key and server-default columns are left out. */
    template <class X>
    RETORT_SQL_INLINE constexpr auto values(X&& x) const
        requires std::is_same_v<Cols, model_insert_columns<T>>
    {
        static_assert(is_none_v<Values>, "retort: values() may appear only once");
        using XT = std::remove_cvref_t<X>;
        if constexpr (std::is_same_v<XT, T>) {
            if constexpr (std::is_lvalue_reference_v<X>)
                return with_values(model_rows<T, 1, one_row_ref<T>>{{&x}});
            else
                return with_values(model_rows<T, 1, one_row_value<T>>{{static_cast<X&&>(x)}});
        } else {
            constexpr std::size_t n = static_row_count<XT>::value;
            static_assert(n != 0,
                          "retort: values() takes a model, or rows whose count is a constant "
                          "(std::array, a C array, a fixed-size span); for a run-time count, "
                          "execute the one-row statement once per row");
            if constexpr (n != 0) {
                static_assert(std::is_same_v<std::remove_cvref_t<decltype(x[0])>, T>,
                              "retort: values(): rows of another model than insert<T>()'s");
                if constexpr (std::is_lvalue_reference_v<X>)
                    return with_values(model_rows<T, n, rows_ref<XT>>{{&x}});
                else
                    return with_values(model_rows<T, n, rows_value<XT>>{{static_cast<X&&>(x)}});
            }
        }
    }
    /** Values for the chosen columns, in their order. */
    template <class... V>
    RETORT_SQL_INLINE constexpr auto values(const V&... v) const
        requires(!std::is_same_v<Cols, model_insert_columns<T>>)
    {
        static_assert(is_none_v<Values>, "retort: values() may appear only once");
        static_assert(sizeof...(V) == Cols::count,
                      "retort: values() needs one value per column of columns<...>()");
        auto list = build_values(static_cast<Cols*>(nullptr), v...);
        return with_values(value_row<decltype(list)>{list});
    }
    /** INSERT ... SELECT: `.columns<&A::x, &A::y>().from_select(select(...))`. */
    template <class Stmt>
    RETORT_SQL_INLINE constexpr auto from_select(const Stmt& s) const {
        static_assert(statement<Stmt>, "retort: from_select() takes a select statement");
        static_assert(!std::is_same_v<Cols, model_insert_columns<T>>,
                      "retort: INSERT ... SELECT needs the columns first: .columns<...>()");
        static_assert(std::tuple_size_v<typename Stmt::result_type> == Cols::count,
                      "retort: from_select(): the select list and columns<...>() differ in "
                      "length");
        return with_values(select_rows<Stmt>{s});
    }

    /** `ON CONFLICT [(targets)] DO NOTHING` */
    template <auto... Targets>
    RETORT_SQL_INLINE constexpr auto on_conflict_do_nothing() const {
        (check_column_of<T, Targets>(), ...);
        return with_conflict(on_conflict<T, chosen_columns<T, Targets...>, none>{{}});
    }
    /** `ON CONFLICT (targets) DO UPDATE SET ...`; with no assignments, every inserted column
     *  but the targets is set from `excluded`. */
    template <auto... Targets, class... A>
    RETORT_SQL_INLINE constexpr auto on_conflict_do_update(const A&... assignments) const {
        static_assert(sizeof...(Targets) != 0,
                      "retort: on_conflict_do_update<&T::key...>() needs the conflict target");
        (check_column_of<T, Targets>(), ...);
        (check_column_of<T, A::member>(), ...);
        return with_conflict(
            on_conflict<T, chosen_columns<T, Targets...>, expr_list<A...>>{make_list(assignments...)});
    }

    /** `RETURNING a, b`: the result is a tuple of their types. */
    template <class... E>
    RETORT_SQL_INLINE constexpr auto returning(const E&... e) const {
        static_assert(sizeof...(E) != 0, "retort: returning() needs at least one column");
        auto r = make_list(as_operand(e)...);
        check_returning<T, decltype(r)>();
        return insert_stmt<T, Cols, Values, Conflict, decltype(r)>{values_, conflict_, r};
    }
    /** `RETURNING` every column; the result is T. */
    template <class M>
    RETORT_SQL_INLINE constexpr auto returning() const {
        static_assert(std::is_same_v<M, T>, "retort: returning<M>() must name insert<M>()'s model");
        return insert_stmt<T, Cols, Values, Conflict, expr_list<all_columns<T>>>{values_, conflict_,
                                                                                 {}};
    }

private:
    template <class V2>
    RETORT_SQL_INLINE constexpr auto with_values(const V2& v) const {
        return insert_stmt<T, Cols, V2, Conflict, Returning>{v, conflict_, returning_};
    }
    template <class C2>
    RETORT_SQL_INLINE constexpr auto with_conflict(const C2& c) const {
        static_assert(is_none_v<Conflict>, "retort: one ON CONFLICT clause per insert");
        return insert_stmt<T, Cols, Values, C2, Returning>{values_, c, returning_};
    }
    template <auto... MPs, class... V>
    RETORT_SQL_INLINE static constexpr auto build_values(chosen_columns<T, MPs...>*, const V&... v) {
        (check_insert_value<MPs, V>(), ...);
        return make_list(insert_operand<MPs>(v)...);
    }
    template <auto MP, class V>
    RETORT_SQL_INLINE static constexpr auto insert_operand(const V& v) {
        using column_type = reflect::member_type_t<MP>;
        if constexpr (std::is_same_v<V, std::nullopt_t>)
            return bound<column_type>{column_type{}};
        else
            return as_operand(v);
    }
    template <auto MP, class V>
    static consteval void check_insert_value() {
        using column_type = reflect::member_type_t<MP>;
        if constexpr (!expression_like<V>) {
            static_assert(bindable<stored_value_t<V>> ||
                              std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>,
                          "retort: a value of this type cannot be bound as a parameter");
        }
        if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>)
            static_assert(is_optional_v<column_type>,
                          "retort: std::nullopt goes only into a nullable (std::optional) column");
        else
            static_assert(comparable_v<column_type, value_type_of_t<V>>,
                          "retort: values(): a value's type does not match its column's type");
    }
};

}  // namespace retort::detail

namespace retort {

/** `INSERT INTO table ...`: `insert<User>().values(user).returning(col<&User::id>)`. */
template <class T>
RETORT_SQL_INLINE constexpr auto insert() {
    static_assert(reflect::reflectable<T>, "retort::insert<T>(): T must be a model struct");
    return detail::insert_stmt<T, detail::model_insert_columns<T>, detail::none, detail::none,
                               detail::none>{};
}

}  // namespace retort
