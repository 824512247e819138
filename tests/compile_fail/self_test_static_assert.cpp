// Self-test of the compile-fail machinery: twice() must refuse a double with its own message.
#include "needs_integer.hpp"

int main() {
#ifdef RETORT_COMPILE_FAIL
    return static_cast<int>(retort_compile_fail_self_test::twice(1.5));
#else
    return retort_compile_fail_self_test::twice(2) == 4 ? 0 : 1;
#endif
}
