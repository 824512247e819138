// max_length() is for string columns only.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::user> = retort::table_def{
    "users",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::user::age>.max_length(3),
#else
    retort::column<&cf::user::name>.max_length(3),
#endif
};
static_assert(retort::detail::model<cf::user>::checked);

int main() {}
