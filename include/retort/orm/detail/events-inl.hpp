// The definitions of retort/orm/events.hpp, compiled into retort::retort by src/orm/events.cpp
// (or inline with RETORT_HEADER_ONLY).
#pragma once

#include <mutex>

#include "retort/detail/export.hpp"
#include "retort/orm/events.hpp"

namespace retort::orm::detail {

inline std::mutex& listener_mutex() {
    static std::mutex m;
    return m;
}

RETORT_FUNC listener_lock::listener_lock() { listener_mutex().lock(); }
RETORT_FUNC listener_lock::~listener_lock() { listener_mutex().unlock(); }

}  // namespace retort::orm::detail
