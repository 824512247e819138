// joinedload of a collection with limit(): the limit would count joined rows.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select<User>().options(retort::joinedload<&User::posts>).limit(10);
#else
    auto q = retort::select<User>().options(retort::selectinload<&User::posts>).limit(10);
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
