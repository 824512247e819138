// DDL as constexpr text: CREATE TABLE, CREATE INDEX, DROP TABLE, and create_all's order.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/schema/model.hpp"
#include "retort/schema/quoted_names.hpp"

namespace retort::detail {

/** Doubles in DDL defaults: up to 15 significant digits, no exponent for ordinary values. */
constexpr void put_double(writer& w, double v) {
    if (v != v) {
        w.put("'NaN'");
        return;
    }
    if (v < 0) {
        w.put('-');
        v = -v;
    }
    auto whole = static_cast<std::uint64_t>(v);
    w.put_uint(whole);
    double frac = v - static_cast<double>(whole);
    w.put('.');
    if (frac == 0) {
        w.put('0');
        return;
    }
    char digits[15]{};
    int n = 0;
    for (int i = 0; i != 15 && frac > 0; ++i) {
        frac *= 10;
        auto d = static_cast<int>(frac);
        digits[n++] = static_cast<char>('0' + d);
        frac -= d;
    }
    while (n > 1 && digits[n - 1] == '0') --n;
    for (int i = 0; i != n; ++i) w.put(digits[i]);
}

constexpr void put_literal(writer& w, const literal& l) {
    const bool pg = w.dialect().kind == dialect_kind::postgresql;
    switch (l.k) {
        case literal::kind::none: break;
        case literal::kind::integer: w.put_int(l.i); break;
        case literal::kind::real: put_double(w, l.d); break;
        case literal::kind::text: put_string_literal(w, l.s); break;
        case literal::kind::boolean:
            w.put(pg ? (l.i != 0 ? "true" : "false") : (l.i != 0 ? "1" : "0"));
            break;
        case literal::kind::sql: w.put(l.s); break;
    }
}

/** `, ` before every item of a list but the first. */
constexpr void put_separator(writer& w, bool& first) {
    if (!first) w.put(", ");
    first = false;
}

constexpr std::string_view fk_action_sql(fk_action a) {
    switch (a) {
        case fk_action::no_action: return "NO ACTION";
        case fk_action::restrict: return "RESTRICT";
        case fk_action::cascade: return "CASCADE";
        case fk_action::set_null: return "SET NULL";
        case fk_action::set_default: return "SET DEFAULT";
    }
    return "NO ACTION";
}

/** PostgreSQL spells a generated integer key as a serial type. */
constexpr void put_column_type(writer& w, const column_info& c) {
    if (c.autoincrement && w.dialect().kind == dialect_kind::postgresql) {
        w.put(c.kind == sql_kind::smallint  ? "SMALLSERIAL"
              : c.kind == sql_kind::integer ? "SERIAL"
                                            : "BIGSERIAL");
        return;
    }
    put_type_name(w, c.kind, c.max_length);
}

template <class T>
constexpr void put_column_list(writer& w, const key_info& k) {
    w.put('(');
    for (std::size_t i = 0; i != k.size; ++i) {
        if (i != 0) w.put(", ");
        w.put(quoted_names<T>::column(k.columns[i]));
    }
    w.put(')');
}

/** `ix_<table>_<col>[_<col>...]`, SQLAlchemy's convention, when an index has no name. */
template <class T>
constexpr void put_index_name(writer& w, const key_info& k) {
    using M = model<T>;
    if (!k.name.empty()) {
        put_ident(w, k.name);
        return;
    }
    // Built as one identifier so quoting applies to the whole name.
    char buf[256]{};
    std::size_t n = 0;
    auto add = [&](std::string_view s) {
        for (char c : s)
            if (n < sizeof buf) buf[n++] = c;
    };
    add("ix_");
    add(M::table_name);
    for (std::size_t i = 0; i != k.size; ++i) {
        add("_");
        add(M::columns[k.columns[i]].name);
    }
    put_ident(w, std::string_view(buf, n));
}

template <class T, bool IfNotExists>
struct create_table_node {
    using result_type = void;
    using M = model<T>;
    static_assert(M::checked);

