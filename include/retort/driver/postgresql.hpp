// The PostgreSQL driver: makes itself known to create_engine for postgresql://, postgres:// and postgresql+libpq:// URLs.
// Its code, over libpq, is compiled into retort::postgresql; this header includes no C library.
#pragma once

#include <memory>

#include "retort/detail/export.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/url.hpp"

namespace retort::drivers {

/** The factory registered for postgresql://, postgres:// and postgresql+libpq:// URLs. */
[[nodiscard]] RETORT_POSTGRESQL_API std::unique_ptr<driver_connection> open_postgresql(const url& u,
                                                                const driver_options& options);

/** Registers open_postgresql for postgresql://, postgres:// and postgresql+libpq:// URLs (once; later calls do nothing); returns true. */
RETORT_POSTGRESQL_API bool register_postgresql();

namespace detail {
// Dynamic initialisation of an inline variable: runs once per program, before main, in every
// program that includes this header; create_engine then finds the driver by its scheme. The
// call into retort::postgresql is also what makes a static link keep the driver's code.
inline const bool postgresql_registered = register_postgresql();
}  // namespace detail

}  // namespace retort::drivers

#ifdef RETORT_HEADER_ONLY
#include "retort/driver/detail/postgresql-inl.hpp"
#endif
