// A column whose table is in neither FROM nor a JOIN is refused when the statement is rendered.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&User::id>).where(col<&Post::views> > 10);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::select(col<&User::id>).join<Post>().where(col<&Post::views> > 10);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
