// libpq pipeline mode behind driver_statement::execute_batch: many runs of one statement sent
// without waiting for each result. Included at the end of
// retort/driver/detail/postgresql-inl.hpp.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "retort/driver/detail/postgresql-inl.hpp"
#include "retort/engine/driver.hpp"
#include "retort/errors.hpp"
#include "retort/types/value.hpp"

namespace retort::drivers {

/*
 * The pipeline. Each parameter row is bound as bind() binds it and sent with
 * PQsendQueryPrepared under the named statement for its parameter types (PQsendPrepare first,
 * in the same pipeline, when the type list is new). After every `window` rows a flush request
 * makes the server send what it has, and the results of the window before are read: at most
 * two windows are in flight, so libpq's buffers stay bounded, and PQgetResult only waits for
 * results already on their way. (libpq reads while it waits to write, so a blocking send
 * cannot deadlock against a server blocked on its own output.) One PQpipelineSync ends it.
 *
 * Each query yields one result and then a null; an entry's results are read to its null
 * before its rows go to the sink, so an exception from the sink leaves the queue in step. The
 * first error is kept and thrown once the pipeline is left; the server skips every query
 * after it up to the sync (PGRES_PIPELINE_ABORTED). Exceptions from the source, the sink or a
 * failed send also leave the pipeline first (sync, read up to it), so the connection stays
 * usable. Statements whose PREPARE did not succeed are forgotten, to be prepared again.
 */
inline std::int64_t pg_statement::execute_batch(row_source& params, std::size_t width,
                                                batch_sink& sink) {
    constexpr std::size_t window = 1000;
    if (width == 0) {
        throw interface_error("batch_width", "execute_batch(): rows need at least one value");
    }
    PGconn* c = conn_.native_handle();
    reset();
    if (PQenterPipelineMode(c) != 1) conn_.fail(nullptr, sql_);

    struct entry {
        bool prepare;       // a PQsendPrepare: `index` is into `fresh`
        std::size_t index;  // else the parameter row
    };
    std::deque<entry> queue;
    std::vector<std::pair<std::string, bool>> fresh;  // statements prepared here; succeeded?
    pg::result_ptr first_error;
    std::int64_t affected = 0;
    bool described = false;  // every run of one statement has the same columns

    // Reads the oldest entry's results up to its null, then hands its rows to the sink.
    auto read_front = [&](bool deliver) {
        const entry e = queue.front();
        queue.pop_front();
        pg::result_ptr done;
        for (;;) {
            pg::result_ptr r{PQgetResult(c)};
            if (!r) break;
            const auto status = PQresultStatus(r.get());
            if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                done = std::move(r);
            } else if (status != PGRES_PIPELINE_ABORTED) {
                if (!first_error) first_error = std::move(r);
                if (PQstatus(c) == CONNECTION_BAD) break;
            }
        }
        if (!done) return;
        if (e.prepare) {
            fresh[e.index].second = true;
            return;
        }
        affected += affected_by(done.get());
        if (!deliver || PQresultStatus(done.get()) != PGRES_TUPLES_OK) return;
        if (!described) {
            describe(done.get());
            described = true;
        }
        const int rows = PQntuples(done.get());
        for (int k = 0; k < rows; ++k) {
            decode_row(done.get(), k);
            sink.row(e.index, cells_);
        }
    };
    // After the sync: its result comes once every query's results are read.
    auto read_sync = [&] {
        for (int nulls = 0; nulls < 2;) {
            pg::result_ptr r{PQgetResult(c)};
            if (!r) {
                if (PQstatus(c) == CONNECTION_BAD) return;
                ++nulls;  // two in a row: nothing more will come
                continue;
            }
            nulls = 0;
            if (PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) return;
        }
    };
    auto forget_failed_prepares = [&] {
        for (const auto& [name, ok] : fresh) {
            if (ok) continue;
            for (auto it = prepared_.begin(); it != prepared_.end(); ++it) {
                if (it->second == name) {
                    prepared_.erase(it);
                    break;
                }
            }
        }
    };

    bool synced = false;
    try {
        std::vector<value_view> batch(256 * width);
        std::size_t index = 0;
        std::size_t since_flush = 0;
        const int n = static_cast<int>(width);
        for (std::size_t got = params.next(batch); got != 0; got = params.next(batch)) {
            for (std::size_t r = 0; r != got; ++r) {
                bind(std::span<const value_view>(batch).subspan(r * width, width), false);
                const std::string* name = prepared_name();
                if (name == nullptr) {
                    std::string made = conn_.next_statement_name();
                    if (PQsendPrepare(c, made.c_str(), sql_.c_str(), n, types_.data()) != 1) {
                        conn_.fail(nullptr, sql_);
                    }
                    fresh.emplace_back(made, false);
                    queue.push_back({true, fresh.size() - 1});
                    prepared_.emplace_back(types_, std::move(made));
                    name = &prepared_.back().second;
                }
                if (PQsendQueryPrepared(c, name->c_str(), n, values_.data(), lengths_.data(),
                                        formats_.data(), 1) != 1) {
                    conn_.fail(nullptr, sql_);
                }
                queue.push_back({false, index++});
                if (++since_flush == window) {
                    since_flush = 0;
                    if (PQsendFlushRequest(c) != 1 || PQflush(c) != 0) conn_.fail(nullptr, sql_);
                    while (queue.size() > window) read_front(true);
                }
            }
        }
        if (PQpipelineSync(c) != 1) conn_.fail(nullptr, sql_);
        synced = true;
        while (!queue.empty()) read_front(true);
        read_sync();
    } catch (...) {
        if (!synced && PQpipelineSync(c) == 1) synced = true;
        if (synced) {
            while (!queue.empty()) read_front(false);
            read_sync();
        }
        PQexitPipelineMode(c);
        forget_failed_prepares();
        reset();
        throw;
    }
    PQexitPipelineMode(c);
    forget_failed_prepares();
    reset();
    if (first_error) conn_.fail(first_error.get(), sql_);
    if (PQpipelineStatus(c) != PQ_PIPELINE_OFF) conn_.fail(nullptr, sql_);
    return affected;
}

}  // namespace retort::drivers
