// std::optional<std::optional<T>> would give NULL two meanings: refused with its own message.
#include <optional>

#include "retort/types/traits.hpp"

int main() {
#ifdef RETORT_COMPILE_FAIL
    static_assert(retort::detail::require_mappable<std::optional<std::optional<int>>>());
#else
    static_assert(retort::detail::require_mappable<std::optional<int>>());
#endif
}
