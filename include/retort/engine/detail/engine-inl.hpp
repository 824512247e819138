// Definitions of <retort/engine/engine.hpp>: compiled into retort::retort, or inline with
// RETORT_HEADER_ONLY (see retort/detail/export.hpp).
#pragma once

#include <memory>
#include <utility>

#include "retort/engine/detail/connection_state.hpp"
#include "retort/engine/engine.hpp"

namespace retort {

RETORT_FUNC connection engine::connect() const {
    auto state = std::make_shared<detail::connection_state>();
    state->engine = shared_;
    state->lease = shared_->pool.acquire();
    return connection(std::move(state));
}

RETORT_FUNC transactional_connection engine::begin(const begin_options& options) const {
    return transactional_connection(connect(), options);
}

RETORT_FUNC dialect_kind engine::dialect() const noexcept {
    return shared_->target.backend == "postgresql" ? dialect_kind::postgresql
                                                   : dialect_kind::sqlite;
}

RETORT_FUNC const url& engine::target() const noexcept {
    return shared_->target;
}

RETORT_FUNC const engine_options& engine::options() const noexcept {
    return shared_->options;
}

RETORT_FUNC retort::pool_status engine::status() const {
    return shared_->pool.status();
}

RETORT_FUNC void engine::dispose() const {
    shared_->pool.dispose();
}

RETORT_FUNC engine create_engine(std::string_view database_url,
                                          engine_options options) {
    url target = url::parse(database_url);
    if (target.is_memory()) {
        options.pool_size = 1;
        options.max_overflow = 0;
        options.pool_recycle.reset();
    }
    return engine(std::make_shared<detail::engine_shared>(std::move(target), std::move(options)));
}

}  // namespace retort
