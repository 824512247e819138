// A user's program in miniature: checks that an installed or embedded retort is usable, with
// its compiled libraries linked and no C library header included.
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>
#include <retort/version.hpp>

#include <cstdint>
#include <cstdio>

static_assert(retort::version == RETORT_CONSUMER_EXPECTED_VERSION,
              "the headers found are not the version CMake reported");

int main() {
    // An SQLite query runs through retort::sqlite; the PostgreSQL engine needs no server to be
    // made, only its driver registered, which proves retort::postgresql was linked in.
    auto sqlite = retort::create_engine("sqlite://");
    const auto answer = sqlite.connect().execute("SELECT 6 * 7").scalar<std::int64_t>();
    const auto postgres = retort::create_engine("postgresql://nobody@127.0.0.1:1/none");
    std::printf("retort %.*s: SQLite says %lld; a %s engine is ready\n",
                static_cast<int>(retort::version.size()), retort::version.data(),
                static_cast<long long>(answer), postgres.target().backend.c_str());
    return answer == 42 ? 0 : 1;
}
