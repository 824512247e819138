// The ORM suite's fixture: the blog schema created on the backend under test.
#pragma once

#include <retort/orm/session.hpp>
#include <retort/schema/ddl.hpp>
#include <retort/sql.hpp>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../engine/engine_fixture.hpp"
#include "blog_models.hpp"

namespace retort::testing {

class orm_test : public engine_test {
protected:
    void SetUp() override {
        engine_test::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        engine_options options;
        options.echo = true;
        options.echo_to = [this](const echo_record& r) {
            if (!r.failed) statements_.emplace_back(r.sql);
        };
        engine_.emplace(create_engine(url(), options));
        auto conn = engine_->connect();
        static constexpr auto sqlite_ddl =
            create_all_sql<sqlite, blog::User, blog::Post, blog::Tag, blog::PostTag, blog::Order>();
        static constexpr auto postgresql_ddl =
            create_all_sql<postgresql, blog::User, blog::Post, blog::Tag, blog::PostTag, blog::Order>();
        const std::span<const std::string_view> statements =
            pg() ? std::span<const std::string_view>(postgresql_ddl)
                 : std::span<const std::string_view>(sqlite_ddl);
        for (auto stmt : statements) conn.execute_script(stmt);
        statements_.clear();
    }
    void TearDown() override {
        engine_.reset();
        engine_test::TearDown();
    }

    engine& db() { return *engine_; }

    /** The statements run since the last call (DDL excluded), in order; BEGIN and COMMIT are
     *  driver calls and do not appear. */
    std::vector<std::string> take_statements() { return std::exchange(statements_, {}); }

    /** Rows of a table counted outside any session. */
    std::int64_t count(std::string_view table) {
        return db().connect().execute("SELECT count(*) FROM " + std::string(table)).scalar<std::int64_t>();
    }

    static blog::User user(std::string name) {
        blog::User u;
        u.username = name;
        u.email = name + "@example.com";
        return u;
    }

private:
    std::vector<std::string> statements_;
    std::optional<engine> engine_;
};

}  // namespace retort::testing
