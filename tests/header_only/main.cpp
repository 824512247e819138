// retort header-only: both drivers, registered and usable, without linking retort's libraries.
// Runs a Core statement on SQLite; on PostgreSQL when RETORT_TEST_POSTGRES_URL names a server.
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#ifndef RETORT_HEADER_ONLY
#error "this test checks the header-only mode"
#endif

std::int64_t count_in_other_unit(const std::string& url);

namespace {

struct note {
    std::int64_t id = 0;
    std::string text;
};

int check(const std::string& url) {
    auto engine = retort::create_engine(url);
    auto conn = engine.connect();
    conn.execute_script("DROP TABLE IF EXISTS note");
    retort::create_all<note>(conn);
    conn.execute(retort::insert<note>().values(note{0, "kept"}));
    std::int64_t found = 0;
    for (const note& n : conn.execute(retort::select<note>())) {
        if (n.text == "kept") ++found;
    }
    conn.execute_script("DROP TABLE note");
    const std::int64_t two = count_in_other_unit(url);
    std::printf("%s: %lld row(s), other unit says %lld\n", engine.target().redacted().c_str(),
                static_cast<long long>(found), static_cast<long long>(two));
    return found == 1 && two == 2 ? 0 : 1;
}

}  // namespace

int main() {
    int failures = check("sqlite://");
    const char* pg = std::getenv("RETORT_TEST_POSTGRES_URL");
    if (pg != nullptr && *pg != '\0') {
        failures += check(pg);
    } else {
        // No server: the driver must still be registered.
        (void)retort::create_engine("postgresql://nobody@127.0.0.1:1/none");
        std::printf("postgresql: driver registered (RETORT_TEST_POSTGRES_URL unset)\n");
    }
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
