// A C array member cannot be reflected; std::array can.
#include <retort/reflect/reflect.hpp>

#include <array>

#ifdef RETORT_COMPILE_FAIL
struct sample {
    int values[3];
    int tail;
};
#else
struct sample {
    std::array<int, 3> values;
    int tail;
};
#endif
static_assert(retort::reflect::field_count_v<sample> == 2);

int main() {}
