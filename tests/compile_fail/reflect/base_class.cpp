// A struct with a base class cannot be reflected alone; the twin lists members with Hana.
#include <retort/reflect/reflect.hpp>

#include <boost/hana/adapt_struct.hpp>

struct timestamps {
    long created_at = 0;
};
struct post : timestamps {
    long id = 0;
};
BOOST_HANA_ADAPT_STRUCT(post, id, created_at);
struct plain_post {
    long id = 0;
    long created_at = 0;
};

#ifdef RETORT_COMPILE_FAIL
struct bad : timestamps {
    long id = 0;
};
static_assert(retort::reflect::field_count_v<bad> == 2);
#else
static_assert(retort::reflect::field_count_v<post> == 2);
static_assert(retort::reflect::field_count_v<plain_post> == 2);
#endif

int main() {}
