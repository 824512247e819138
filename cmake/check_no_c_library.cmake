# Checks that a program including retort's umbrella headers (compiled libraries, not header-only)
# reaches neither the C client libraries' headers nor fmt/format.h: the headers declare, the
# libraries hold what needs them.
#
#   cmake -DCOMPILER=g++ -DSTD_FLAG=-std=c++20 -DINCLUDE_DIR=include -DWORK_DIR=dir
#         -P check_no_c_library.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var COMPILER STD_FLAG INCLUDE_DIR WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_no_c_library.cmake: -D${var}=... is required")
    endif()
endforeach()

file(MAKE_DIRECTORY "${WORK_DIR}")
set(source "${WORK_DIR}/umbrella.cpp")
file(WRITE "${source}" "#include <retort/retort.hpp>\n#include <retort/sqlite.hpp>\n#include <retort/postgresql.hpp>\n")
execute_process(
    COMMAND "${COMPILER}" ${STD_FLAG} -E "-I${INCLUDE_DIR}" "${source}"
    OUTPUT_VARIABLE preprocessed
    ERROR_VARIABLE errors
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "Preprocessing the umbrella headers failed (a header needs a C "
        "library's include directory?):\n${errors}")
endif()

set(found "")
foreach(header sqlite3.h libpq-fe.h fmt/format.h)
    string(REPLACE "." "\\." pattern "${header}")
    if(preprocessed MATCHES "# [0-9]+ \"[^\"]*/${pattern}\"")
        list(APPEND found "${header}")
    endif()
endforeach()
if(found)
    list(JOIN found ", " found_text)
    message(FATAL_ERROR "retort's public headers include ${found_text}; move what needs it "
        "into src/ (see include/retort/detail/export.hpp)")
endif()
message(STATUS "The umbrella headers include no C library header and no fmt/format.h")
