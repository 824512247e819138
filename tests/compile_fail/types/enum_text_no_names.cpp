// An enum stored as text whose values reflection cannot see must list its names.
#include "retort/types/traits.hpp"

enum class level : int { low = 1000, high = 2000 };

template <>
inline constexpr bool retort::enum_as_text<level> = true;

#ifndef RETORT_COMPILE_FAIL
template <>
inline constexpr auto retort::enum_names<level> =
    retort::make_enum_names<level>({{level::low, "low"}, {level::high, "high"}});
#endif

int main() {
    static_assert(retort::detail::require_mappable<level>());
}
