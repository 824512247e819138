// A nested option must name a relationship of the objects its parent option loads.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select<User>().options(
        retort::selectinload<&User::posts>.then(retort::joinedload<&User::posts>));
#else
    auto q = retort::select<User>().options(
        retort::selectinload<&User::posts>.then(retort::joinedload<&Post::tags>));
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
