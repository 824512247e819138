// Eager loading applies to select<Model>(), not to a select of columns.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&User::id>).options(retort::selectinload<&User::posts>);
#else
    auto q = retort::select<User>().options(retort::selectinload<&User::posts>);
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
