// PostgreSQL bulk insert of 100,000 rows: retort's Core, driver and session paths beside raw
// libpq per row, in pipeline mode, as multi-row INSERTs, and through COPY (text and binary).
#include <retort/orm/session.hpp>
#include <retort/postgresql.hpp>
#include <retort/retort.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../raw_libpq.hpp"
#include "workload.hpp"

namespace bench {

struct BulkUser {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::int64_t age = 0;
    std::optional<std::string> bio;
};

}  // namespace bench

template <>
inline constexpr auto retort::table<bench::BulkUser> = retort::table_def{
    "users", retort::column<&bench::BulkUser::name>.max_length(50),
    retort::column<&bench::BulkUser::email>.max_length(120)};

namespace {

using namespace bench::wl;
using bench::BulkUser;
using bench::pq::connection;
using bench::pq::put_be64;

constexpr std::size_t multirow = 100;  // rows per multi-row INSERT, as the session's bulk path

const std::vector<BulkUser>& models() {
    static const std::vector<BulkUser> all = [] {
        std::vector<BulkUser> out;
        for (const auto& r : users()) out.push_back({0, r.name, r.email, r.age, r.bio});
        return out;
    }();
    return all;
}

void reset(const connection& c) {
    for (const auto& s : schema_sql(true)) c.exec(s);
}

void count_rows(const connection& c) {
    PGresult* r = PQexec(c.conn, "SELECT count(*) FROM users");
    expect(std::string_view(PQgetvalue(r, 0, 0)) == std::to_string(w1_rows), "bulk rows");
    PQclear(r);
}

/** Text and binary-int8 parameters of one row, written into caller-owned arrays. */
void fill_params(const BulkUser& u, const char** values, int* lengths, int* formats, char* age) {
    values[0] = u.name.data();
    lengths[0] = static_cast<int>(u.name.size());
    values[1] = u.email.data();
    lengths[1] = static_cast<int>(u.email.size());
    put_be64(age, u.age);
    values[2] = age;
    lengths[2] = 8;
    formats[2] = 1;
    values[3] = u.bio ? u.bio->data() : nullptr;
    lengths[3] = u.bio ? static_cast<int>(u.bio->size()) : 0;
}

constexpr const char* insert_one = "INSERT INTO users (name, email, age, bio) VALUES ($1, $2, $3, $4)";

void raw_per_row(const options& o, const connection& c, int rep) {
    c.prepare("one", insert_one);
    const char* v[4];
    int l[4];
    int f[4] = {0, 0, 1, 0};
    char age[8];
    timed(o, "raw-per-row", "bulk", rep, [&] {
        c.exec("BEGIN");
        for (const auto& u : models()) {
            fill_params(u, v, l, f, age);
            PQclear(c.run("one", 4, v, l, f));
        }
        c.exec("COMMIT");
    });
}

void raw_pipeline(const options& o, const connection& c, int rep) {
    c.prepare("pipe", insert_one);
    const char* v[4];
    int l[4];
    int f[4] = {0, 0, 1, 0};
    char age[8];
    timed(o, "raw-pipeline", "bulk", rep, [&] {
        expect(PQenterPipelineMode(c.conn) == 1, "pipeline mode");
        expect(PQsendQueryParams(c.conn, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1, "send");
        std::size_t sent = 0;
        std::size_t read = 0;
        auto drain = [&](std::size_t keep) {
            // Read results until at most `keep` statements are outstanding.
            while (sent - read > keep) {
                PGresult* r = PQgetResult(c.conn);
                if (r == nullptr) continue;  // the end of one statement's results
                const auto st = PQresultStatus(r);
                expect(st == PGRES_COMMAND_OK || st == PGRES_PIPELINE_SYNC, "pipeline result");
                if (st == PGRES_COMMAND_OK) ++read;
                PQclear(r);
            }
        };
        ++sent;
        for (const auto& u : models()) {
            fill_params(u, v, l, f, age);
            expect(PQsendQueryPrepared(c.conn, "pipe", 4, v, l, f, 0) == 1, "send");
            ++sent;
            if (sent % 1000 == 0) {
                PQsendFlushRequest(c.conn);
                PQflush(c.conn);
                drain(1000);
            }
        }
        expect(PQsendQueryParams(c.conn, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1, "send");
        ++sent;
        PQpipelineSync(c.conn);
        drain(0);
        for (;;) {  // up to the sync, past the null that ends each statement's results
            PGresult* r = PQgetResult(c.conn);
            if (r == nullptr) continue;
            const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync) break;
        }
        expect(PQexitPipelineMode(c.conn) == 1, "pipeline exit");
    });
}

void raw_multirow(const options& o, const connection& c, int rep) {
    std::string sql = "INSERT INTO users (name, email, age, bio) VALUES ";
    for (std::size_t i = 0; i < multirow; ++i) {
        sql += i == 0 ? "(" : ", (";
        for (std::size_t k = 1; k <= 4; ++k) {
            sql += k == 1 ? "$" : ", $";
            sql += std::to_string(i * 4 + k);
        }
        sql += ')';
    }
    c.prepare("multi", sql);
    std::vector<const char*> v(multirow * 4);
    std::vector<int> l(multirow * 4);
    std::vector<int> f(multirow * 4);
    std::vector<char> ages(multirow * 8);
    timed(o, "raw-multirow", "bulk", rep, [&] {
        c.exec("BEGIN");
        const auto& all = models();
        for (std::size_t at = 0; at < all.size(); at += multirow) {
            for (std::size_t i = 0; i < multirow; ++i) {
                fill_params(all[at + i], &v[i * 4], &l[i * 4], &f[i * 4], &ages[i * 8]);
            }
            PQclear(c.run("multi", static_cast<int>(multirow * 4), v.data(), l.data(), f.data()));
        }
        c.exec("COMMIT");
    });
}

void copy_text(std::string& out, std::string_view s) {
    for (char ch : s) {
        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') out += '\\';
        out += ch;
    }
}

void raw_copy(const options& o, const connection& c, int rep) {
    timed(o, "raw-copy", "bulk", rep, [&] {
        c.exec("BEGIN");
        PGresult* r = PQexec(c.conn, "COPY users (name, email, age, bio) FROM STDIN");
        expect(PQresultStatus(r) == PGRES_COPY_IN, "copy in");
        PQclear(r);
        std::string buf;
        for (const auto& u : models()) {
            copy_text(buf, u.name);
            buf += '\t';
            copy_text(buf, u.email);
            buf += '\t';
            buf += std::to_string(u.age);
            buf += '\t';
            if (u.bio) {
                copy_text(buf, *u.bio);
            } else {
                buf += "\\N";
            }
            buf += '\n';
            if (buf.size() > 64 * 1024) {
                expect(PQputCopyData(c.conn, buf.data(), static_cast<int>(buf.size())) == 1, "copy data");
                buf.clear();
            }
        }
        expect(PQputCopyData(c.conn, buf.data(), static_cast<int>(buf.size())) == 1, "copy data");
        expect(PQputCopyEnd(c.conn, nullptr) == 1, "copy end");
        r = PQgetResult(c.conn);
        expect(PQresultStatus(r) == PGRES_COMMAND_OK, "copy result");
        PQclear(r);
        while ((r = PQgetResult(c.conn)) != nullptr) PQclear(r);
        c.exec("COMMIT");
    });
}

void put_field(std::string& out, std::string_view bytes) {
    char len[4];
    const auto n = static_cast<std::uint32_t>(bytes.size());
    for (int k = 0; k < 4; ++k) len[k] = static_cast<char>(n >> (24 - 8 * k));
    out.append(len, 4);
    out.append(bytes);
}

/** COPY in binary format: what retort's driver sends, written by hand. */
void raw_copy_binary(const options& o, const connection& c, int rep) {
    timed(o, "raw-copy-binary", "bulk", rep, [&] {
        c.exec("BEGIN");
        PGresult* r = PQexec(c.conn, "COPY users (name, email, age, bio) FROM STDIN (FORMAT binary)");
        expect(PQresultStatus(r) == PGRES_COPY_IN, "copy in");
        PQclear(r);
        std::string buf("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
        char age[8];
        for (const auto& u : models()) {
            buf.append("\0\4", 2);  // four fields
            put_field(buf, u.name);
            put_field(buf, u.email);
            put_be64(age, u.age);
            put_field(buf, {age, 8});
            if (u.bio) {
                put_field(buf, *u.bio);
            } else {
                buf.append("\xff\xff\xff\xff", 4);
            }
            if (buf.size() > 64 * 1024) {
                expect(PQputCopyData(c.conn, buf.data(), static_cast<int>(buf.size())) == 1, "copy data");
                buf.clear();
            }
        }
        buf.append("\xff\xff", 2);
        expect(PQputCopyData(c.conn, buf.data(), static_cast<int>(buf.size())) == 1, "copy data");
        expect(PQputCopyEnd(c.conn, nullptr) == 1, "copy end");
        r = PQgetResult(c.conn);
        expect(PQresultStatus(r) == PGRES_COMMAND_OK, "copy result");
        PQclear(r);
        while ((r = PQgetResult(c.conn)) != nullptr) PQclear(r);
        c.exec("COMMIT");
    });
}

/** The models as driver values, a batch at a time (what execute_batch reads). */
struct model_source final : retort::row_source {
    std::size_t at = 0;
    std::size_t next(std::span<retort::value_view> out) override {
        const auto& all = models();
        std::size_t rows = 0;
        for (; rows < out.size() / 4 && at < all.size(); ++rows, ++at) {
            const BulkUser& u = all[at];
            out[rows * 4] = retort::value_view::text(u.name);
            out[rows * 4 + 1] = retort::value_view::text(u.email);
            out[rows * 4 + 2] = retort::value_view::integer(u.age);
            out[rows * 4 + 3] = u.bio ? retort::value_view::text(*u.bio) : retort::value_view::null();
        }
        return rows;
    }
};

struct no_rows final : retort::batch_sink {
    void row(std::size_t, std::span<const retort::value_view>) override {}
};

void retort_cases(const options& o, const connection& c, retort::engine& engine, int rep) {
    reset(c);
    timed(o, "retort-core-per-row", "bulk", rep, [&] {
        auto conn = engine.connect();
        auto tx = conn.begin();
        for (const auto& u : models()) conn.execute(retort::insert<BulkUser>().values(u));
        tx.commit();
    });
    count_rows(c);
    reset(c);
    timed(o, "retort-core-multirow", "bulk", rep, [&] {
        auto conn = engine.connect();
        auto tx = conn.begin();
        const auto& all = models();
        for (std::size_t at = 0; at < all.size(); at += multirow) {
            const std::span<const BulkUser, multirow> rows(all.data() + at, multirow);
            conn.execute(retort::insert<BulkUser>().values(rows));
        }
        tx.commit();
    });
    count_rows(c);
    reset(c);
    timed(o, "retort-driver-pipeline", "bulk", rep, [&] {
        auto conn = engine.connect();
        auto tx = conn.begin();
        auto st = conn.driver().prepare(insert_one, true);
        model_source source;
        no_rows sink;
        expect(st->execute_batch(source, 4, sink) == w1_rows, "pipeline rows");
        st.reset();
        tx.commit();
    });
    count_rows(c);
    reset(c);
    timed(o, "retort-core-copy", "bulk", rep, [&] {
        auto conn = engine.connect();
        auto tx = conn.begin();
        expect(conn.execute(retort::insert<BulkUser>(), models()) == w1_rows, "copy rows");
        tx.commit();
    });
    count_rows(c);
    reset(c);
    timed(o, "retort-orm-bulk", "bulk", rep, [&] {
        retort::session s{engine};
        s.bulk_insert<BulkUser>(models());
        s.commit();
    });
    count_rows(c);
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);  // run with --backend postgresql
    expect(o.postgresql(), "pg_bulk needs --backend postgresql");
    for (int rep = 1; rep <= o.reps; ++rep) {
        const connection c(o.url);  // a fresh connection: its prepared statements are per run
        auto engine = retort::create_engine(o.url);
        reset(c);
        raw_per_row(o, c, rep);
        count_rows(c);
        reset(c);
        raw_pipeline(o, c, rep);
        count_rows(c);
        reset(c);
        raw_multirow(o, c, rep);
        count_rows(c);
        reset(c);
        raw_copy(o, c, rep);
        count_rows(c);
        reset(c);
        raw_copy_binary(o, c, rep);
        count_rows(c);
        retort_cases(o, c, engine, rep);
    }
    return 0;
}
