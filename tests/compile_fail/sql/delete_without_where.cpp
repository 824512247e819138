// A DELETE without where() must opt in with unconditionally().
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::delete_<User>();
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::delete_<User>().where(col<&User::id> == 1);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
