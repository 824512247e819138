// A tiny header used only to prove that retort_add_compile_fail pins a static_assert message.
#pragma once

#include <concepts>

namespace retort_compile_fail_self_test {

/** Doubles an integer; anything else is refused with a message that names the fix. */
template <class T>
constexpr T twice(T value) {
    static_assert(std::integral<T>, "twice() needs an integer; convert the value first");
    return value + value;
}

}  // namespace retort_compile_fail_self_test
