// Definitions of <retort/engine/result.hpp>: the error paths of decoding, compiled into retort::retort, or inline with RETORT_HEADER_ONLY (see
// retort/detail/export.hpp). The decoding of a value itself stays inline in the headers.
#pragma once

#include <fmt/format.h>

#include <string>

#include "retort/engine/result.hpp"
#include "retort/errors.hpp"

namespace retort::detail {

RETORT_FUNC void throw_decode_error(const error& e, std::span<const std::string> columns,
                                   std::size_t index, std::int64_t row_number) {
    const std::string_view name =
        index < columns.size() ? std::string_view(columns[index]) : std::string_view("?");
    throw data_error("decode",
                     fmt::format("cannot read column '{}' (index {}) of row {}: {}", name, index,
                                 row_number, e.what()),
                     e.db_code());
}

RETORT_FUNC void throw_row_width_error(std::size_t got, std::size_t want,
                                      std::int64_t row_number) {
    throw data_error("decode",
                     fmt::format("the query returns {} columns but {} C++ types were asked "
                                 "for (row {})",
                                 got, want, row_number));
}

}  // namespace retort::detail
