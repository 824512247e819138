// A foreign key must point to a column, not to a relationship member.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::post> = retort::table_def{
    "posts",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::post::author_id>.references(&cf::user::posts),
#else
    retort::column<&cf::post::author_id>.references(&cf::user::id),
#endif
};
static_assert(retort::detail::model<cf::post>::checked);

int main() {}