    static constexpr void render(writer& w) {
        w.put(IfNotExists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ");
        w.put(quoted_names<T>::table());
        w.put(" (");
        bool first = true;
        for (std::size_t i = 0; i != M::column_count; ++i) {
            const column_info& c = M::columns[i];
            put_separator(w, first);
            w.put(quoted_names<T>::column(i));
            w.put(' ');
            put_column_type(w, c);
            if (!c.server_default.empty()) {
                w.put(" DEFAULT ");
                put_literal(w, c.server_default);
            } else if (!c.default_value.empty()) {
                w.put(" DEFAULT ");
                put_literal(w, c.default_value);
            }
            if (!c.nullable) w.put(" NOT NULL");
            if (!c.check.empty()) {
                w.put(" CHECK (");
                w.put(c.check);
                w.put(')');
            }
        }
        if (M::has_primary_key) {
            put_separator(w, first);
            w.put("PRIMARY KEY ");
            put_column_list<T>(w, M::primary_key);
        }
        for (const key_info& k : uniques) {
            put_separator(w, first);
            if (!k.name.empty()) {
                w.put("CONSTRAINT ");
                put_ident(w, k.name);
                w.put(' ');
            }
            w.put("UNIQUE ");
            put_column_list<T>(w, k);
        }
        for (std::size_t i = 0; i != M::column_count; ++i) {
            const column_info& c = M::columns[i];
            if (!c.has_fk) continue;
            put_separator(w, first);
            w.put("FOREIGN KEY(");
            w.put(quoted_names<T>::column(i));
            w.put(") REFERENCES ");
            put_ident(w, c.fk_table);
            w.put(" (");
            put_ident(w, c.fk_column);
            w.put(')');
            if (c.on_delete != fk_action::no_action) {
                w.put(" ON DELETE ");
                w.put(fk_action_sql(c.on_delete));
            }
            if (c.on_update != fk_action::no_action) {
                w.put(" ON UPDATE ");
                w.put(fk_action_sql(c.on_update));
            }
        }
        for (const option_info& o : model_options<T>::value) {
            if (o.what != option_kind::check) continue;
            put_separator(w, first);
            if (!o.name.empty()) {
                w.put("CONSTRAINT ");
                put_ident(w, o.name);
                w.put(' ');
            }
            w.put("CHECK (");
            w.put(o.check);
            w.put(')');
        }
        w.put(')');
    }

    static constexpr auto uniques = M::template collect_keys<true>();
};

template <class T, std::size_t I, bool IfNotExists>
struct create_index_node {
    using result_type = void;
    using M = model<T>;
    static constexpr auto indexes = M::template collect_keys<false>();

    static constexpr void render(writer& w) {
        constexpr const key_info& k = indexes[I];
        w.put(k.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (IfNotExists) w.put("IF NOT EXISTS ");
        put_index_name<T>(w, k);
        w.put(" ON ");
        w.put(quoted_names<T>::table());
        w.put(' ');
        put_column_list<T>(w, k);
    }
};

template <class T, bool IfExists>
struct drop_table_node {
    using result_type = void;
    static constexpr void render(writer& w) {
        w.put(IfExists ? "DROP TABLE IF EXISTS " : "DROP TABLE ");
        w.put(quoted_names<T>::table());
    }
};

template <class Node, class D>
inline constexpr std::string_view text_of = rendered_v<Node, D::info>.view();

template <class T>
inline constexpr std::size_t index_count_v = model<T>::template count_keys<false>();

/** CREATE TABLE followed by its CREATE INDEX statements. */
template <class D, class T, bool IfNotExists, std::size_t... I>
constexpr std::array<std::string_view, 1 + sizeof...(I)> create_statements(std::index_sequence<I...>) {
    return {text_of<create_table_node<T, IfNotExists>, D>,
            text_of<create_index_node<T, I, IfNotExists>, D>...};
}

template <std::size_t N, std::size_t M>
constexpr std::size_t append_statements(std::array<std::string_view, N>& out, std::size_t at,
                                        const std::array<std::string_view, M>& more) {
    for (std::string_view s : more) out[at++] = s;
    return at;
}

/*
 * Foreign-key order, decided by the compiler: Kahn's algorithm over the models' dependency
 * matrix, taking the first ready model in the order given so the result is stable. A model
 * whose foreign key points to a model outside the set is not held back by it, nor one whose
 * key points to itself.
 */
template <class... Models>
struct fk_order {
    static constexpr std::size_t n = sizeof...(Models);
    static constexpr std::array<std::string_view, n> ids{type_id_of<Models>...};

    /** Which of the models A has a foreign key to. */
    template <class A>
    static constexpr std::array<bool, n> row() {
        std::array<bool, n> r{};
        for (const option_info& o : model_options<A>::value)
            if (o.what == option_kind::column && o.fk_model != type_id_of<A>)
                for (std::size_t j = 0; j != n; ++j)
                    if (ids[j] == o.fk_model) r[j] = true;
        return r;
    }
    static constexpr std::array<std::array<bool, n>, n> deps{row<Models>()...};

