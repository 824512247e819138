// The second translation unit of the header-only test: the same headers again, and a use of the
// engine, so that every definition they bring must be inline.
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <string>

std::int64_t count_in_other_unit(const std::string& url) {
    return retort::create_engine(url).connect().execute("SELECT 2").scalar<std::int64_t>();
}
