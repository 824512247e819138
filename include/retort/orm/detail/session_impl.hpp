// The longer member functions of retort::session: flush, its order, the cascade pass, the end
// of a transaction, and the bulk path. Included at the end of retort/orm/session.hpp.
#pragma once

#include <algorithm>
#include <string>
#include <typeindex>
#include <vector>

#include "retort/orm/session.hpp"

namespace retort {

inline orm::detail::table_base* session::find_table(std::type_index type) const noexcept {
    auto it = tables_.find(type);
    return it == tables_.end() ? nullptr : it->second.get();
}

inline void session::put_table(std::type_index type, std::unique_ptr<orm::detail::table_base> t) {
    tables_.emplace(type, std::move(t));
}

inline std::vector<orm::detail::table_base*> session::flush_order() const {
    std::vector<orm::detail::table_base*> all;
    for (const auto& [type, t] : tables_) all.push_back(t.get());
    std::sort(all.begin(), all.end(),
              [](auto* a, auto* b) { return a->type().name() < b->type().name(); });
    std::vector<orm::detail::table_base*> out;
    std::vector<bool> placed(all.size(), false);
    while (out.size() != all.size()) {
        bool progressed = false;
        for (std::size_t i = 0; i != all.size(); ++i) {
            if (placed[i]) continue;
            bool ready = true;
            for (const auto& dep : all[i]->depends_on())
                for (std::size_t j = 0; j != all.size(); ++j)
                    if (!placed[j] && j != i && all[j]->type() == dep) ready = false;
            if (ready) {
                placed[i] = true;
                out.push_back(all[i]);
                progressed = true;
            }
        }
        if (!progressed) {  // a cycle: keep the remaining order as it is
            for (std::size_t i = 0; i != all.size(); ++i)
                if (!placed[i]) out.push_back(all[i]);
            break;
        }
    }
    return out;
}

inline void session::end_transaction(bool commit) {
    if (tx_) {
        if (commit) {
            try {
                tx_->commit();
            } catch (const std::exception& e) {
                tx_.reset();
                conn_.reset();
                for (auto& [type, t] : tables_) t->rollback_journal();
                throw;
            }
        } else if (tx_->is_active()) {
            tx_->rollback();
        }
    }
    tx_.reset();
    conn_.reset();
    if (commit) {
        log_.commit();
    } else {
        log_.rollback();
        cascaded_changes_ = no_changes_seen;  // the handles have their changes back
    }
    for (auto& [type, t] : tables_) {
        if (commit) {
            t->commit_journal();
            if (options_.expire_on_commit) t->expire_all();
        } else {
            t->rollback_journal();
        }
    }
}

inline void session::cascade_all() {
    // Adopting an object can bring a model the session had not seen (and its handles more
    // objects): repeat until nothing new comes, then register the work once.
    for (int pass = 0; pass != max_flush_rounds; ++pass) {
        std::vector<orm::detail::table_base*> tables;
        for (const auto& [type, t] : tables_) tables.push_back(t.get());
        bool adopted = false;
        for (auto* t : tables) adopted |= t->adopt();
        if (!adopted && tables_.size() == tables.size()) break;
    }
    work_.clear();
    std::vector<orm::detail::table_base*> tables;
    for (const auto& [type, t] : tables_) tables.push_back(t.get());
    for (auto* t : tables) t->cascade();
}

// The Core's bulk insert (COPY on PostgreSQL, multi-row INSERTs in a savepoint on SQLite) with
// the columns an INSERT of a new object sends: no generated key, no server default.
template <class T, class R>
std::size_t session::bulk_insert_rows(connection_type& conn, orm::detail::model_table<T>& /*t*/,
                                      const R& rows) {
    return static_cast<std::size_t>(conn.execute(retort::insert<T>(), rows));
}

inline void session::flush() {
    check_usable("flush");
    if (flushing_) return;
    flushing_ = true;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } guard{flushing_};
    for (auto& fn : before_flush_) fn(*this);
    if (tables_.empty()) return;
    auto& conn = connection_for_write();
    try {
        // Listeners may add objects while the flush runs (an after_insert that adds an
        // audit row): flush again until nothing is pending, a bounded number of times.
        for (int round = 0; round != max_flush_rounds; ++round) {
            // The cascade visits every object with relationships: skip it when no handle
            // changed since the last one and nothing new waits (the common autoflush).
            const auto changes = retort::detail::handle_changes.load(std::memory_order_relaxed);
            if (round != 0 || changes != cascaded_changes_ || any_pending()) {
                cascade_all();
                cascaded_changes_ = changes;
            } else {
                work_.clear();
            }
            const auto order = flush_order();
            for (auto* t : order) {
                if (auto it = work_.keys.find(t->type()); it != work_.keys.end())
                    for (auto& assign : it->second) assign();
                t->flush_inserts(conn);
            }
            for (auto& link : work_.links) link(conn);
            for (auto* t : order) t->flush_updates(conn);
            for (auto& link : delete_links_) link(conn);
            delete_links_.clear();
            for (auto it = order.rbegin(); it != order.rend(); ++it) (*it)->flush_deletes(conn);
            if (!any_pending()) break;
            if (round + 1 == max_flush_rounds) {
                throw session_error("flush_loop",
                                    "flush(): listeners kept adding objects for " +
                                        std::to_string(max_flush_rounds) + " rounds");
            }
        }
    } catch (const std::exception& e) {
        failed_reason_ = e.what();
        end_transaction(false);
        throw;
    }
}

}  // namespace retort