    struct result {
        std::array<std::size_t, n> order{};
        bool acyclic = true;
    };
    static constexpr result sort() {
        result r{};
        std::array<bool, n> placed{};
        for (std::size_t k = 0; k != n; ++k) {
            std::size_t pick = n;
            for (std::size_t i = 0; i != n && pick == n; ++i) {
                if (placed[i]) continue;
                bool ready = true;
                for (std::size_t j = 0; j != n; ++j)
                    if (deps[i][j] && !placed[j]) ready = false;
                if (ready) pick = i;
            }
            if (pick == n) {
                r.acyclic = false;
                return r;
            }
            placed[pick] = true;
            r.order[k] = pick;
        }
        return r;
    }
    static constexpr result value = sort();
    static_assert(value.acyclic,
                  "create_all/drop_all: the foreign keys of these models form a cycle; make one "
                  "of the keys nullable and add it in a later migration, or create the tables "
                  "separately");
};

/** Every model's CREATE TABLE and CREATE INDEX statements, parents first. Only the variant
 *  asked for (IF NOT EXISTS or not) is rendered. */
template <class D, bool IfNotExists, class... Models>
consteval auto create_all_statements() {
    using order = fk_order<Models...>;
    constexpr std::size_t n = sizeof...(Models);
    constexpr std::array<std::size_t, n> counts{1 + index_count_v<Models>...};
    constexpr std::size_t total = (0 + ... + (1 + index_count_v<Models>));
    std::array<std::string_view, total> given{};
    std::size_t at = 0;
    ((at = append_statements(given, at,
                             create_statements<D, Models, IfNotExists>(
                                 std::make_index_sequence<index_count_v<Models>>{}))),
     ...);
    std::array<std::size_t, n> starts{};
    for (std::size_t m = 1; m < n; ++m) starts[m] = starts[m - 1] + counts[m - 1];
    std::array<std::string_view, total> out{};
    std::size_t k = 0;
    for (std::size_t m : order::value.order)
        for (std::size_t i = 0; i != counts[m]; ++i) out[k++] = given[starts[m] + i];
    return out;
}

/** DROP TABLE for each model, children first. */
template <class D, bool IfExists, class... Models>
consteval auto drop_all_statements() {
    using order = fk_order<Models...>;
    constexpr std::size_t n = sizeof...(Models);
    constexpr std::array<std::string_view, n> drops{text_of<drop_table_node<Models, IfExists>, D>...};
    std::array<std::string_view, n> out{};
    for (std::size_t k = 0; k != n; ++k) out[k] = drops[order::value.order[n - 1 - k]];
    return out;
}

template <class D, bool IfNotExists, class... Models>
inline constexpr auto create_all_v = create_all_statements<D, IfNotExists, Models...>();
template <class D, bool IfExists, class... Models>
inline constexpr auto drop_all_v = drop_all_statements<D, IfExists, Models...>();

}  // namespace retort::detail

namespace retort {

/** `CREATE TABLE` for model T: `retort::sql<retort::sqlite>(retort::create_table<User>())`. */
template <class T, bool IfNotExists = false>
constexpr detail::create_table_node<T, IfNotExists> create_table() {
    return {};
}
template <class T, bool IfExists = false>
constexpr detail::drop_table_node<T, IfExists> drop_table() {
    return {};
}

/** `create_all_sql(retort::if_not_exists)`: CREATE TABLE/INDEX IF NOT EXISTS. */
struct if_not_exists_t {
    explicit if_not_exists_t() = default;
};
inline constexpr if_not_exists_t if_not_exists{};

/** `drop_all_sql(retort::if_exists)`: DROP TABLE IF EXISTS. */
struct if_exists_t {
    explicit if_exists_t() = default;
};
inline constexpr if_exists_t if_exists{};

/**
 * The DDL of a set of models in foreign-key order, as constant text per dialect:
 *
 *     constexpr auto stmts = retort::create_all_sql<retort::postgresql, User, Post>();
 *     // stmts[0] == "CREATE TABLE users (...)", then posts and its indexes
 *     constexpr auto checked = retort::create_all_sql<retort::sqlite, User, Post>(
 *         retort::if_not_exists);   // CREATE TABLE IF NOT EXISTS ... (SQLAlchemy's checkfirst)
 *
 * Each form renders only its own variant. With a `bool` chosen at run time, both variants
 * are rendered and one is returned.
 */
template <class D, class... Models>
constexpr auto create_all_sql() {
    return detail::create_all_v<D, false, Models...>;
}
template <class D, class... Models>
constexpr auto create_all_sql(if_not_exists_t) {
    return detail::create_all_v<D, true, Models...>;
}
template <class D, class... Models>
constexpr auto create_all_sql(bool if_not_exists) {
    return if_not_exists ? create_all_sql<D, Models...>(retort::if_not_exists)
                         : create_all_sql<D, Models...>();
}

/** DROP TABLE for a set of models, children before parents; `drop_all_sql<D, M...>(
 *  retort::if_exists)` adds IF EXISTS. As with create_all_sql, a run-time `bool` renders both. */
template <class D, class... Models>
constexpr auto drop_all_sql() {
    return detail::drop_all_v<D, false, Models...>;
}
template <class D, class... Models>
constexpr auto drop_all_sql(if_exists_t) {
    return detail::drop_all_v<D, true, Models...>;
}
template <class D, class... Models>
constexpr auto drop_all_sql(bool if_exists) {
    return if_exists ? drop_all_sql<D, Models...>(retort::if_exists) : drop_all_sql<D, Models...>();
}

}  // namespace retort
