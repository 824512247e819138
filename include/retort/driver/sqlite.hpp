// The SQLite driver: makes itself known to create_engine for sqlite:// URLs.
// Its code, over libsqlite3, is compiled into retort::sqlite; this header includes no C library.
#pragma once

#include <memory>

#include "retort/detail/export.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"

namespace retort::drivers {

/** The factory registered for sqlite:// URLs. */
[[nodiscard]] RETORT_SQLITE_API std::unique_ptr<driver_connection> open_sqlite(const url& u,
                                                                const driver_options& options);

/** Registers open_sqlite for sqlite:// URLs (once; later calls do nothing); returns true. */
RETORT_SQLITE_API bool register_sqlite();

namespace detail {
// Dynamic initialisation of an inline variable: runs once per program, before main, in every
// program that includes this header; create_engine then finds the driver by its scheme. The
// call into retort::sqlite is also what makes a static link keep the driver's code.
inline const bool sqlite_registered = register_sqlite();
}  // namespace detail

}  // namespace retort::drivers

#ifdef RETORT_HEADER_ONLY
#include "retort/driver/detail/sqlite-inl.hpp"
#endif
