// A class with a constructor is not an aggregate: reflection says how to opt in.
#include <retort/reflect/reflect.hpp>

#include <string>

#ifdef RETORT_COMPILE_FAIL
struct sample {
    explicit sample(int i) : id(i) {}
    int id;
    std::string name;
};
#else
struct sample {
    int id;
    std::string name;
};
#endif
static_assert(retort::reflect::field_count_v<sample> == 2);

int main() {}
