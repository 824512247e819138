// A type with no type_traits specialisation is refused at the layers' entry point, in one line.
#include <cstdint>

#include "retort/types/traits.hpp"

struct point {
    double x, y;
};

#ifndef RETORT_COMPILE_FAIL
template <>
struct retort::type_traits<point> : retort::stored_as<point, std::string> {
    static std::string to_stored(const point& p) {
        return std::to_string(p.x) + "," + std::to_string(p.y);
    }
    static point from_stored(const std::string&) { return {}; }
};
#endif

int main() {
    static_assert(retort::detail::require_mappable<point>());
}
