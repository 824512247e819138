// Golden DDL for both dialects, checked at compile time and again at run time.
#include <retort/schema/ddl.hpp>

#include <gtest/gtest.h>
#include <string_view>

#include "schema_models.hpp"

namespace {

using namespace schema_test;
using retort::postgresql;
using retort::sqlite;

template <class D, class Node>
constexpr std::string_view text(Node) {
    return retort::detail::text_of<Node, D>;
}

// Each golden case is checked by the compiler and by the test runner, so a failure shows the
// difference as a diff in the test output as well.
#define RETORT_CAT2(a, b) a##b
#define RETORT_CAT(a, b) RETORT_CAT2(a, b)
#define RETORT_GOLDEN(expr, expected)    \
    static_assert((expr) == (expected)); \
    TEST(ddl_golden, RETORT_CAT(line_, __LINE__)) { EXPECT_EQ((expr), (expected)); }

RETORT_GOLDEN(text<sqlite>(retort::create_table<user>()),
              "CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(50) NOT NULL, email "
              "VARCHAR(120) NOT NULL, bio TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT "
              "NULL, PRIMARY KEY (id), UNIQUE (username), UNIQUE (email))")
RETORT_GOLDEN(text<postgresql>(retort::create_table<user>()),
              "CREATE TABLE users (id BIGSERIAL NOT NULL, username VARCHAR(50) NOT NULL, email "
              "VARCHAR(120) NOT NULL, bio TEXT, created_at TIMESTAMP WITH TIME ZONE DEFAULT "
              "CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (id), UNIQUE (username), UNIQUE (email))")
RETORT_GOLDEN(text<sqlite>(retort::create_table<post>()),
              "CREATE TABLE posts (id INTEGER NOT NULL, title VARCHAR(200) NOT NULL, body TEXT NOT "
              "NULL, author_id INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(author_id) "
              "REFERENCES users (id) ON DELETE CASCADE)")
RETORT_GOLDEN(text<postgresql>(retort::create_table<post>()),
              "CREATE TABLE posts (id BIGSERIAL NOT NULL, title VARCHAR(200) NOT NULL, body TEXT NOT "
              "NULL, author_id BIGINT NOT NULL, PRIMARY KEY (id), FOREIGN KEY(author_id) "
              "REFERENCES users (id) ON DELETE CASCADE)")
RETORT_GOLDEN(text<sqlite>(retort::create_table<tag>()),
              "CREATE TABLE tags (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, PRIMARY KEY (id), "
              "UNIQUE (name))")
RETORT_GOLDEN(text<sqlite>(retort::create_table<post_tag>()),
              "CREATE TABLE post_tags (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY "
              "KEY (post_id, tag_id), FOREIGN KEY(post_id) REFERENCES posts (id) ON DELETE CASCADE, "
              "FOREIGN KEY(tag_id) REFERENCES tags (id))")
RETORT_GOLDEN(text<postgresql>(retort::create_table<post_tag>()),
              "CREATE TABLE post_tags (post_id BIGINT NOT NULL, tag_id BIGINT NOT NULL, PRIMARY "
              "KEY (post_id, tag_id), FOREIGN KEY(post_id) REFERENCES posts (id) ON DELETE CASCADE, "
              "FOREIGN KEY(tag_id) REFERENCES tags (id))")
RETORT_GOLDEN(text<sqlite>(retort::create_table<every_type>()),
              "CREATE TABLE every_type (id INTEGER NOT NULL, flag BOOLEAN NOT NULL, i8 INTEGER NOT "
              "NULL, i16 INTEGER NOT NULL, i32 INTEGER NOT NULL, i64 INTEGER NOT NULL, u8 INTEGER "
              "NOT NULL, u16 INTEGER NOT NULL, u32 INTEGER NOT NULL, f32 REAL NOT NULL, f64 REAL NOT "
              "NULL, text TEXT NOT NULL, code VARCHAR(8) NOT NULL, data BLOB NOT NULL, at TIMESTAMP "
              "NOT NULL, day DATE NOT NULL, state INTEGER NOT NULL, note TEXT, score REAL, PRIMARY "
              "KEY (id))")
RETORT_GOLDEN(text<postgresql>(retort::create_table<every_type>()),
              "CREATE TABLE every_type (id BIGSERIAL NOT NULL, flag BOOLEAN NOT NULL, i8 SMALLINT "
              "NOT NULL, i16 SMALLINT NOT NULL, i32 INTEGER NOT NULL, i64 BIGINT NOT NULL, u8 "
              "SMALLINT NOT NULL, u16 INTEGER NOT NULL, u32 BIGINT NOT NULL, f32 REAL NOT NULL, f64 "
              "DOUBLE PRECISION NOT NULL, text TEXT NOT NULL, code VARCHAR(8) NOT NULL, data BYTEA "
              "NOT NULL, at TIMESTAMP WITH TIME ZONE NOT NULL, day DATE NOT NULL, state INTEGER NOT "
              "NULL, note TEXT, score DOUBLE PRECISION, PRIMARY KEY (id))")
RETORT_GOLDEN(text<sqlite>(retort::create_table<Order>()),
              "CREATE TABLE \"order\" (id INTEGER NOT NULL, \"user\" INTEGER NOT NULL, name TEXT "
              "DEFAULT 'anon' NOT NULL, quantity INTEGER DEFAULT 1 NOT NULL CHECK (quantity > 0), "
              "price REAL DEFAULT 2.5 NOT NULL, paid BOOLEAN DEFAULT 0 NOT NULL, PRIMARY KEY (id), "
              "CONSTRAINT uq_user_price UNIQUE (\"user\", price), FOREIGN KEY(\"user\") REFERENCES "
              "users (id), CONSTRAINT ck_price CHECK (price >= 0))")
RETORT_GOLDEN(text<postgresql>(retort::create_table<Order>()),
              "CREATE TABLE \"order\" (id BIGSERIAL NOT NULL, \"user\" BIGINT NOT NULL, name TEXT "
              "DEFAULT 'anon' NOT NULL, quantity INTEGER DEFAULT 1 NOT NULL CHECK (quantity > 0), "
              "price DOUBLE PRECISION DEFAULT 2.5 NOT NULL, paid BOOLEAN DEFAULT false NOT NULL, "
              "PRIMARY KEY (id), CONSTRAINT uq_user_price UNIQUE (\"user\", price), FOREIGN "
              "KEY(\"user\") REFERENCES users (id), CONSTRAINT ck_price CHECK (price >= 0))")
RETORT_GOLDEN(text<sqlite>(retort::create_table<note>()),
              "CREATE TABLE notes (id INTEGER NOT NULL, text TEXT NOT NULL, created_at TIMESTAMP "
              "DEFAULT CURRENT_TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (id))")
RETORT_GOLDEN(text<sqlite>(retort::drop_table<user>()), "DROP TABLE users")
RETORT_GOLDEN((text<postgresql>(retort::drop_table<Order, true>())),
              "DROP TABLE IF EXISTS \"order\"")
RETORT_GOLDEN((text<sqlite>(retort::create_table<tag, true>())),
              "CREATE TABLE IF NOT EXISTS tags (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, "
              "PRIMARY KEY (id), UNIQUE (name))")

// create_all: parents before children, indexes right after their table, stable otherwise.
constexpr auto blog_sqlite = retort::create_all_sql<sqlite, post_tag, post, tag, user, Order>();
static_assert(blog_sqlite.size() == 7);
static_assert(blog_sqlite[0].starts_with("CREATE TABLE tags "));
static_assert(blog_sqlite[1].starts_with("CREATE TABLE users "));
static_assert(blog_sqlite[2].starts_with("CREATE TABLE posts "));
RETORT_GOLDEN(blog_sqlite[3], "CREATE INDEX ix_posts_author_id ON posts (author_id)")
static_assert(blog_sqlite[4].starts_with("CREATE TABLE post_tags "));
static_assert(blog_sqlite[5].starts_with("CREATE TABLE \"order\" "));
RETORT_GOLDEN(blog_sqlite[6], "CREATE UNIQUE INDEX order_by_user ON \"order\" (\"user\", name)")

constexpr auto blog_pg_checked =
    retort::create_all_sql<postgresql, user, post, tag, post_tag>(retort::if_not_exists);
RETORT_GOLDEN(blog_pg_checked[2], "CREATE INDEX IF NOT EXISTS ix_posts_author_id ON posts (author_id)")
static_assert(blog_pg_checked[0].starts_with("CREATE TABLE IF NOT EXISTS users "));

// A flag chosen at run time picks one of the two constant sets.
static_assert(retort::create_all_sql<postgresql, user, post, tag, post_tag>(true) == blog_pg_checked);
static_assert(retort::create_all_sql<postgresql, user, post, tag, post_tag>(false) ==
              retort::create_all_sql<postgresql, user, post, tag, post_tag>());
static_assert(retort::drop_all_sql<postgresql, user, post, tag, post_tag>(false)[0] ==
              "DROP TABLE post_tags");

constexpr auto drops = retort::drop_all_sql<postgresql, user, post, tag, post_tag>(retort::if_exists);
static_assert(drops.size() == 4);
RETORT_GOLDEN(drops[0], "DROP TABLE IF EXISTS post_tags")
RETORT_GOLDEN(drops[1], "DROP TABLE IF EXISTS tags")
RETORT_GOLDEN(drops[2], "DROP TABLE IF EXISTS posts")
RETORT_GOLDEN(drops[3], "DROP TABLE IF EXISTS users")

// The model record itself.
using user_model = retort::detail::model<user>;
static_assert(user_model::table_name == "users");
static_assert(user_model::column_count == 5);  // posts is a relationship, not a column
static_assert(user_model::autoincrement_column == 0);
static_assert(user_model::columns[3].nullable && !user_model::columns[1].nullable);
static_assert(user_model::columns[4].server_default.s == "CURRENT_TIMESTAMP");
static_assert(retort::detail::model<post>::column_count == 4);
static_assert(retort::detail::model<post_tag>::autoincrement_column == retort::detail::npos);
static_assert(retort::detail::model<Order>::table_name == "order");
static_assert(retort::detail::model<Order>::columns[2].name == "name");
static_assert(retort::detail::model<every_type>::table_name == "every_type");

TEST(ddl, text_is_a_constant) {
    // The same address every time: a .rodata constant, not a string built per call.
    auto a = text<sqlite>(retort::create_table<user>());
    auto b = text<sqlite>(retort::create_table<user>());
    EXPECT_EQ(a.data(), b.data());
    EXPECT_EQ(a.data()[a.size()], '\0');
}

}  // namespace
