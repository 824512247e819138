// DDL as constexpr text: CREATE TABLE, CREATE INDEX, DROP TABLE, and create_all's order.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/schema/model.hpp"

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

template <class M>
constexpr void put_column_list(writer& w, const key_info& k) {
    w.put('(');
    for (std::size_t i = 0; i != k.size; ++i) {
        if (i != 0) w.put(", ");
        put_ident(w, M::columns[k.columns[i]].name);
    }
    w.put(')');
}

/** `ix_<table>_<col>[_<col>...]`, SQLAlchemy's convention, when an index has no name. */
template <class M>
constexpr void put_index_name(writer& w, const key_info& k) {
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
        w.put("CREATE TABLE ");
        if (IfNotExists) w.put("IF NOT EXISTS ");
        put_ident(w, M::table_name);
        w.put(" (");
        bool first = true;
        auto sep = [&] {
            if (!first) w.put(", ");
            first = false;
        };
        for (const column_info& c : M::columns) {
            sep();
            put_ident(w, c.name);
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
            sep();
            w.put("PRIMARY KEY ");
            put_column_list<M>(w, M::primary_key);
        }
        for (const key_info& k : uniques) {
            sep();
            if (!k.name.empty()) {
                w.put("CONSTRAINT ");
                put_ident(w, k.name);
                w.put(' ');
            }
            w.put("UNIQUE ");
            put_column_list<M>(w, k);
        }
        for (const column_info& c : M::columns) {
            if (!c.has_fk) continue;
            sep();
            w.put("FOREIGN KEY(");
            put_ident(w, c.name);
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
        for_each_option<T>([&]<std::size_t K>() {
            constexpr const auto& opt = std::get<K>(table<T>.options);
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(opt)>, check_def>) {
                sep();
                if (!opt.name.empty()) {
                    w.put("CONSTRAINT ");
                    put_ident(w, opt.name);
                    w.put(' ');
                }
                w.put("CHECK (");
                w.put(opt.sql);
                w.put(')');
            }
        });
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
        put_index_name<M>(w, k);
        w.put(" ON ");
        put_ident(w, M::table_name);
        w.put(' ');
        put_column_list<M>(w, k);
    }
};

template <class T, bool IfExists>
struct drop_table_node {
    using result_type = void;
    static constexpr void render(writer& w) {
        w.put("DROP TABLE ");
        if (IfExists) w.put("IF EXISTS ");
        put_ident(w, model<T>::table_name);
    }
};

template <class Node, class D>
inline constexpr std::string_view text_of = rendered_v<Node, D::info>.view();

/** CREATE TABLE followed by its CREATE INDEX statements. */
template <class D, class T, bool IfNotExists>
constexpr auto create_statements() {
    constexpr std::size_t n = model<T>::template collect_keys<false>().size();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<std::string_view, 1 + n>{
            text_of<create_table_node<T, IfNotExists>, D>,
            text_of<create_index_node<T, I, IfNotExists>, D>...};
    }(std::make_index_sequence<n>{});
}

/** Does model A have a foreign key to model B (other than to itself)? */
template <class A, class B>
constexpr bool depends_on() {
    if constexpr (std::is_same_v<A, B>) {
        return false;
    } else {
        bool found = false;
        for_each_option<A>([&]<std::size_t K>() {
            using O = std::remove_cvref_t<decltype(std::get<K>(table<A>.options))>;
            if constexpr (is_column_def<O>::value) {
                if constexpr (!std::is_same_v<typename O::fk_type, no_fk>)
                    if (std::is_same_v<typename O::fk_type::target_class, B>) found = true;
            }
        });
        return found;
    }
}

/*
 * Foreign-key order, decided by the compiler: Kahn's algorithm over the models' dependency
 * matrix, taking the first ready model in the order given so the result is stable. A model
 * whose foreign key points to a model outside the set is not held back by it.
 */
template <class... Models>
struct fk_order {
    static constexpr std::size_t n = sizeof...(Models);
    static constexpr std::array<std::array<bool, n>, n> deps = [] {
        std::array<std::array<bool, n>, n> d{};
        std::size_t i = 0;
        (
            [&]<class A>(std::type_identity<A>) {
                std::size_t j = 0;
                ((d[i][j++] = depends_on<A, Models>()), ...);
                ++i;
            }(std::type_identity<Models>{}),
            ...);
        return d;
    }();

    struct result {
        std::array<std::size_t, n> order{};
        bool acyclic = true;
    };
    static constexpr result value = [] {
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
    }();
    static_assert(value.acyclic,
                  "create_all/drop_all: the foreign keys of these models form a cycle; make one "
                  "of the keys nullable and add it in a later migration, or create the tables "
                  "separately");
};

template <class D, bool IfNotExists, class... Models>
constexpr auto create_all_statements() {
    using order = fk_order<Models...>;
    constexpr std::size_t total = (create_statements<D, Models, IfNotExists>().size() + ... + 0);
    std::array<std::string_view, total> out{};
    constexpr std::array<std::size_t, sizeof...(Models)> sizes{
        create_statements<D, Models, IfNotExists>().size()...};
    std::array<std::array<std::string_view, 16>, sizeof...(Models)> all{};
    std::size_t m = 0;
    (
        [&] {
            auto s = create_statements<D, Models, IfNotExists>();
            for (std::size_t i = 0; i != s.size() && i != 16; ++i) all[m][i] = s[i];
            ++m;
        }(),
        ...);
    std::size_t k = 0;
    for (std::size_t idx : order::value.order)
        for (std::size_t i = 0; i != sizes[idx]; ++i) out[k++] = all[idx][i];
    return out;
}

template <class D, bool IfExists, class... Models>
constexpr auto drop_all_statements() {
    using order = fk_order<Models...>;
    constexpr std::array<std::string_view, sizeof...(Models)> drops{
        text_of<drop_table_node<Models, IfExists>, D>...};
    std::array<std::string_view, sizeof...(Models)> out{};
    for (std::size_t k = 0; k != sizeof...(Models); ++k)
        out[k] = drops[order::value.order[sizeof...(Models) - 1 - k]];
    return out;
}

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

/**
 * The DDL of a set of models in foreign-key order, as constant text per dialect:
 *
 *     constexpr auto stmts = retort::create_all_sql<retort::postgresql, User, Post>();
 *     // stmts[0] == "CREATE TABLE users (...)", then posts and its indexes
 *
 * `IfNotExists` adds IF NOT EXISTS (SQLAlchemy's checkfirst).
 */
template <class D, class... Models>
constexpr auto create_all_sql(bool if_not_exists = false) {
    constexpr auto plain = detail::create_all_statements<D, false, Models...>();
    constexpr auto checked = detail::create_all_statements<D, true, Models...>();
    return if_not_exists ? checked : plain;
}

/** DROP TABLE for a set of models, children before parents. */
template <class D, class... Models>
constexpr auto drop_all_sql(bool if_exists = false) {
    constexpr auto plain = detail::drop_all_statements<D, false, Models...>();
    constexpr auto checked = detail::drop_all_statements<D, true, Models...>();
    return if_exists ? checked : plain;
}

}  // namespace retort
