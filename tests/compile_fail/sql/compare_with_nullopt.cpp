// A nullable column is tested with is_null(), never compared with std::nullopt.
#include "blog_models.hpp"
#include "retort/sql.hpp"

using namespace blog;
using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&User::id>).where(col<&User::bio> == std::nullopt);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::select(col<&User::id>).where(col<&User::bio>.is_null());
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
    return 0;
}
