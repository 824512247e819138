// fmt support for retort's printable types: `fmt::format("{}", url)` prints the redacted URL.
#pragma once

#include <fmt/core.h>

#include <string_view>

#include "retort/engine/url.hpp"

/** `fmt::format("{}", url)` prints the redacted form: the password never appears. */
template <>
struct fmt::formatter<retort::url> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(const retort::url& u, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(u.redacted(), ctx);
    }
};
