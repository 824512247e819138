// The session's own statements, rendered per model from its record: INSERT ... RETURNING,
// SELECT and DELETE by primary key (constants), UPDATE of changed columns (built once per shape).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/schema/model.hpp"

namespace retort::orm::detail {

using retort::detail::model;
using retort::detail::put_ident;
using retort::detail::put_param;
using retort::detail::writer;

/** Columns an INSERT of T sends: all but server defaults, and but the generated key unless
 *  `WithKey` (the object came with its key set). */
template <class T, bool WithKey>
constexpr bool sent_on_insert(std::size_t c) {
    const auto& col = model<T>::columns[c];
    return col.server_default.empty() && (WithKey || !col.autoincrement);
}

/** Columns an INSERT of T reads back: the generated key and server defaults. */
template <class T, bool WithKey>
constexpr bool returned_on_insert(std::size_t c) {
    const auto& col = model<T>::columns[c];
    return !col.server_default.empty() || (!WithKey && col.autoincrement);
}

template <class T, bool WithKey>
struct insert_node {
    static constexpr void render(writer& w) {
        using M = model<T>;
        w.put("INSERT INTO ");
        put_ident(w, M::table_name);
        std::size_t sent = 0;
        for (std::size_t c = 0; c != M::column_count; ++c) sent += sent_on_insert<T, WithKey>(c);
        if (sent == 0) {
            w.put(" DEFAULT VALUES");
        } else {
            w.put(" (");
            bool first = true;
            for (std::size_t c = 0; c != M::column_count; ++c) {
                if (!sent_on_insert<T, WithKey>(c)) continue;
                if (!first) w.put(", ");
                first = false;
                put_ident(w, M::columns[c].name);
            }
            w.put(") VALUES (");
            for (std::size_t i = 0; i != sent; ++i) {
                if (i != 0) w.put(", ");
                put_param(w);
            }
            w.put(')');
        }
        bool first = true;
        for (std::size_t c = 0; c != M::column_count; ++c) {
            if (!returned_on_insert<T, WithKey>(c)) continue;
            w.put(first ? " RETURNING " : ", ");
            first = false;
            put_ident(w, M::columns[c].name);
        }
    }
};

constexpr void put_key_condition(writer& w, const retort::detail::key_info& key,
                                 const auto& columns) {
    for (std::size_t k = 0; k != key.size; ++k) {
        w.put(k == 0 ? " WHERE " : " AND ");
        put_ident(w, columns[key.columns[k]].name);
        w.put(" = ");
        put_param(w);
    }
}

/** SELECT every column of T by primary key. */
template <class T>
struct select_by_key_node {
    static constexpr void render(writer& w) {
        using M = model<T>;
        w.put("SELECT ");
        for (std::size_t c = 0; c != M::column_count; ++c) {
            if (c != 0) w.put(", ");
            put_ident(w, M::columns[c].name);
        }
        w.put(" FROM ");
        put_ident(w, M::table_name);
        put_key_condition(w, M::primary_key, M::columns);
    }
};

template <class T>
struct delete_by_key_node {
    static constexpr void render(writer& w) {
        using M = model<T>;
        w.put("DELETE FROM ");
        put_ident(w, M::table_name);
        put_key_condition(w, M::primary_key, M::columns);
    }
};

/** The text of a session statement for a dialect: a constant in .rodata. */
template <class Node>
std::string_view text_for(retort::detail::dialect_kind d) {
    if (d == retort::detail::dialect_kind::postgresql)
        return retort::detail::rendered_v<Node, retort::detail::postgresql_dialect>.view();
    return retort::detail::rendered_v<Node, retort::detail::sqlite_dialect>.view();
}

}  // namespace retort::orm::detail
