// A join along a relationship whose owner is not in the query.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&Tag::name>).join<&User::posts>();
#else
    auto q = retort::select(col<&User::username>).join<&User::posts>();
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
