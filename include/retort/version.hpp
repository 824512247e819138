// The version of retort, as macros for the preprocessor and as a constant for C++ code.
#pragma once

#include <string_view>

// Kept equal to project(retort VERSION ...) in CMakeLists.txt; configuring fails if they differ.
#define RETORT_VERSION_MAJOR 0
#define RETORT_VERSION_MINOR 1
#define RETORT_VERSION_PATCH 0

/** One number for preprocessor comparisons: `#if RETORT_VERSION >= 100` means 0.1.0 or later. */
#define RETORT_VERSION (RETORT_VERSION_MAJOR * 10000 + RETORT_VERSION_MINOR * 100 + RETORT_VERSION_PATCH)

namespace retort {

/**
 * The library version as text, e.g. for a log line:
 *
 *     std::cout << "retort " << retort::version << '\n';   // retort 0.1.0
 */
inline constexpr std::string_view version = "0.1.0";

}  // namespace retort
