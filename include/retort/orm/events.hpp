// Session events: per model (for every session), per session, and hooks on the model itself.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "retort/detail/callback.hpp"
#include "retort/detail/export.hpp"

namespace retort {

class session;

/** The moments of an object's persistence that listeners can act on. */
enum class event : std::uint8_t {
    before_insert,
    after_insert,
    before_update,
    after_update,
    before_delete,
    after_delete,
};

namespace orm::detail {

inline constexpr std::size_t event_count = 6;

/**
 * Listeners of one model, one list per event. The model's type is erased here (each listener
 * casts back to it where it is registered), so every model shares this one type.
 */
struct listeners {
    using function = retort::detail::callback<void(void*, session&)>;
    std::array<std::vector<function>, event_count> lists;

    void add(event e, function fn) { lists[static_cast<std::size_t>(e)].push_back(std::move(fn)); }
    [[nodiscard]] bool empty(event e) const { return lists[static_cast<std::size_t>(e)].empty(); }
    void fire(event e, void* obj, session& s) const {
        for (const auto& fn : lists[static_cast<std::size_t>(e)]) fn(obj, s);
    }

    /** Wraps `fn(T&, session&)` for add(). */
    template <class T, class F>
    static function of(F&& fn) {
        return [f = std::forward<F>(fn)](void* obj, session& s) { f(*static_cast<T*>(obj), s); };
    }
};

/** Holds the lock that registering a global listener takes (one for every model). */
struct RETORT_API listener_lock {
    listener_lock();
    ~listener_lock();
    listener_lock(const listener_lock&) = delete;
    listener_lock& operator=(const listener_lock&) = delete;
};

/** Listeners for every session, registered once at start-up. */
template <class T>
struct global_listeners {
    static listeners& get() {
        static listeners instance;
        return instance;
    }

};

/*
 * Model hooks: a model (or a mixin it inherits) may define any of `before_insert()`,
 * `before_update()`, `before_delete()`, `after_insert()`, `after_update()`, `after_delete()`;
 * the session calls them without any registration. This is how retort::timestamps works.
 */
/** Whether model T (or a mixin it inherits) has the hook for event E. */
template <event E, class T>
constexpr bool has_hook() {
    if constexpr (E == event::before_insert) return requires(T& o) { o.before_insert(); };
    if constexpr (E == event::after_insert) return requires(T& o) { o.after_insert(); };
    if constexpr (E == event::before_update) return requires(T& o) { o.before_update(); };
    if constexpr (E == event::after_update) return requires(T& o) { o.after_update(); };
    if constexpr (E == event::before_delete) return requires(T& o) { o.before_delete(); };
    if constexpr (E == event::after_delete) return requires(T& o) { o.after_delete(); };
    return false;
}

template <event E, class T>
void call_hook(T& obj) {
    if constexpr (E == event::before_insert && requires { obj.before_insert(); }) obj.before_insert();
    if constexpr (E == event::after_insert && requires { obj.after_insert(); }) obj.after_insert();
    if constexpr (E == event::before_update && requires { obj.before_update(); }) obj.before_update();
    if constexpr (E == event::after_update && requires { obj.after_update(); }) obj.after_update();
    if constexpr (E == event::before_delete && requires { obj.before_delete(); }) obj.before_delete();
    if constexpr (E == event::after_delete && requires { obj.after_delete(); }) obj.after_delete();
}

}  // namespace orm::detail

/**
 * Registers `fn(T&, retort::session&)` for event `E` of model T in every session. Register at
 * start-up, before sessions run on other threads.
 *
 *     retort::listen<retort::event::before_insert, User>(
 *         [](User& u, retort::session&) { u.email = to_lower(u.email); });
 */
template <event E, class T, class F>
void listen(F&& fn) {
    orm::detail::listener_lock guard;
    orm::detail::global_listeners<T>::get().add(E, orm::detail::listeners::of<T>(std::forward<F>(fn)));
}

}  // namespace retort

#ifdef RETORT_HEADER_ONLY
#include "retort/orm/detail/events-inl.hpp"
#endif
