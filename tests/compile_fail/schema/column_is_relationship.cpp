// A relationship member cannot be given column options.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::user> = retort::table_def{
    "users",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::user::posts>.unique(),
#else
    retort::column<&cf::user::name>.unique(),
#endif
};
static_assert(retort::detail::model<cf::user>::checked);

int main() {}
