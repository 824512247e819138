// A user's program in miniature: checks that an installed or embedded retort is usable.
#include <retort/version.hpp>

#if __has_include(<retort/retort.hpp>)
#include <retort/retort.hpp>
#endif

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>

static_assert(retort::version == RETORT_CONSUMER_EXPECTED_VERSION,
              "the headers found are not the version CMake reported");

int main() {
    std::printf("retort %.*s with SQLite %s and libpq %d\n",
                static_cast<int>(retort::version.size()), retort::version.data(),
                sqlite3_libversion(), PQlibVersion());
    return 0;
}
