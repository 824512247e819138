// limit() may be given once.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&User::id>).limit(10).limit(20);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::select(col<&User::id>).limit(10).offset(20);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
