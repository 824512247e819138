// create_all / drop_all: the schema layer's DDL for a set of models, run in one transaction.
#pragma once

#include <string_view>

#include "retort/dialect/dialect.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/schema/ddl.hpp"

namespace retort {

namespace detail {

/** Runs `statements` as one unit: in the caller's transaction if one is open, else in a
 *  transaction of their own (PostgreSQL and SQLite both roll DDL back). */
template <class Statements>
void run_ddl(connection& conn, const Statements& statements) {
    if (conn.in_transaction()) {
        for (std::string_view sql : statements) conn.execute_script(sql);
        return;
    }
    auto tx = conn.begin();
    for (std::string_view sql : statements) conn.execute_script(sql);
    tx.commit();
}

}  // namespace detail

/**
 * Creates the tables (and indexes) of `Models...` in foreign-key order, as SQLAlchemy's
 * `metadata.create_all(conn)`: with `checkfirst` (the default) tables that already exist are
 * left alone (IF NOT EXISTS). All or nothing: one transaction.
 *
 *     auto conn = engine.connect();
 *     retort::create_all<User, Post, Tag, PostTag>(conn);
 */
template <class... Models>
void create_all(connection& conn, bool checkfirst = true) {
    if (conn.dialect() == detail::dialect_kind::postgresql) {
        detail::run_ddl(conn, create_all_sql<postgresql, Models...>(checkfirst));
    } else {
        detail::run_ddl(conn, create_all_sql<sqlite, Models...>(checkfirst));
    }
}

/** The same on a connection of its own: `retort::create_all<User, Post>(engine);` */
template <class... Models>
void create_all(const engine& e, bool checkfirst = true) {
    auto conn = e.connect();
    create_all<Models...>(conn, checkfirst);
}

/**
 * Drops the tables of `Models...`, children before parents; with `checkfirst` (the default)
 * tables that do not exist are skipped (IF EXISTS). One transaction.
 *
 *     retort::drop_all<User, Post, Tag, PostTag>(engine);
 */
template <class... Models>
void drop_all(connection& conn, bool checkfirst = true) {
    if (conn.dialect() == detail::dialect_kind::postgresql) {
        detail::run_ddl(conn, drop_all_sql<postgresql, Models...>(checkfirst));
    } else {
        detail::run_ddl(conn, drop_all_sql<sqlite, Models...>(checkfirst));
    }
}

template <class... Models>
void drop_all(const engine& e, bool checkfirst = true) {
    auto conn = e.connect();
    drop_all<Models...>(conn, checkfirst);
}

}  // namespace retort
