// A statement's SQL text for a dialect (a constant in .rodata) and its bound values in order.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "retort/detail/writer.hpp"
#include "retort/dialect/dialect.hpp"
#include "retort/sql/expression.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/** Statements whose text is only known at run time (`retort::text(sql)`). */
template <class S>
concept runtime_statement = statement<S> && requires(const S& s) {
    { s.runtime_sql() } -> std::convertible_to<std::string_view>;
};

}  // namespace retort::detail

namespace retort {

/**
 * The SQL text of `stmt` for dialect `D`, fixed at compile time; `stmt` itself is not read,
 * so this works in a static_assert on a statement held in a plain local variable:
 *
 *     auto q = retort::select(col<&User::id>).where(col<&User::email> == email);
 *     static_assert(retort::sql<retort::sqlite>(q) ==
 *                   "SELECT users.id FROM users WHERE users.email = ?");
 */
template <dialect D, detail::statement Stmt>
RETORT_SQL_INLINE constexpr std::string_view sql(const Stmt& stmt) noexcept {
    if constexpr (detail::runtime_statement<Stmt>) {
        return stmt.runtime_sql();
    } else {
        static_assert(Stmt::check());
        // A constant here, so nothing of the rendering is left for run time.
        constexpr std::string_view text =
            detail::rendered_texts_v<Stmt>.view(static_cast<std::size_t>(D::info.kind));
        return text;
    }
}

/** The SQL text for a dialect chosen at run time (one of the constants above). */
template <detail::statement Stmt>
constexpr std::string_view sql(const Stmt& stmt, detail::dialect_kind d) noexcept {
    if (d == detail::dialect_kind::postgresql) return sql<postgresql>(stmt);
    return sql<sqlite>(stmt);
}

/** How many placeholders the statement's text has (the same on every dialect). */
template <detail::statement Stmt>
constexpr std::size_t param_count(const Stmt& stmt) noexcept {
    if constexpr (detail::runtime_statement<Stmt>) {
        return stmt.runtime_param_count();
    } else {
        static_assert(Stmt::check());
        constexpr std::size_t n = detail::rendered_texts_v<Stmt>.params;
        return n;
    }
}

/**
 * Calls `f(const auto& value)` for each bound value of `stmt`, in placeholder order, whatever
 * order the builder methods were called in. Values are the statement's own (numbers, strings,
 * time points, optionals...); an IN list arrives as one `std::string` already encoded for the
 * dialect. References passed to `f` stay valid while `stmt` lives and is not visited again.
 */
template <detail::statement Stmt, class F>
RETORT_SQL_INLINE constexpr void visit_params(const Stmt& stmt, detail::dialect_kind d, F&& f) {
    stmt.visit_params(d, f);
}

namespace detail {

/** Turns each bound value into a value_view. One type for every statement, so the visit of a
 *  node type that statements share (a bound integer, an IN list, a model's row) is compiled
 *  once per translation unit, not once per statement. */
struct param_binder {
    value_view* out;
    std::string* scratch;
    std::size_t i = 0;

    template <class V>
    void operator()(const V& v) {
        if constexpr (std::is_same_v<V, std::string_view>)
            out[i] = value_view::text(v);
        else
            out[i] = type_traits<V>::to_value(v, scratch[i]);
        ++i;
    }
};

}  // namespace detail

/**
 * The bound values as value_views, through `type_traits`: `out` and `scratch` need
 * `param_count(stmt)` entries; views may point into `stmt` and `scratch`.
 */
template <detail::statement Stmt>
void bind_params(const Stmt& stmt, detail::dialect_kind d, std::span<value_view> out,
                 std::span<std::string> scratch) {
    detail::param_binder binder{out.data(), scratch.data()};
    stmt.visit_params(d, binder);
}

}  // namespace retort
