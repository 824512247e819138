// Eager-loading a member that is not a relationship.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select<User>().options(retort::selectinload<&User::email>);
#else
    auto q = retort::select<User>().options(retort::selectinload<&User::posts>);
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
