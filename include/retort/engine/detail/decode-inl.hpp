// Definitions of <retort/engine/decode.hpp>: the error paths of decoding rows into models and
// tuples, compiled into retort::retort, or inline with RETORT_HEADER_ONLY (see
// retort/detail/export.hpp). Reading a cell itself stays inline in the header.
#pragma once

#include <fmt/format.h>

#include <string>

#include "retort/engine/decode.hpp"
#include "retort/errors.hpp"

namespace retort::detail {

RETORT_FUNC void throw_cell_error(const error& e, std::string_view table,
                                          std::string_view column, std::size_t index,
                                          std::int64_t row_number, std::string_view sql) {
    const std::string name =
        table.empty() ? std::string(column) : fmt::format("{}.{}", table, column);
    throw data_error("decode",
                     fmt::format("cannot read column '{}' (index {}) of row {}: {}", name, index,
                                 row_number, e.what()),
                     e.db_code(), std::string(sql));
}

RETORT_FUNC void throw_result_width_error(std::size_t want, std::size_t got, std::string_view sql) {
    throw data_error("decode",
                     fmt::format("the statement's result type has {} columns but the query "
                                 "returned {} (row 1)",
                                 want, got),
                     {}, std::string(sql));
}

}  // namespace retort::detail
