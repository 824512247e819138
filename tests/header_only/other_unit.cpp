// The second translation unit of the header-only test: the same headers again, and a use of the
// engine, so that every definition they bring must be inline.
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <string>

namespace {
struct memo {
    std::int64_t id = 0;
    std::string text;
};
}  // namespace

// 2 when the session (its flush, journal and rollback are inline here) did what it should.
std::int64_t count_in_other_unit(const std::string& url) {
    auto engine = retort::create_engine(url);
    {
        auto conn = engine.connect();
        conn.execute_script("DROP TABLE IF EXISTS memo");
        retort::create_all<memo>(conn);
    }
    std::int64_t result = 0;
    {
        retort::session s{engine};
        s.add(memo{0, "rolled back"});
        s.rollback();
        memo& kept = s.add(memo{0, "kept"});
        s.commit();
        kept.text = "changed";
        s.commit();
        const memo* again = s.get<memo>(kept.id);
        if (again != nullptr && again->text == "changed") ++result;
        result += s.scalar(retort::text("SELECT COUNT(*) FROM memo WHERE text = 'changed'").returns<std::int64_t>());
    }
    engine.connect().execute_script("DROP TABLE memo");
    return result;
}
