// A stored_as specialisation must say how to convert: a missing to_stored is named.
#include <cstdint>
#include <string>

#include "retort/types/traits.hpp"

struct cents {
    std::int64_t value;
};

template <>
struct retort::type_traits<cents> : retort::stored_as<cents, std::int64_t> {
#ifndef RETORT_COMPILE_FAIL
    static std::int64_t to_stored(const cents& c) { return c.value; }
#endif
    static cents from_stored(std::int64_t v) { return cents{v}; }
};

int main() {
    std::string scratch;
    return static_cast<int>(retort::type_traits<cents>::to_value(cents{0}, scratch).i);
}
