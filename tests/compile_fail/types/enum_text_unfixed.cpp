// Names of an enum without a fixed underlying type cannot be reflected: say how to fix it.
#include "retort/types/traits.hpp"

#ifdef RETORT_COMPILE_FAIL
enum shade { light, dark };
#else
enum shade : int { light, dark };
#endif

template <>
inline constexpr bool retort::enum_as_text<shade> = true;

int main() {
    static_assert(retort::detail::require_mappable<shade>());
    return retort::enum_to_name(dark) == "dark" ? 0 : 1;
}
