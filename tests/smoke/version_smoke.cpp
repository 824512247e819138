// Checks that the version macros and retort::version say the same thing.
#include <retort/version.hpp>

#include <gtest/gtest.h>

#include <string>

static_assert(RETORT_VERSION ==
              RETORT_VERSION_MAJOR * 10000 + RETORT_VERSION_MINOR * 100 + RETORT_VERSION_PATCH);

TEST(version, text_matches_macros) {
    const std::string from_macros = std::to_string(RETORT_VERSION_MAJOR) + "." +
                                    std::to_string(RETORT_VERSION_MINOR) + "." +
                                    std::to_string(RETORT_VERSION_PATCH);
    EXPECT_EQ(retort::version, from_macros);
}
