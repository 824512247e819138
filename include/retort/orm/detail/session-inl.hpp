// The definitions of retort::session's member functions that do not depend on a model: flush,
// its order, the cascade pass, the end of a transaction. Compiled into retort::retort by
// src/orm/session.cpp (or inline with RETORT_HEADER_ONLY).
#pragma once

#include <algorithm>
#include <string>
#include <typeindex>
#include <vector>

#include "retort/detail/export.hpp"
#include "retort/orm/session.hpp"

namespace retort {

RETORT_FUNC session::~session() {
    try {
        end_transaction(false);
    } catch (...) {  // the pool discards a connection that cannot roll back
    }
}

RETORT_FUNC void session::commit() {
    flush();
    end_transaction(true);
    for (auto& fn : after_commit_) fn(*this);
}

RETORT_FUNC void session::rollback() {
    end_transaction(false);
    failed_reason_.reset();
}

RETORT_FUNC void session::expire_all() {
    for (auto& [type, t] : tables_) t->expire_all();
}

RETORT_FUNC void session::close() {
    end_transaction(false);
    failed_reason_.reset();
    for (auto& [type, t] : tables_) t->detach_all();
}

RETORT_FUNC void session::throw_pending_rollback(std::string_view what) const {
    throw session_error("pending_rollback",
                        std::string(what) +
                            "(): this session's transaction was rolled back after a failed flush (" +
                            *failed_reason_ + "); call rollback() before using the session again");
}

RETORT_FUNC bool session::any_pending() const {
    for (const auto& [type, t] : tables_)
        if (t->has_pending()) return true;
    return false;
}

RETORT_FUNC orm::detail::table_base* session::find_table(const std::type_info& type) const noexcept {
    // The same type's type_info has one address in a program, as a rule: compare addresses
    // first, names (what == does when addresses differ) only if none matches.
    for (const auto& [t, table] : tables_)
        if (t == &type) return table.get();
    for (const auto& [t, table] : tables_)
        if (*t == type) return table.get();
    return nullptr;
}

RETORT_FUNC void session::put_table(const std::type_info& type, std::unique_ptr<orm::detail::table_base> t) {
    tables_.push_back(model_entry{&type, std::move(t)});
}

RETORT_FUNC std::vector<orm::detail::table_base*> session::flush_order() const {
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

RETORT_FUNC void session::end_transaction(bool commit) {
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

RETORT_FUNC void session::cascade_all() {
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

RETORT_FUNC void session::flush() {
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
                if (const auto* steps = work_.find_keys(t->type()))
                    for (const auto& assign : *steps) assign();
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
