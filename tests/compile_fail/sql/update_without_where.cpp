// An UPDATE without where() must opt in with unconditionally().
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::update<User>().set(col<&User::bio> = "x");
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::update<User>().set(col<&User::bio> = "x").unconditionally();
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
