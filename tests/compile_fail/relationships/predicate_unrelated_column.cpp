// A relationship predicate's condition on a column of a model that is not the related one.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select<User>().where(col<&User::posts>.any(col<&Tag::name> == "news"));
#else
    auto q = retort::select<User>().where(col<&User::posts>.any(col<&Post::title> == "news"));
#endif
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
}
