// options() naming a relationship of a model the query does not select.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select<User>().options(retort::selectinload<&Post::tags>);
#else
    auto q = retort::select<Post>().options(retort::selectinload<&Post::tags>);
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
