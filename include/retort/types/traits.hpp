// How C++ types map to SQL: the customisation point, its concepts, and every built-in mapping.
//
//   bool                          BOOLEAN
//   int8..int64, uint8..uint64    SMALLINT / INTEGER / BIGINT
//   float, double                 REAL, DOUBLE PRECISION
//   std::string                   TEXT (VARCHAR(n))
//   std::vector<std::byte>        BLOB / BYTEA
//   std::chrono::sys_time<D>      TIMESTAMP (retort::timestamp: microseconds)
//   std::chrono::sys_days, year_month_day   DATE
//   enums                         their underlying integer, or TEXT with enum_as_text<E>
//   std::optional<T>              T, nullable
//   user types                    specialise retort::type_traits<T> (see retort::stored_as)
// docs/types.md has the full table, with each dialect's spelling.
#pragma once

#include "retort/types/chrono.hpp"
#include "retort/types/core.hpp"
#include "retort/types/enum.hpp"
#include "retort/types/iso_time.hpp"
#include "retort/types/numeric.hpp"
#include "retort/types/optional.hpp"
#include "retort/types/text.hpp"
#include "retort/types/value.hpp"
