// Two foreign keys between the tables: the join must say which with an explicit ON.
#include <cstdint>
#include <string>

#include "blog_models.hpp"
#include "retort/sql.hpp"

struct Message {
    std::int64_t id = 0;
    std::int64_t sender_id = 0;
    std::int64_t recipient_id = 0;
    std::string text;
};
template <>
inline constexpr auto retort::table<Message> = retort::table_def{
    "messages",
    retort::column<&Message::sender_id>.references(&blog::User::id),
    retort::column<&Message::recipient_id>.references(&blog::User::id),
};

using retort::col;

int main() {
#ifdef RETORT_COMPILE_FAIL
    auto q = retort::select(col<&Message::text>).join<blog::User>();
    return static_cast<int>(retort::sql<retort::sqlite>(q).size());
#else
    auto q = retort::select(col<&Message::text>)
                 .join<blog::User>(col<&blog::User::id> == col<&Message::sender_id>);
    return static_cast<int>(retort::sql<retort::sqlite>(q).size()) == 0;
#endif
}
