# Checks that every file in FILES exists and that there are EXPECTED of them; used by the
# headers.compile_alone test to confirm each public header was compiled on its own.
#
#   cmake -DFILES=a.o;b.o -DEXPECTED=2 -P check_files_exist.cmake
cmake_minimum_required(VERSION 3.25)

set(missing "")
set(found 0)
foreach(file IN LISTS FILES)
    if(EXISTS "${file}")
        math(EXPR found "${found} + 1")
    else()
        list(APPEND missing "${file}")
    endif()
endforeach()

if(missing)
    list(JOIN missing "\n  " missing_lines)
    message(FATAL_ERROR "Not built (build the project first):\n  ${missing_lines}")
endif()
if(NOT found EQUAL EXPECTED)
    message(FATAL_ERROR "Expected ${EXPECTED} header checks but found ${found}; reconfigure.")
endif()
message(STATUS "${found} public headers compile on their own")
