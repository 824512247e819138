# Helpers that register retort's tests, examples and self-checks with CTest.
#
# Every test gets at least one label so a subset can be run with `ctest --preset X -L label`:
#   unit, sql, sqlite, postgresql, integration, compile_fail, headers, examples, smoke.

include_guard(GLOBAL)
include(GoogleTest)

set(RETORT_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# retort_add_gtest(NAME name SOURCES files... LABELS labels... [LINK targets...])
#
# Builds executable `name` from SOURCES against GoogleTest (gtest_main and gmock), retort::retort,
# the project's warning flags and the extra targets in LINK (e.g. retort::sqlite). Each TEST()
# becomes its own ctest test named `name.Suite.Case`, discovered when ctest runs (so a test
# binary that fails to list its tests shows up as a failing test, not a broken build), and every
# one of them carries LABELS. tests/support/ is on the include path.
#
#   retort_add_gtest(NAME select_test SOURCES select_test.cpp LABELS unit sql)
# BACKEND_LABELS: the executable runs its suite on SQLite and PostgreSQL alike; each test gets
# the label `sqlite` or `postgresql` from its name, besides LABELS.
function(retort_add_gtest)
    cmake_parse_arguments(PARSE_ARGV 0 arg "BACKEND_LABELS" "NAME" "SOURCES;LABELS;LINK")
    if(NOT arg_NAME OR NOT arg_SOURCES OR NOT arg_LABELS)
        message(FATAL_ERROR "retort_add_gtest needs NAME, SOURCES and LABELS")
    endif()
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "retort_add_gtest(${arg_NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    add_executable(${arg_NAME} ${arg_SOURCES})
    target_include_directories(${arg_NAME} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
    target_link_libraries(${arg_NAME} PRIVATE
        GTest::gtest_main GTest::gmock retort::retort fmt::fmt retort_warnings ${arg_LINK})
    gtest_discover_tests(${arg_NAME}
        TEST_PREFIX "${arg_NAME}."
        TEST_LIST ${arg_NAME}_TESTS
        DISCOVERY_MODE PRE_TEST
        DISCOVERY_TIMEOUT 60)
    # gtest_discover_tests(PROPERTIES LABELS a b) keeps only the first label (CMake < 3.28
    # splits the list), so the labels are set by a ctest script that runs after discovery.
    set(labels_file "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}_labels.cmake")
    if(arg_BACKEND_LABELS)
        # One executable runs a suite on every backend; each test is labelled by the backend
        # its name ends with (value-parameterised tests are named .../"postgresql").
        file(WRITE "${labels_file}"
"if(DEFINED ${arg_NAME}_TESTS)
  foreach(t IN LISTS ${arg_NAME}_TESTS)
    if(t MATCHES \"postgresql\")
      set_tests_properties(\${t} PROPERTIES LABELS \"${arg_LABELS};postgresql\")
    else()
      set_tests_properties(\${t} PROPERTIES LABELS \"${arg_LABELS};sqlite\")
    endif()
  endforeach()
endif()
")
    else()
        file(WRITE "${labels_file}"
"if(DEFINED ${arg_NAME}_TESTS)
  set_tests_properties(\${${arg_NAME}_TESTS} PROPERTIES LABELS \"${arg_LABELS}\")
endif()
")
    endif()
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${labels_file}")
endfunction()

# retort_add_compile_fail(NAME name SOURCE file.cpp ERROR "regex" [LINK targets...])
#
# Pins a compile-time diagnostic. SOURCE holds the offending code under
# `#ifdef RETORT_COMPILE_FAIL` and a valid near twin in the `#else` branch. Registers two tests,
# both labelled compile_fail:
#   name.fails     compiles SOURCE with -DRETORT_COMPILE_FAIL -fsyntax-only; passes only if the
#                  compile fails and the first diagnostic line containing "error:" matches ERROR
#                  (anywhere in the line, so one regex serves g++ and clang++).
#   name.compiles  compiles the twin (no define, warnings as errors); must succeed.
# The compiler, standard flag, include directories, definitions and options are those of a normal
# target that links retort::retort, the warning flags and LINK.
#
#   retort_add_compile_fail(NAME limit_twice SOURCE limit_twice.cpp
#                           ERROR "limit\\(\\) may appear only once")
function(retort_add_compile_fail)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SOURCE;ERROR" "LINK")
    if(NOT arg_NAME OR NOT arg_SOURCE OR NOT DEFINED arg_ERROR)
        message(FATAL_ERROR "retort_add_compile_fail needs NAME, SOURCE and ERROR")
    endif()
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "retort_add_compile_fail(${arg_NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
    endif()
    cmake_path(ABSOLUTE_PATH arg_SOURCE BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
        OUTPUT_VARIABLE source)

    # A never-built target whose usage requirements give the exact flags of a normal compile.
    set(flags_target retort_cf_${arg_NAME})
    add_library(${flags_target} OBJECT EXCLUDE_FROM_ALL "${source}")
    target_include_directories(${flags_target} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
    target_link_libraries(${flags_target} PRIVATE retort::retort retort_warnings ${arg_LINK})

    # Implicit directories (/usr/include) must not be passed again: -I/usr/include breaks
    # libstdc++'s #include_next under clang.
    set(implicit_regex "^$")
    foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
        string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" dir_regex "${dir}")
        string(APPEND implicit_regex "|^${dir_regex}/?$")
    endforeach()
    set(includes "$<FILTER:$<TARGET_PROPERTY:${flags_target},INCLUDE_DIRECTORIES>,EXCLUDE,${implicit_regex}>")
    set(defines "$<TARGET_PROPERTY:${flags_target},COMPILE_DEFINITIONS>")
    set(options "$<TARGET_PROPERTY:${flags_target},COMPILE_OPTIONS>")

    string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
    separate_arguments(base_flags UNIX_COMMAND
        "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${build_type}}")
    if(CMAKE_CXX_EXTENSIONS OR (NOT DEFINED CMAKE_CXX_EXTENSIONS AND CMAKE_CXX_EXTENSIONS_DEFAULT))
        set(std_flag "${CMAKE_CXX20_EXTENSION_COMPILE_OPTION}")
    else()
        set(std_flag "${CMAKE_CXX20_STANDARD_COMPILE_OPTION}")
    endif()

    # One argument per line; compile_fail_check.cmake reads it back with file(STRINGS).
    string(JOIN "\n" base_lines ${std_flag} ${base_flags})
    set(args_file "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}.compile_args")
    file(GENERATE OUTPUT "${args_file}" CONTENT
"${base_lines}
$<$<BOOL:${includes}>:-I$<JOIN:${includes},\n-I>>
$<$<BOOL:${defines}>:-D$<JOIN:${defines},\n-D>>
$<JOIN:${options},\n>
")

    foreach(mode fails compiles)
        add_test(NAME ${arg_NAME}.${mode}
            COMMAND "${CMAKE_COMMAND}"
                "-DCOMPILER=${CMAKE_CXX_COMPILER}"
                "-DARGS_FILE=${args_file}"
                "-DSOURCE=${source}"
                "-DMODE=${mode}"
                "-DERROR_REGEX=${arg_ERROR}"
                -P "${RETORT_CMAKE_DIR}/compile_fail_check.cmake")
        set_tests_properties(${arg_NAME}.${mode} PROPERTIES LABELS compile_fail)
    endforeach()
endfunction()

# Writes `content` to `path` only when it differs, so a reconfigure does not rebuild what
# depends on the file.
function(retort_write_if_changed path content)
    if(EXISTS "${path}")
        file(READ "${path}" old)
    else()
        set(old "")
    endif()
    if(NOT old STREQUAL content)
        file(WRITE "${path}" "${content}")
    endif()
endfunction()

# retort_add_header_checks()
#
# Compiles every public header under include/retort/ alone in its own translation unit (twice
# included, to check the include guard), as part of the normal build: a header that misses an
# include breaks the build. Definitions files (`*-inl.hpp`) and the drivers' internals
# (`driver/detail/`) are not public headers: src/ compiles them, and the header-only test
# includes them. Also registers `headers.no_c_library` (label headers): the umbrella headers,
# preprocessed as a user's program sees them, include neither sqlite3.h, libpq-fe.h nor
# fmt/format.h. Headers under driver/sqlite* and driver/postgres*, and the top-level
# retort/sqlite.hpp and retort/postgresql.hpp, link the matching driver target. With both
# drivers at hand, two more translation units include every public header together (in name
# order and reversed). Registers one ctest test, `headers.compile_alone` (label headers), that
# checks every object file exists and reports how many headers were checked. New headers are picked up at the next build
# (CONFIGURE_DEPENDS).
function(retort_add_header_checks)
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS
        RELATIVE "${PROJECT_SOURCE_DIR}/include"
        "${PROJECT_SOURCE_DIR}/include/retort/*.hpp")
    list(FILTER headers EXCLUDE REGEX "-inl\\.hpp$|^retort/driver/detail/")
    list(SORT headers)
    set(groups core)
    set(core_link retort::retort)
    if(TARGET retort::sqlite)
        list(APPEND groups sqlite)
        set(sqlite_link retort::sqlite)
    endif()
    if(TARGET retort::postgresql)
        list(APPEND groups postgresql)
        set(postgresql_link retort::postgresql)
    endif()
    foreach(group IN LISTS groups)
        set(${group}_sources "")
    endforeach()

    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/header_checks")
    set(count 0)
    foreach(header IN LISTS headers)
        if(header MATCHES "^retort/(driver/)?sqlite")
            set(group sqlite)
        elseif(header MATCHES "^retort/(driver/)?postgres")
            set(group postgresql)
        else()
            set(group core)
        endif()
        if(NOT group IN_LIST groups)
            message(STATUS "retort: skipping header check of ${header} (driver library not found)")
            continue()
        endif()
        string(MAKE_C_IDENTIFIER "${header}" stem)
        set(cpp "${out_dir}/${stem}.cpp")
        retort_write_if_changed("${cpp}"
            "// Generated: checks that <${header}> compiles on its own.\n#include <${header}>\n#include <${header}>\n")
        list(APPEND ${group}_sources "${cpp}")
        math(EXPR count "${count} + 1")
    endforeach()

    # Every header in one translation unit, in name order and reversed: both drivers' headers
    # side by side must not clash (a name looked up in `detail` can find the other driver's
    # namespace when that one came first).
    if("sqlite" IN_LIST groups AND "postgresql" IN_LIST groups)
        set(together_sources "")
        set(reversed_headers ${headers})
        list(REVERSE reversed_headers)
        foreach(order IN ITEMS forward reversed)
            if(order STREQUAL "forward")
                set(listed ${headers})
            else()
                set(listed ${reversed_headers})
            endif()
            set(content "// Generated: checks that every public header compiles beside the others.\n")
            foreach(header IN LISTS listed)
                string(APPEND content "#include <${header}>\n")
            endforeach()
            set(cpp "${out_dir}/all_headers_${order}.cpp")
            retort_write_if_changed("${cpp}" "${content}")
            list(APPEND together_sources "${cpp}")
            math(EXPR count "${count} + 1")
        endforeach()
        list(APPEND groups together)
        set(together_link retort::sqlite retort::postgresql)
    endif()

    set(object_genexes "")
    foreach(group IN LISTS groups)
        if(NOT ${group}_sources)
            continue()
        endif()
        add_library(retort_header_check_${group} OBJECT ${${group}_sources})
        target_link_libraries(retort_header_check_${group} PRIVATE ${${group}_link} retort_warnings)
        list(APPEND object_genexes "$<TARGET_OBJECTS:retort_header_check_${group}>")
    endforeach()

    string(JOIN ";" objects ${object_genexes})
    add_test(NAME headers.compile_alone
        COMMAND "${CMAKE_COMMAND}" "-DFILES=${objects}" "-DEXPECTED=${count}"
            -P "${RETORT_CMAKE_DIR}/check_files_exist.cmake")
    set_tests_properties(headers.compile_alone PROPERTIES LABELS headers)

    # Only retort's own include directory: a C library header that is reached would show in the
    # line markers, and libpq-fe.h (under /usr/include/postgresql) would not even be found.
    string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
    add_test(NAME headers.no_c_library
        COMMAND "${CMAKE_COMMAND}"
            "-DCOMPILER=${CMAKE_CXX_COMPILER}"
            "-DSTD_FLAG=${CMAKE_CXX20_STANDARD_COMPILE_OPTION}"
            "-DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include"
            "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/no_c_library"
            -P "${RETORT_CMAKE_DIR}/check_no_c_library.cmake")
    set_tests_properties(headers.no_c_library PROPERTIES LABELS headers)
endfunction()

# retort_add_example(NAME name SOURCE file.cpp [LINK targets...])
#
# Builds an example program and registers test `example.name` (label examples) that runs it in
# its own empty folder under the build tree, so any database file it creates lands there.
# Examples link retort::retort, the warning flags and LINK.
function(retort_add_example)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SOURCE" "LINK")
    if(NOT arg_NAME OR NOT arg_SOURCE)
        message(FATAL_ERROR "retort_add_example needs NAME and SOURCE")
    endif()
    add_executable(${arg_NAME} "${arg_SOURCE}")
    target_link_libraries(${arg_NAME} PRIVATE retort::retort fmt::fmt retort_warnings ${arg_LINK})
    set(run_dir "${CMAKE_CURRENT_BINARY_DIR}/run/${arg_NAME}")
    file(MAKE_DIRECTORY "${run_dir}")
    add_test(NAME example.${arg_NAME} COMMAND ${arg_NAME} WORKING_DIRECTORY "${run_dir}")
    set_tests_properties(example.${arg_NAME} PROPERTIES LABELS examples)
endfunction()

# retort_add_consumer_test(NAME name SOURCE_DIR dir MODE find_package|add_subdirectory)
#
# Builds the small project in SOURCE_DIR the way a user would, with the same compiler, and runs
# its `consumer` executable. MODE find_package first installs this build tree into a temporary
# prefix with `cmake --install`; MODE add_subdirectory hands the project retort's source tree.
# Registered as `consumer.name` with label unit.
function(retort_add_consumer_test)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SOURCE_DIR;MODE" "")
    if(NOT arg_MODE MATCHES "^(find_package|add_subdirectory)$")
        message(FATAL_ERROR "retort_add_consumer_test: MODE must be find_package or add_subdirectory")
    endif()
    cmake_path(ABSOLUTE_PATH arg_SOURCE_DIR BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
        OUTPUT_VARIABLE source_dir)
    add_test(NAME consumer.${arg_NAME}
        COMMAND "${CMAKE_COMMAND}"
            "-DMODE=${arg_MODE}"
            "-DEXPECTED_VERSION=${PROJECT_VERSION}"
            "-DCONSUMER_SOURCE_DIR=${source_dir}"
            "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}"
            "-DRETORT_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DRETORT_BINARY_DIR=${PROJECT_BINARY_DIR}"
            "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
            "-DGENERATOR=${CMAKE_GENERATOR}"
            "-DBUILD_TYPE=${CMAKE_BUILD_TYPE}"
            -P "${RETORT_CMAKE_DIR}/consumer_check.cmake")
    set_tests_properties(consumer.${arg_NAME} PROPERTIES LABELS unit TIMEOUT 600)
endfunction()
