// How retort's compiled parts are declared, exported and, in header-only mode, made inline.
//
// The pattern, used by every compiled part of retort (as fmt does with format.h, format-inl.h
// and src/format.cc):
//
//   include/retort/<layer>/<name>.hpp             declares: `RETORT_API void f();`
//                                                 classes that cross the library boundary:
//                                                 `class RETORT_API c { ... };`
//                                                 ends with
//                                                   #ifdef RETORT_HEADER_ONLY
//                                                   #include "retort/<layer>/detail/<name>-inl.hpp"
//                                                   #endif
//   include/retort/<layer>/detail/<name>-inl.hpp  defines: `RETORT_FUNC void f() { ... }`;
//                                                 may include <fmt/format.h>, <mutex>, the
//                                                 C libraries: only src/ and header-only
//                                                 programs ever see it
//   src/<layer>/<name>.cpp                        `#include "retort/<layer>/detail/<name>-inl.hpp"`
//                                                 and is listed in the library's sources in
//                                                 CMakeLists.txt
//
// Drivers use RETORT_SQLITE_API / RETORT_POSTGRESQL_API instead of RETORT_API: their symbols live
// in libretort_sqlite and libretort_postgresql. Compiled (the default), a program includes only
// the declarations and links retort::retort (and a driver target); with RETORT_HEADER_ONLY
// defined, every definition is included and `inline`, and nothing of retort needs linking.
#pragma once

#if defined(RETORT_HEADER_ONLY)
#define RETORT_FUNC inline
#define RETORT_API
#define RETORT_SQLITE_API
#define RETORT_POSTGRESQL_API
#else
#define RETORT_FUNC
// RETORT_SHARED is defined for builds and users of the shared libraries (CMake sets it); the
// libraries are compiled with hidden visibility, so what users call is marked here.
#if defined(RETORT_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define RETORT_API __attribute__((visibility("default")))
#define RETORT_SQLITE_API __attribute__((visibility("default")))
#define RETORT_POSTGRESQL_API __attribute__((visibility("default")))
#else
#define RETORT_API
#define RETORT_SQLITE_API
#define RETORT_POSTGRESQL_API
#endif
#endif
