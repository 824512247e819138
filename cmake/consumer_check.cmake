# Builds and runs a small consumer project the way a user would (see retort_add_consumer_test).
#
#   cmake -DMODE=find_package|add_subdirectory -DCONSUMER_SOURCE_DIR=d -DWORK_DIR=w
#         -DEXPECTED_VERSION=0.1.0 -DRETORT_SOURCE_DIR=s -DRETORT_BINARY_DIR=b -DCXX_COMPILER=c++ -DGENERATOR=Ninja
#         [-DBUILD_TYPE=Debug] -P consumer_check.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var MODE EXPECTED_VERSION CONSUMER_SOURCE_DIR WORK_DIR RETORT_SOURCE_DIR RETORT_BINARY_DIR CXX_COMPILER GENERATOR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "consumer_check.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT BUILD_TYPE)
    set(BUILD_TYPE Debug)
endif()

function(run what)
    message(STATUS "${what}: ${ARGN}")
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${what} failed (${result})")
    endif()
endfunction()

# Start from nothing so a stale install or cache cannot hide a packaging mistake.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(configure_args
    -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DRETORT_EXPECTED_VERSION=${EXPECTED_VERSION}")

if(MODE STREQUAL "find_package")
    set(prefix "${WORK_DIR}/prefix")
    run("install retort" "${CMAKE_COMMAND}" --install "${RETORT_BINARY_DIR}" --prefix "${prefix}")
    # Only the temporary prefix may provide retort: no package registry, no source tree.
    list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${prefix}"
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(MODE STREQUAL "add_subdirectory")
    list(APPEND configure_args "-DRETORT_SOURCE_DIR=${RETORT_SOURCE_DIR}")
else()
    message(FATAL_ERROR "consumer_check.cmake: unknown MODE '${MODE}'")
endif()

run("configure consumer" "${CMAKE_COMMAND}" ${configure_args})
run("build consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" -j 2)
run("run consumer" "${WORK_DIR}/build/consumer")
