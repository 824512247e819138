// Running a Core statement: its constant text for the connection's dialect, its values bound
// into stack storage, the prepared statement found by the text's address, typed rows back.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/dialect/dialect.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/typed_rows.hpp"
#include "retort/sql/expression.hpp"
#include "retort/sql/render.hpp"
#include "retort/types/value.hpp"

namespace retort::detail {

/** How many values a statement with constant text binds: a constant, so they fit on the stack. */
template <class Stmt>
inline constexpr std::size_t static_param_count_v = rendered_v<Stmt, retort::sqlite::info>.params;

/** What `conn.execute(stmt)` returns: typed rows for a statement with a result type, else the
 *  plain result (rows_affected()). */
template <class Stmt>
struct statement_result {
    using type = typed_rows<typename Stmt::result_type>;
};
template <class Stmt>
    requires std::is_void_v<typename Stmt::result_type>
struct statement_result<Stmt> {
    using type = result;
};

/** Values bound by a run-time statement that stay on the stack. */
inline constexpr std::size_t runtime_stack_params = 8;

/**
 * Runs a statement and returns its plain result. Constant text goes to `execute_prepared` with
 * its own address (the prepared-statement cache key: no hashing, no re-prepare); run-time text
 * (`retort::text(sql)`) goes to `execute_text`, cached by content. Values are bound from stack
 * storage. The ORM session reads its rows from here too.
 */
template <class Conn, class Stmt>
result run_statement(Conn& conn, const Stmt& stmt) {
    const dialect_kind d = conn.dialect();
    const std::string_view text = retort::sql(stmt, d);
    if constexpr (runtime_statement<Stmt>) {
        const std::size_t n = retort::param_count(stmt);
        if (n <= runtime_stack_params) {
            std::array<value_view, runtime_stack_params> values{};
            std::array<std::string, runtime_stack_params> scratch{};
            const std::span<value_view> out(values.data(), n);
            retort::bind_params(stmt, d, out, std::span<std::string>(scratch.data(), n));
            return conn.execute_text(text, out);
        }
        std::vector<value_view> values(n);
        std::vector<std::string> scratch(n);
        retort::bind_params(stmt, d, values, scratch);
        return conn.execute_text(text, values);
    } else {
        constexpr std::size_t n = static_param_count_v<Stmt>;
        std::array<value_view, n> values;
        std::array<std::string, n> scratch;
        retort::bind_params(stmt, d, values, scratch);
        return conn.execute_prepared(text.data(), text.size(), values);
    }
}

/** The body of `connection::execute(stmt)`: typed rows for a statement with a result type,
 *  else the plain result. */
template <class Conn, class Stmt>
typename statement_result<Stmt>::type execute_statement(Conn& conn, const Stmt& stmt) {
    using R = typename Stmt::result_type;
    if constexpr (std::is_void_v<R>) {
        return run_statement(conn, stmt);
    } else {
        // Run-time text may not outlive the call: error messages name constant text only.
        return typed_rows<R>(run_statement(conn, stmt),
                             runtime_statement<Stmt> ? std::string_view{}
                                                     : retort::sql(stmt, conn.dialect()));
    }
}

}  // namespace retort::detail
