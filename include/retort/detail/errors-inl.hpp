// Definitions of <retort/errors.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include "retort/errors.hpp"

namespace retort {

RETORT_FUNC error::~error() = default;
RETORT_FUNC interface_error::~interface_error() = default;
RETORT_FUNC database_error::~database_error() = default;
RETORT_FUNC data_error::~data_error() = default;
RETORT_FUNC operational_error::~operational_error() = default;
RETORT_FUNC integrity_error::~integrity_error() = default;
RETORT_FUNC programming_error::~programming_error() = default;
RETORT_FUNC not_supported_error::~not_supported_error() = default;
RETORT_FUNC session_error::~session_error() = default;

}  // namespace retort
