// An INSERT of chosen columns must give every NOT NULL column without a default.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::insert<User>().columns<&User::username>().values("ann");
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::insert<User>().columns<&User::username, &User::email>().values("ann", "a@x");
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
