# Fails unless README.md contains examples/readme.cpp verbatim (after its first comment line),
# so the README's code is code that is built and run.
file(READ "${SOURCE_DIR}/README.md" readme)
file(READ "${SOURCE_DIR}/examples/readme.cpp" example)
string(FIND "${example}" "\n" first_newline)
math(EXPR body_start "${first_newline} + 1")
string(SUBSTRING "${example}" ${body_start} -1 body)
string(FIND "${readme}" "${body}" found)
if(found EQUAL -1)
    message(FATAL_ERROR "README.md's code block differs from examples/readme.cpp: copy the "
                        "example (without its first line) into the README's 'A taste' section")
endif()
