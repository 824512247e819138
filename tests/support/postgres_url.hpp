// Where PostgreSQL tests find their server: RETORT_TEST_POSTGRES_URL, skipping or failing if unset.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace retort::testing {

/** The URL in RETORT_TEST_POSTGRES_URL, or nothing when it is unset or empty. */
inline std::optional<std::string> postgres_url() {
    const char* url = std::getenv("RETORT_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string{url};
}

/** True when RETORT_REQUIRE_POSTGRES=1: a missing server is then a failure, not a skip. */
inline bool postgres_required() {
    const char* flag = std::getenv("RETORT_REQUIRE_POSTGRES");
    return flag != nullptr && std::string_view{flag} == "1";
}

inline constexpr std::string_view postgres_missing_message =
    "RETORT_TEST_POSTGRES_URL is not set. Run `bash scripts/test.sh`, which starts a throwaway "
    "PostgreSQL server, or set RETORT_TEST_POSTGRES_URL=postgresql://user@host:port/db.";

/**
 * Base fixture for tests that need PostgreSQL. SetUp() skips the test when no server is
 * configured, or fails it when RETORT_REQUIRE_POSTGRES=1 (as scripts/test.sh sets), so a test
 * body only runs with a URL in hand:
 *
 *     struct my_pg_test : retort::testing::postgres_fixture {};
 *     TEST_F(my_pg_test, works) { connect(url()); ... }
 */
class postgres_fixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto found = postgres_url();
        if (!found) {
            if (postgres_required()) {
                FAIL() << postgres_missing_message << " (RETORT_REQUIRE_POSTGRES=1)";
            }
            GTEST_SKIP() << postgres_missing_message;
        }
        url_ = std::move(*found);
    }

    const std::string& url() const { return url_; }

private:
    std::string url_;
};

}  // namespace retort::testing
