// A foreign key's type must match the referenced column's.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::post> = retort::table_def{
    "posts",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::post::small_author_id>.references(&cf::user::id),
#else
    retort::column<&cf::post::author_id>.references(&cf::user::id),
#endif
};
static_assert(retort::detail::model<cf::post>::checked);

int main() {}
