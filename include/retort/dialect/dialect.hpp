// SQL flavour as constexpr values: quoting, placeholders, type names. No C headers here.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "retort/detail/writer.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

enum class dialect_kind : std::uint8_t { sqlite, postgresql };

/** Everything that differs between SQLite and PostgreSQL, as one constexpr value. */
struct dialect_info {
    dialect_kind kind;
    std::string_view name;
    bool numbered_params;  // $1, $2 ... instead of ?
};

inline constexpr dialect_info sqlite_dialect{dialect_kind::sqlite, "sqlite", false};
inline constexpr dialect_info postgresql_dialect{dialect_kind::postgresql, "postgresql", true};

/** Every dialect, in `dialect_kind` order: the texts of `rendered_texts_v`. */
inline constexpr const dialect_info* all_dialects[] = {&sqlite_dialect, &postgresql_dialect};

/**
 * The text of `Render::render(writer&)` on every dialect, from one count and one fill (see
 * retort/detail/writer.hpp): `rendered_texts_v<Stmt>.view(std::size_t(dialect_kind::sqlite))`.
 */
template <class Render>
inline constexpr auto rendered_draft_v = render_draft<Render>(all_dialects);
template <class Render>
inline constexpr auto rendered_texts_v =
    render_texts<Render, rendered_draft_v<Render>>(all_dialects);

/** The text of `Render` on dialect `D`, and its number of placeholders. */
template <class Render, const dialect_info& D>
inline constexpr rendered_text rendered_v{
    rendered_texts_v<Render>.view(static_cast<std::size_t>(D.kind)),
    rendered_texts_v<Render>.params};

/*
 * Words that must be quoted when used as identifiers: the union of PostgreSQL's reserved key
 * words and SQLite's key words that break as bare identifiers. Kept sorted (checked by a
 * static_assert) so lookup is a binary search in constant evaluation.
 */
inline constexpr std::string_view reserved_words[] = {
    "abort", "action", "add", "after", "all", "alter", "always", "analyse", "analyze", "and",
    "any", "array", "as", "asc", "asymmetric", "attach", "authorization", "autoincrement",
    "before", "begin", "between", "binary", "both", "by", "cascade", "case", "cast", "check",
    "collate", "column", "commit", "concurrently", "conflict", "constraint", "create", "cross",
    "current", "current_catalog", "current_date", "current_role", "current_schema",
    "current_time", "current_timestamp", "current_user", "database", "default", "deferrable",
    "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end",
    "escape", "except", "exclude", "exclusive", "exists", "explain", "fail", "false", "fetch",
    "filter", "first", "following", "for", "foreign", "freeze", "from", "full", "generated",
    "glob", "grant", "group", "groups", "having", "if", "ignore", "ilike", "immediate", "in",
    "index", "indexed", "initially", "inner", "insert", "instead", "intersect", "into", "is",
    "isnull", "join", "key", "last", "lateral", "leading", "left", "like", "limit", "localtime",
    "localtimestamp", "match", "materialized", "natural", "no", "not", "nothing", "notnull",
    "null", "nulls", "of", "offset", "on", "only", "or", "order", "others", "outer", "over",
    "overlaps", "partition", "placing", "plan", "pragma", "preceding", "primary", "query",
    "raise", "range", "recursive", "references", "regexp", "reindex", "release", "rename",
    "replace", "restrict", "returning", "right", "rollback", "row", "rows", "savepoint",
    "select", "session_user", "set", "similar", "some", "symmetric", "table", "temp",
    "temporary", "then", "ties", "to", "trailing", "transaction", "trigger", "true",
    "unbounded", "union", "unique", "update", "user", "using", "vacuum", "values", "variadic",
    "verbose", "view", "virtual", "when", "where", "window", "with", "without",
};

/** `a` compared with `b` (<0, 0, >0), character by character through plain pointers:
 *  string_view's comparison costs constant evaluation a call per character. */
constexpr int compare_words(std::string_view a, std::string_view b) {
    const char* x = a.data();
    const char* y = b.data();
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i != n; ++i)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

