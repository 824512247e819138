// A column option must name a member of the mapped struct.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::user> = retort::table_def{
    "users",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::post::title>.unique(),
#else
    retort::column<&cf::user::name>.unique(),
#endif
};
static_assert(retort::detail::model<cf::user>::checked);

int main() {}
