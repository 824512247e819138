// Raw SQL: constant text with `?` placeholders (numbered for PostgreSQL), or text given at run
// time, with bound values and a declared result type.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include "retort/detail/fixed_string.hpp"
#include "retort/sql/expression.hpp"
#include "retort/types/traits.hpp"

namespace retort::detail {

/** Writes `sql`, turning each `?` outside quotes into the dialect's placeholder. */
constexpr void render_raw(writer& w, std::string_view sql) {
    char quote = 0;
    for (char c : sql) {
        if (quote != 0) {
            if (c == quote) quote = 0;
            w.put(c);
        } else if (c == '\'' || c == '"') {
            quote = c;
            w.put(c);
        } else if (c == '?') {
            put_param(w);
        } else {
            w.put(c);
        }
    }
}

template <class... V>
consteval void check_text_values() {
    static_assert((bindable<V> && ...),
                  "retort: text().bind(): a value of this type cannot be bound as a parameter");
}

/** `retort::text<"SELECT ...">()`: see retort::text. */
template <fixed_string Sql, class Result, class... V>
struct text_stmt {
    using retort_statement = void;
    struct scope {
        using free_sources = type_list<>;
    };
    using result_type = Result;
    static constexpr bool single_row = false;

    std::tuple<V...> values_;

    static constexpr void render(writer& w) { render_raw(w, Sql.view()); }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&& f) const {
        std::apply([&](const auto&... v) { (f(v), ...); }, values_);
    }
    static constexpr bool check() { return true; }

    /** The values of the `?`s, in order. */
    template <class... X>
    RETORT_SQL_INLINE constexpr auto bind(const X&... x) const {
        check_text_values<stored_value_t<X>...>();
        return text_stmt<Sql, Result, V..., stored_value_t<X>...>{
            std::tuple_cat(values_, std::tuple<stored_value_t<X>...>(stored_value_t<X>(x)...))};
    }
    /** The columns each row has: `.returns<std::int64_t, std::string>()`. */
    template <class... R>
    RETORT_SQL_INLINE constexpr auto returns() const {
        return text_stmt<Sql, std::tuple<R...>, V...>{values_};
    }
};

/** `retort::text(sql)` with text known only at run time; written as given. */
template <class Result, class... V>
struct runtime_text_stmt {
    using retort_statement = void;
    struct scope {
        using free_sources = type_list<>;
    };
    using result_type = Result;
    static constexpr bool single_row = false;

    std::string_view sql_;
    std::tuple<V...> values_;

    [[nodiscard]] constexpr std::string_view runtime_sql() const noexcept { return sql_; }
    [[nodiscard]] constexpr std::size_t runtime_param_count() const noexcept { return sizeof...(V); }
    template <class F>
    RETORT_SQL_INLINE constexpr void visit_params(dialect_kind, F&& f) const {
        std::apply([&](const auto&... v) { (f(v), ...); }, values_);
    }
    static constexpr bool check() { return true; }

    template <class... X>
    RETORT_SQL_INLINE constexpr auto bind(const X&... x) const {
        check_text_values<stored_value_t<X>...>();
        return runtime_text_stmt<Result, V..., stored_value_t<X>...>{
            sql_, std::tuple_cat(values_, std::tuple<stored_value_t<X>...>(stored_value_t<X>(x)...))};
    }
    template <class... R>
    RETORT_SQL_INLINE constexpr auto returns() const {
        return runtime_text_stmt<std::tuple<R...>, V...>{sql_, values_};
    }
};

}  // namespace retort::detail

namespace retort {

/**
 * Raw SQL fixed at compile time; `?` becomes `$1, $2, ...` on PostgreSQL:
 *
 *     auto q = retort::text<"SELECT id, username FROM users WHERE id > ?">()
 *                  .bind(10).returns<std::int64_t, std::string>();
 */
template <fixed_string Sql>
constexpr auto text() {
    return detail::text_stmt<Sql, void>{};
}

/** Raw SQL known at run time (`retort::text("VACUUM")`), sent exactly as written: use the
 *  dialect's own placeholders. The string must outlive the statement's execution. */
constexpr auto text(std::string_view sql) { return detail::runtime_text_stmt<void>{sql, {}}; }

}  // namespace retort