constexpr bool is_sorted_words() {
    for (std::size_t i = 1; i != std::size(reserved_words); ++i)
        if (compare_words(reserved_words[i - 1], reserved_words[i]) >= 0) return false;
    return true;
}
static_assert(is_sorted_words(), "reserved_words must stay sorted");

constexpr bool is_reserved(std::string_view word) {
    std::size_t lo = 0, hi = std::size(reserved_words);
    while (lo < hi) {
        std::size_t mid = (lo + hi) / 2;
        if (compare_words(reserved_words[mid], word) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo != std::size(reserved_words) && compare_words(reserved_words[lo], word) == 0;
}

/** Quoting is needed for reserved words and anything but a lower-case plain identifier. */
constexpr bool needs_quotes(std::string_view name) {
    const char* s = name.data();
    if (name.empty() || (s[0] >= '0' && s[0] <= '9')) return true;
    for (std::size_t i = 0; i != name.size(); ++i) {
        const char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return true;
    }
    return is_reserved(name);
}

/** Writes an identifier, double-quoted (with quotes doubled) where needed; both dialects
 *  use standard double quotes. */
constexpr void put_ident(writer& w, std::string_view name) {
    if (!needs_quotes(name)) {
        w.put(name);
        return;
    }
    w.put('"');
    const char* s = name.data();
    for (std::size_t i = 0; i != name.size(); ++i) {
        if (s[i] == '"') w.put('"');
        w.put(s[i]);
    }
    w.put('"');
}

/** Writes a string literal (DDL defaults only; values are always bound). */
constexpr void put_string_literal(writer& w, std::string_view s) {
    w.put('\'');
    for (char c : s) {
        if (c == '\'') w.put('\'');
        w.put(c);
    }
    w.put('\'');
}

/** The next placeholder: `?` on SQLite, `$n` on PostgreSQL. */
constexpr void put_param(writer& w) {
    std::size_t n = w.next_param();
    if (w.dialect().numbered_params) {
        w.put('$');
        w.put_uint(n);
    } else {
        w.put('?');
    }
}

/** The column type name for a kind; `max_length` > 0 turns text into VARCHAR(n). */
constexpr void put_type_name(writer& w, sql_kind kind, std::size_t max_length = 0) {
    const bool pg = w.dialect().kind == dialect_kind::postgresql;
    switch (kind) {
        case sql_kind::boolean: w.put("BOOLEAN"); break;
        case sql_kind::smallint: w.put(pg ? "SMALLINT" : "INTEGER"); break;
        case sql_kind::integer: w.put("INTEGER"); break;
        case sql_kind::bigint: w.put(pg ? "BIGINT" : "INTEGER"); break;
        case sql_kind::real: w.put("REAL"); break;
        case sql_kind::double_: w.put(pg ? "DOUBLE PRECISION" : "REAL"); break;
        case sql_kind::text:
            if (max_length != 0) {
                w.put("VARCHAR(");
                w.put_uint(max_length);
                w.put(')');
            } else {
                w.put("TEXT");
            }
            break;
        case sql_kind::blob: w.put(pg ? "BYTEA" : "BLOB"); break;
        case sql_kind::timestamp: w.put(pg ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP"); break;
        case sql_kind::date: w.put("DATE"); break;
        case sql_kind::uuid: w.put(pg ? "UUID" : "CHAR(36)"); break;
    }
}

}  // namespace retort::detail

namespace retort {

/** The SQLite dialect: `retort::sql<retort::sqlite>(stmt)`. */
struct sqlite {
    static constexpr const detail::dialect_info& info = detail::sqlite_dialect;
};

/** The PostgreSQL dialect: `retort::sql<retort::postgresql>(stmt)`. */
struct postgresql {
    static constexpr const detail::dialect_info& info = detail::postgresql_dialect;
};

template <class D>
concept dialect = requires {
    { D::info } -> std::convertible_to<const detail::dialect_info&>;
};

}  // namespace retort
