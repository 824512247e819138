// A reference member cannot be reflected; a value (or pointer) can.
#include <retort/reflect/reflect.hpp>

#include <string>

#ifdef RETORT_COMPILE_FAIL
struct sample {
    const std::string& name;
    int id;
};
#else
struct sample {
    std::string name;
    int id;
};
#endif
static_assert(retort::reflect::field_count_v<sample> == 2);

int main() {}
