// IN over a run-time list (one bound array: the text stays the same whatever the length) and
// IN over a subquery.
#pragma once

#include <charconv>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/sql/operators.hpp"
#include "retort/types/iso_time.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/** A container kept by the statement: by pointer when the caller passed an lvalue (it must
 *  outlive the statement's execution), by value when it passed a temporary. */
template <class C>
struct held_range {
    C value;
    [[nodiscard]] RETORT_SQL_INLINE constexpr const C& get() const noexcept { return value; }
};
template <class C>
struct held_range<const C&> {
    const C* ptr;
    [[nodiscard]] RETORT_SQL_INLINE constexpr const C& get() const noexcept { return *ptr; }
};

template <class C>
using held_range_for = std::conditional_t<std::is_lvalue_reference_v<C>,
                                          held_range<const std::remove_cvref_t<C>&>,
                                          held_range<std::remove_cvref_t<C>>>;

template <class C>
RETORT_SQL_INLINE constexpr held_range_for<C> hold_range(C&& c) {
    if constexpr (std::is_lvalue_reference_v<C>)
        return {&c};
    else
        return {static_cast<C&&>(c)};
}

template <class C>
using range_value_t = std::remove_cvref_t<decltype(*std::begin(std::declval<const C&>()))>;

inline void append_json_string(std::string& out, std::string_view s) {
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

inline void append_pg_array_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

template <class N>
void append_number(std::string& out, N n) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, res.ptr);
}

/** One element of an IN list, in the array syntax of the dialect. */
inline void append_element(std::string& out, dialect_kind d, const value_view& v) {
    const bool pg = d == dialect_kind::postgresql;
    switch (v.type) {
        case value_type::null: out += pg ? "NULL" : "null"; break;
        case value_type::boolean: out += pg ? (v.b ? "t" : "f") : (v.b ? "1" : "0"); break;
        case value_type::integer: append_number(out, v.i); break;
        case value_type::timestamp: {
            // As the drivers bind them: ISO text on SQLite, UTC instants on PostgreSQL.
            const auto t = format_timestamp(v.i);
            out += '"';
            out.append(t.data(), t.size());
            if (pg) out += "+00";
            out += '"';
            break;
        }
        case value_type::date: {
            const auto t = format_date(v.i);
            out += '"';
            out.append(t.data(), t.size());
            out += '"';
            break;
        }
        case value_type::real: append_number(out, v.d); break;
        case value_type::text:
        case value_type::blob:
            if (pg)
                append_pg_array_string(out, v.bytes);
            else
                append_json_string(out, v.bytes);
            break;
    }
}

/**
 * The bound value of an IN list: a JSON array for SQLite's json_each(?), a PostgreSQL array
 * literal (`{1,2,3}`, `{"a","b\"c"}`) for `= ANY($1)`.
 */
template <class C>
void encode_in_list(std::string& out, dialect_kind d, const C& values) {
    using elem = range_value_t<C>;
    const bool pg = d == dialect_kind::postgresql;
    out.clear();
    out += pg ? '{' : '[';
    std::string scratch;
    bool first = true;
    for (const auto& x : values) {
        if (!first) out += ',';
        first = false;
        append_element(out, d, type_traits<elem>::to_value(x, scratch));
    }
    out += pg ? '}' : ']';
}

/** `x IN (SELECT value FROM json_each(?))` on SQLite, `x = ANY($1)` on PostgreSQL. */
template <bool Not, class E, class C>
struct in_list : expr_ops<in_list<Not, E, C>> {
    using retort_expression = void;
    using value_type = bool;
    using sources = typename E::sources;
    static constexpr int precedence = prec::compare;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;

    E e;
    C values;
    mutable std::string encoded{};  // filled when the parameters are visited

    static constexpr void render(writer& w) {
        if constexpr (E::precedence < prec::concat) w.put('(');
        E::render(w);
        if constexpr (E::precedence < prec::concat) w.put(')');
        if (w.dialect().kind == dialect_kind::postgresql) {
            w.put(Not ? " != ALL(" : " = ANY(");
            put_param(w);
            w.put(')');
        } else {
            w.put(Not ? " NOT IN (SELECT value FROM json_each(" : " IN (SELECT value FROM json_each(");
            put_param(w);
            w.put("))");
        }
    }
    template <class F>
    RETORT_SQL_INLINE void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
        encode_in_list(encoded, d, values.get());
        f(std::as_const(encoded));
    }
};

/** `x IN (SELECT ...)`. */
template <bool Not, class E, class S>
struct in_subquery : expr_ops<in_subquery<Not, E, S>> {
    using retort_expression = void;
    using value_type = bool;
    using sources = merge_sources_t<typename E::sources, free_sources_t<S>>;
    static constexpr int precedence = prec::compare;
    static constexpr bool aggregate = E::aggregate;
    static constexpr bool bare = E::bare;

    E e;
    S s;

    static constexpr void render(writer& w) {
        if constexpr (E::precedence < prec::concat) w.put('(');
        E::render(w);
        if constexpr (E::precedence < prec::concat) w.put(')');
        w.put(Not ? " NOT IN (" : " IN (");
        S::render(w);
        w.put(')');
    }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind d, F&& f) const {
        if constexpr (has_params_v<decltype(e)>) e.visit_params(d, f);
        if constexpr (has_params_v<decltype(s)>) s.visit_params(d, f);
    }
};

template <bool Not, class E, class X>
RETORT_SQL_INLINE constexpr auto make_in(const E& e, X&& x) {
    using XT = std::remove_cvref_t<X>;
    if constexpr (statement<XT>) {
        using R = typename XT::result_type;
        static_assert(std::tuple_size_v<R> == 1,
                      "retort: in(subquery) needs a subquery that selects exactly one column");
        check_comparable<typename E::value_type, std::tuple_element_t<0, R>>();
        return in_subquery<Not, E, XT>{{}, e, static_cast<X&&>(x)};
    } else {
        static_assert(requires { std::begin(x); std::end(x); },
                      "retort: in() takes a container of values (vector, array, set, span) or a "
                      "subquery");
        using elem = range_value_t<XT>;
        check_value_operand<typename E::value_type, elem>();
        check_comparable<typename E::value_type, elem>();
        static_assert(bindable<elem>,
                      "retort: in(): the container's elements have a type that cannot be bound");
        using held = held_range_for<X&&>;
        return in_list<Not, E, held>{{}, e, hold_range(static_cast<X&&>(x)), {}};
    }
}

}  // namespace retort::detail
