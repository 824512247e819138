# Runs one compile of a compile-fail snippet for retort_add_compile_fail (see retort_testing.cmake).
#
#   cmake -DCOMPILER=c++ -DARGS_FILE=f -DSOURCE=s.cpp -DMODE=fails|compiles -DERROR_REGEX=re
#         -P compile_fail_check.cmake
#
# MODE fails:    compile with -DRETORT_COMPILE_FAIL; pass only if the compile fails and the first
#                diagnostic line containing "error:" matches ERROR_REGEX.
# MODE compiles: compile the twin (no define); pass only if it compiles without warnings.
cmake_minimum_required(VERSION 3.25)

foreach(var COMPILER ARGS_FILE SOURCE MODE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "compile_fail_check.cmake: -D${var}=... is required")
    endif()
endforeach()

file(STRINGS "${ARGS_FILE}" args)
list(REMOVE_ITEM args "")

if(MODE STREQUAL "fails")
    # Warnings must not be promoted: the first error has to be the one being pinned.
    list(APPEND args -Wno-error -DRETORT_COMPILE_FAIL)
elseif(NOT MODE STREQUAL "compiles")
    message(FATAL_ERROR "compile_fail_check.cmake: MODE must be fails or compiles, not '${MODE}'")
endif()

set(command "${COMPILER}" ${args} -fdiagnostics-color=never -fsyntax-only "${SOURCE}")
execute_process(COMMAND ${command}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
list(JOIN command " " command_line)

# FATAL_ERROR rewraps its text, so diagnostics are printed verbatim before the one-line verdict.
function(fail summary)
    message(NOTICE "Command: ${command_line}\nDiagnostics:\n${output}")
    message(FATAL_ERROR "${summary}")
endfunction()

if(MODE STREQUAL "compiles")
    if(NOT result EQUAL 0)
        fail("The twin in ${SOURCE} (without RETORT_COMPILE_FAIL) must compile but did not.")
    endif()
    message(STATUS "ok: the twin compiles")
    return()
endif()

if(result EQUAL 0)
    fail("${SOURCE} compiled with RETORT_COMPILE_FAIL defined, but it must fail with an error "
        "matching: ${ERROR_REGEX}")
endif()

# The first line that reports an error (g++: "file:l:c: error: ...", clang: "...: error: ...").
string(REGEX MATCH "[^\n]*error:[^\n]*" first_error "${output}")
if(first_error STREQUAL "")
    fail("The compile of ${SOURCE} failed without an \"error:\" line.")
endif()
if(NOT first_error MATCHES "${ERROR_REGEX}")
    message(NOTICE "expected:    ${ERROR_REGEX}\nfirst error: ${first_error}\n")
    fail("The first error of ${SOURCE} does not match the expected regex (see above).")
endif()
message(STATUS "ok: ${first_error}")
