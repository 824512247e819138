// A value whose type has no type_traits cannot be bound.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    struct point { int x, y; };
    auto q = retort::update<Post>().set(col<&Post::views> = point{1, 2}).unconditionally();
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::update<Post>().set(col<&Post::views> = 1).unconditionally();
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
