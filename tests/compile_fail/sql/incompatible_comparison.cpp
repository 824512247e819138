// Comparing an integer column with a string is refused.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&User::id>).where(col<&User::id> == "1");
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::select(col<&User::id>).where(col<&User::id> == 1);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
