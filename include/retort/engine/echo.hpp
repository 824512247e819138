// Statement logging ("echo"): what is recorded per statement, and the default sink (stderr).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "retort/detail/callback.hpp"
#include "retort/detail/export.hpp"
#include "retort/engine/driver.hpp"
#include "retort/types/value.hpp"

namespace retort {

/** One executed statement, as handed to the echo sink. Views are valid during the call only. */
struct echo_record {
    std::string_view sql;
    std::span<const value_view> params;
    std::chrono::nanoseconds duration{};  // bind and first step (for a query: the first row)
    dialect_kind dialect = dialect_kind::sqlite;
    bool failed = false;                  // the statement threw
};

/**
 * Receives every statement when `engine_options::echo` is on: any callable taking an
 * `echo_record`. What std::function would be, without its header; copies share one callable.
 *
 *     options.echo_to = [&](const retort::echo_record& r) { lines.emplace_back(r.sql); };
 */
using echo_sink = detail::callback<void(const echo_record&)>;

/** Formats one value for a log line: 42, 'text', x'00ff', NULL, true, ts(...), date(...). */
[[nodiscard]] RETORT_API std::string format_value(const value_view& v);

/** "(1, 'alice', NULL)" */
[[nodiscard]] RETORT_API std::string format_params(std::span<const value_view> params);

/** The default sink: one line per statement on stderr. */
RETORT_API void print_echo_record(const echo_record& r);

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/engine/detail/echo-inl.hpp"
#endif
