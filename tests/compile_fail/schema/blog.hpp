// Small models for the mapping compile-fail cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cf {
struct post;
struct user {
    std::int64_t id = 0;
    std::string name;
    std::int32_t age = 0;
    std::vector<post> posts;
};
struct post {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    std::int32_t small_author_id = 0;
    std::int64_t other_id = 0;
};
}  // namespace cf
