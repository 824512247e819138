// A composite key is declared once, not as two primary-key declarations.
#include <retort/schema/ddl.hpp>

#include "blog.hpp"

template <>
inline constexpr auto retort::table<cf::post> = retort::table_def{
    "posts",
#ifdef RETORT_COMPILE_FAIL
    retort::column<&cf::post::id>.primary_key(),
    retort::column<&cf::post::title>.primary_key(),
#else
    retort::primary_key<&cf::post::id, &cf::post::title>,
#endif
};
static_assert(retort::detail::model<cf::post>::primary_key.size == 2);

int main() {}
