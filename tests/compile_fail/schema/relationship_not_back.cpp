// has_many's foreign key must reference the parent model.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::user> = retort::table_def{
    "users",
#ifdef RETORT_COMPILE_FAIL
    retort::has_many<&cf::user::posts>.by(&cf::post::other_id),
#else
    retort::has_many<&cf::user::posts>.by(&cf::post::author_id),
#endif
};
template <>
inline constexpr auto retort::table<cf::post> = retort::table_def{
    "posts", retort::column<&cf::post::author_id>.references(&cf::user::id)};
static_assert(retort::detail::model<cf::user>::checked);

int main() {}
