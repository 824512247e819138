// create_all refuses models whose foreign keys form a cycle.
#include <retort/schema/ddl.hpp>

#include <cstdint>

struct a_row {
    std::int64_t id = 0;
    std::int64_t b_id = 0;
};
struct b_row {
    std::int64_t id = 0;
    std::int64_t a_id = 0;
};
template <>
inline constexpr auto retort::table<a_row> = retort::table_def{
    "a", retort::column<&a_row::b_id>.references(&b_row::id)};
#ifdef RETORT_COMPILE_FAIL
template <>
inline constexpr auto retort::table<b_row> = retort::table_def{
    "b", retort::column<&b_row::a_id>.references(&a_row::id)};
#endif
constexpr auto stmts = retort::create_all_sql<retort::sqlite, a_row, b_row>();

int main() { return stmts.size() == 2 ? 0 : 1; }
