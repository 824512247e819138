// Parses database URLs: the accepted forms, the malformed ones, and password redaction.
#include <retort/engine/url.hpp>

#include <fmt/format.h>
#include <retort/fmt.hpp>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

struct valid_case {
    std::string_view text;
    std::string_view backend;
    std::string_view username;
    std::string_view password;
    std::string_view host;
    int port;  // 0: none
    std::string_view database;
};

constexpr valid_case valid_cases[] = {
    {"sqlite://", "sqlite", "", "", "", 0, ""},
    {"sqlite:///:memory:", "sqlite", "", "", "", 0, ":memory:"},
    {"sqlite:///relative.db", "sqlite", "", "", "", 0, "relative.db"},
    {"sqlite:////abs/path/app.db", "sqlite", "", "", "", 0, "/abs/path/app.db"},
    {"sqlite:///with%20space.db", "sqlite", "", "", "", 0, "with space.db"},
    {"postgresql://localhost/db", "postgresql", "", "", "localhost", 0, "db"},
    {"postgres://u@h/db", "postgresql", "u", "", "h", 0, "db"},
    {"postgresql+libpq://u:p@h:5433/db", "postgresql", "u", "p", "h", 5433, "db"},
    {"POSTGRESQL://u@h/db", "postgresql", "u", "", "h", 0, "db"},
    {"postgresql://us%40er:p%3Aw%2Fd%40@h/db", "postgresql", "us@er", "p:w/d@", "h", 0, "db"},
    {"postgresql://u:p@[::1]:5432/db", "postgresql", "u", "p", "::1", 5432, "db"},
    {"postgresql://u@[fe80::1%25eth0]/db", "postgresql", "u", "", "fe80::1%eth0", 0, "db"},
    {"postgresql://u@/db?host=/var/run/postgresql", "postgresql", "u", "", "", 0, "db"},
    {"postgresql://u@%2Fvar%2Frun%2Fpostgresql/db", "postgresql", "u", "", "/var/run/postgresql",
     0, "db"},
    {"postgresql://h", "postgresql", "", "", "h", 0, ""},
    {"postgresql://h:1/d%C3%A9j%C3%A0", "postgresql", "", "", "h", 1, "d\xC3\xA9j\xC3\xA0"},
};

TEST(url, parses_valid_forms) {
    for (const auto& c : valid_cases) {
        SCOPED_TRACE(c.text);
        const auto u = retort::url::parse(c.text);
        EXPECT_EQ(u.backend, c.backend);
        EXPECT_EQ(u.username, c.username);
        EXPECT_EQ(u.password, c.password);
        EXPECT_EQ(u.host, c.host);
        if (c.port == 0) {
            EXPECT_FALSE(u.port.has_value());
        } else {
            EXPECT_EQ(u.port, c.port);
        }
        EXPECT_EQ(u.database, c.database);
        // Rendering and parsing again gives the same URL.
        EXPECT_EQ(retort::url::parse(u.render_with_password()), u) << u.render_with_password();
    }
}

TEST(url, passes_every_query_key_through_in_order) {
    const auto u = retort::url::parse(
        "postgresql://u@h/db?sslmode=disable&application_name=my%20app&connect_timeout=3&x=");
    ASSERT_EQ(u.query.size(), 4U);
    EXPECT_EQ(u.query[0], (std::pair<std::string, std::string>{"sslmode", "disable"}));
    EXPECT_EQ(u.query[1].second, "my app");
    EXPECT_EQ(u.query_value("connect_timeout"), "3");
    EXPECT_EQ(u.query_value("x"), "");
    EXPECT_FALSE(u.query_value("missing").has_value());
}

TEST(url, memory_databases) {
    EXPECT_TRUE(retort::url::parse("sqlite://").is_memory());
    EXPECT_TRUE(retort::url::parse("sqlite:///:memory:").is_memory());
    EXPECT_FALSE(retort::url::parse("sqlite:///a.db").is_memory());
}

struct invalid_case {
    std::string_view text;
    std::string_view mentions;  // a part of the message that names what is wrong
};

constexpr invalid_case invalid_cases[] = {
    {"", "missing scheme"},
    {"localhost/db", "missing scheme"},
    {"://h/db", "empty scheme"},
    {"mysql://u@h/db", "unsupported scheme 'mysql'"},
    {"postgresql+psycopg2://u@h/db", "unsupported driver 'psycopg2'"},
    {"sqlite+pysqlite:///a.db", "unsupported driver 'pysqlite'"},
    {"post gres://h/db", "scheme"},
    {"postgresql://h:abc/db", "bad port 'abc'"},
    {"postgresql://h:0/db", "bad port '0'"},
    {"postgresql://h:65536/db", "bad port '65536'"},
    {"postgresql://h:/db", "empty port"},
    {"postgresql://[::1/db", "closing ']'"},
    {"postgresql://[::1]x/db", "after the IPv6 host"},
    {"postgresql://h/d%zz", "percent escape in the database name"},
    {"postgresql://u%4@h/db", "percent escape in the user name"},
    {"postgresql://h/db?a=%", "percent escape in the query value"},
    {"postgresql://h/db?=v", "empty key"},
    {"postgresql://h/db#frag", "fragment"},
    {"postgresql://h/a/b", "contains '/'"},
    {"sqlite://host/a.db", "SQLite URLs take no host"},
};

TEST(url, rejects_malformed_urls_naming_the_part) {
    for (const auto& c : invalid_cases) {
        SCOPED_TRACE(c.text);
        try {
            (void)retort::url::parse(c.text);
            ADD_FAILURE() << "parsed";
        } catch (const retort::interface_error& e) {
            EXPECT_EQ(e.code(), "url");
            EXPECT_NE(std::string_view(e.what()).find(c.mentions), std::string_view::npos)
                << e.what();
        }
    }
}

TEST(url, never_shows_the_password) {
    const auto u = retort::url::parse("postgresql://app:s3cr%40t@db:5432/shop?sslmode=require");
    EXPECT_EQ(u.password, "s3cr@t");
    EXPECT_EQ(u.redacted(), "postgresql://app:***@db:5432/shop?sslmode=require");
    EXPECT_EQ(fmt::format("{}", u), u.redacted());
    EXPECT_EQ(u.render_with_password(), "postgresql://app:s3cr%40t@db:5432/shop?sslmode=require");

    const auto q = retort::url::parse("postgresql://app@db/shop?password=hunter2");
    EXPECT_EQ(q.redacted().find("hunter2"), std::string::npos) << q.redacted();

    // A bad escape in the password is reported without the password's text.
    try {
        (void)retort::url::parse("postgresql://app:topsecret%zz@db/shop");
        ADD_FAILURE() << "parsed";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(std::string_view(e.what()).find("topsecret"), std::string_view::npos) << e.what();
        EXPECT_NE(std::string_view(e.what()).find("password"), std::string_view::npos) << e.what();
    }
    try {
        (void)retort::url::parse("postgresql://app@db/shop?password=topsecret%zz");
        ADD_FAILURE() << "parsed";
    } catch (const retort::interface_error& e) {
        EXPECT_EQ(std::string_view(e.what()).find("topsecret"), std::string_view::npos) << e.what();
    }
}

}  // namespace
