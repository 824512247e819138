// Checks that libpq reaches the server named by RETORT_TEST_POSTGRES_URL and moves values both ways.
#include "postgres_url.hpp"

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>

namespace {

struct pq_result_deleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using pq_result = std::unique_ptr<PGresult, pq_result_deleter>;

struct pq_conn_deleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using pq_conn = std::unique_ptr<PGconn, pq_conn_deleter>;

struct postgresql_smoke : retort::testing::postgres_fixture {};

/** Runs a statement without parameters and expects `status`; the result is returned. */
pq_result exec(PGconn* conn, const char* sql, ExecStatusType status) {
    pq_result result{PQexec(conn, sql)};
    EXPECT_EQ(PQresultStatus(result.get()), status) << sql << ": " << PQerrorMessage(conn);
    return result;
}

TEST_F(postgresql_smoke, connects_and_round_trips_through_bound_parameters) {
    pq_conn conn{PQconnectdb(url().c_str())};
    ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());

    // Say which server answered, so a test log shows it was the one the test command started.
    pq_result who = exec(conn.get(),
                         "SELECT current_setting('server_version'), host(inet_server_addr()), "
                         "inet_server_port(), current_database()",
                         PGRES_TUPLES_OK);
    ASSERT_EQ(PQntuples(who.get()), 1);
    std::cout << "[retort-postgres] PostgreSQL " << PQgetvalue(who.get(), 0, 0) << " at "
              << PQgetvalue(who.get(), 0, 1) << ':' << PQgetvalue(who.get(), 0, 2)
              << " database " << PQgetvalue(who.get(), 0, 3) << " (client port "
              << PQport(conn.get()) << ", libpq " << PQlibVersion() << ")\n";

    exec(conn.get(), "CREATE TEMP TABLE smoke (id bigint PRIMARY KEY, username text NOT NULL)",
         PGRES_COMMAND_OK);

    const char* insert_params[] = {"42", "alice"};
    pq_result inserted{PQexecParams(conn.get(),
                                    "INSERT INTO smoke (id, username) VALUES ($1, $2)", 2,
                                    nullptr, insert_params, nullptr, nullptr, 0)};
    ASSERT_EQ(PQresultStatus(inserted.get()), PGRES_COMMAND_OK) << PQerrorMessage(conn.get());
    EXPECT_STREQ(PQcmdTuples(inserted.get()), "1");

    const char* select_params[] = {"42"};
    pq_result selected{PQexecParams(conn.get(), "SELECT username FROM smoke WHERE id = $1", 1,
                                    nullptr, select_params, nullptr, nullptr, 0)};
    ASSERT_EQ(PQresultStatus(selected.get()), PGRES_TUPLES_OK) << PQerrorMessage(conn.get());
    ASSERT_EQ(PQntuples(selected.get()), 1);
    EXPECT_EQ(std::string(PQgetvalue(selected.get(), 0, 0)), "alice");
}

}  // namespace
