// Relationship members: retort::many<T> and retort::one<T>, handles onto objects of a session.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "retort/errors.hpp"

namespace retort {

namespace detail {
struct relationship_access;

/** Counts changes made through handles anywhere (add, remove, set, reset): a session whose
 *  last flush saw the same count knows no handle has anything new for it. */
inline std::atomic<std::uint64_t> handle_changes{0};
inline void note_handle_change() noexcept { handle_changes.fetch_add(1, std::memory_order_relaxed); }

/** A random-access iterator over `T* const*` that yields `T&`: collections of references. */
template <class T>
class pointer_iterator {
public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;
    pointer_iterator() = default;
    explicit pointer_iterator(T* const* p) : p_(p) {}
    T& operator*() const { return **p_; }
    T* operator->() const { return *p_; }
    pointer_iterator& operator++() { ++p_; return *this; }
    pointer_iterator operator++(int) { pointer_iterator old = *this; ++p_; return old; }
    pointer_iterator& operator--() { --p_; return *this; }
    pointer_iterator operator--(int) { pointer_iterator old = *this; --p_; return old; }
    pointer_iterator& operator+=(difference_type n) { p_ += n; return *this; }
    pointer_iterator& operator-=(difference_type n) { p_ -= n; return *this; }
    T& operator[](difference_type n) const { return *p_[n]; }
    friend pointer_iterator operator+(pointer_iterator it, difference_type n) { return it += n; }
    friend pointer_iterator operator+(difference_type n, pointer_iterator it) { return it += n; }
    friend pointer_iterator operator-(pointer_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(pointer_iterator a, pointer_iterator b) { return a.p_ - b.p_; }
    friend bool operator==(pointer_iterator a, pointer_iterator b) { return a.p_ == b.p_; }
    friend auto operator<=>(pointer_iterator a, pointer_iterator b) { return a.p_ <=> b.p_; }

private:
    T* const* p_ = nullptr;
};

[[noreturn]] inline void throw_not_loaded(std::string_view name) {
    const std::string which = name.empty() ? std::string("a relationship") : std::string(name);
    throw interface_error(
        "not_loaded",
        which + " was read but never loaded; retort does no hidden lazy loads: add "
                ".options(retort::selectinload<&" +
            (name.empty() ? std::string("Model::member") : which) +
            ">) to the query, or call session.load<&" +
            (name.empty() ? std::string("Model::member") : which) + ">(object)");
}
}  // namespace detail

/**
 * A to-many relationship member (one-to-many, many-to-many): the related objects of a session,
 * in the order they were loaded or added. Reading it before it is loaded throws `not_loaded`
 * rather than looking empty.
 *
 *     struct User { std::int64_t id = 0; std::string name; retort::many<Post> posts; };
 *     for (Post& p : user.posts) ...                 // after selectinload or session.load
 *     Post& p = user.posts.add(Post{.title = "hi"}); // inserted with author_id at the next flush
 *
 * Copies share the objects they point to (a copy of a model is a detached view of it).
 */
template <class T>
class many {
public:
    using iterator = detail::pointer_iterator<T>;

    many() = default;
    many(const many& o)
        : items_(o.items_),
          changes_(o.changes_ ? std::make_unique<changes>(*o.changes_) : nullptr),
          name_(o.name_),
          loaded_(o.loaded_) {}
    many(many&&) noexcept = default;
    many& operator=(const many& o) {
        if (this != &o) *this = many(o);
        return *this;
    }
    many& operator=(many&&) noexcept = default;
    ~many() = default;

    /** Whether the collection was loaded (or started empty in a new object). */
    [[nodiscard]] bool loaded() const noexcept { return loaded_; }

    [[nodiscard]] iterator begin() const { return iterator(checked().data()); }
    [[nodiscard]] iterator end() const { return iterator(checked().data() + items_.size()); }
    [[nodiscard]] std::size_t size() const { return checked().size(); }
    [[nodiscard]] bool empty() const { return checked().empty(); }
    T& operator[](std::size_t i) const { return *checked()[i]; }

    /** Adds a new object; the session inserts it at the next flush and sets its foreign key
     *  (or association row). The reference stays valid: the session adopts this object. */
    T& add(T&& obj) {
        auto owned = std::make_shared<T>(std::move(obj));
        T& ref = *owned;
        pending().owned.push_back(std::move(owned));
        link(&ref);
        return ref;
    }
    /** Adds an object already in the session (an existing tag, a post moving to this user). */
    void add(T& existing) {
        for (T* p : items_)
            if (p == &existing) return;
        link(&existing);
    }
    /** Takes an object out: its association row is deleted (many-to-many), or it is orphaned
     *  (one-to-many: foreign key set to NULL, or the object deleted with cascade delete_orphan). */
    void remove(T& obj) {
        for (auto it = items_.begin(); it != items_.end(); ++it) {
            if (*it == &obj) {
                items_.erase(it);
                auto& c = pending();
                if (!take(c.added, &obj)) c.removed.push_back(&obj);  // added and taken back: no change
                detail::note_handle_change();
                return;
            }
        }
    }

private:
    friend struct detail::relationship_access;

    /** What changed since the last flush. Most handles (every loaded collection nobody
     *  touches) never have any, so it lives apart and is allocated on the first change: the
     *  handle is 56 bytes rather than 120. */
    struct changes {
        std::vector<std::shared_ptr<T>> owned;  // new objects until a session adopts them
        std::vector<T*> added;                  // put in since the last flush
        std::vector<T*> removed;                // taken out since the last flush
    };

    changes& pending() {
        if (!changes_) changes_ = std::make_unique<changes>();
        return *changes_;
    }
    const std::vector<T*>& checked() const {
        if (!loaded_) detail::throw_not_loaded(name_);
        return items_;
    }
    void link(T* p) {
        if (!loaded_ && items_.empty()) loaded_ = true;  // a new object's empty collection
        items_.push_back(p);
        auto& c = pending();
        if (!take(c.removed, p)) c.added.push_back(p);  // taken out and put back: no change
        detail::note_handle_change();
    }
    static bool take(std::vector<T*>& list, T* p) {
        for (auto it = list.begin(); it != list.end(); ++it) {
            if (*it == p) {
                list.erase(it);
                return true;
            }
        }
        return false;
    }

    std::vector<T*> items_;
    std::unique_ptr<changes> changes_;
    std::string_view name_{};  // "User::posts", set by the session
    bool loaded_ = false;
};

/**
 * A to-one relationship member (many-to-one, one-to-one): the related object of a session, or
 * none. Reading it before it is loaded throws `not_loaded`.
 *
 *     struct Post { ...; std::int64_t author_id = 0; retort::one<User> author; };
 *     post.author->username;      // after joinedload/selectinload or session.load
 *     post.author.set(alice);     // author_id follows at the next flush
 */
template <class T>
class one {
public:
    one() = default;

    [[nodiscard]] bool loaded() const noexcept { return loaded_; }
    /** Whether there is a related object (false for a NULL foreign key). */
    [[nodiscard]] bool has_value() const {
        check();
        return ptr_ != nullptr;
    }
    explicit operator bool() const { return has_value(); }
    T& operator*() const { return get(); }
    T* operator->() const { return &get(); }
    T& get() const {
        check();
        if (ptr_ == nullptr) {
            throw interface_error("no_related_object",
                                  std::string(name_.empty() ? "the relationship" : name_) +
                                      " has no related object (its foreign key is NULL)");
        }
        return *ptr_;
    }
    /** The related object or nullptr. */
    [[nodiscard]] T* get_if() const {
        check();
        return ptr_;
    }

    /** Points to an object of the session; the foreign key follows at the next flush. */
    void set(T& existing) {
        ptr_ = &existing;
        owned_.reset();
        loaded_ = true;
        changed_ = true;
        detail::note_handle_change();
    }
    /** Points to a new object, inserted (before this one) at the next flush. */
    T& set(T&& obj) {
        owned_ = std::make_shared<T>(std::move(obj));
        ptr_ = owned_.get();
        loaded_ = true;
        changed_ = true;
        detail::note_handle_change();
        return *ptr_;
    }
    /** No related object: the foreign key becomes NULL at the next flush. */
    void reset() {
        ptr_ = nullptr;
        owned_.reset();
        loaded_ = true;
        changed_ = true;
        detail::note_handle_change();
    }

private:
    friend struct detail::relationship_access;

    void check() const {
        if (!loaded_) detail::throw_not_loaded(name_);
    }

    T* ptr_ = nullptr;
    std::shared_ptr<T> owned_;
    std::string_view name_{};
    bool loaded_ = false;
    bool changed_ = false;  // set() or reset() since the last flush
};

namespace detail {

/** The session's door into relationship handles; users have no business here. */
struct relationship_access {
    template <class T>
    static std::vector<T*>& items(many<T>& m) {
        return m.items_;
    }
    /** Whether anything was added, taken out or created through the handle since the last
     *  flush took its changes (false without allocating anything). */
    template <class T>
    static bool has_changes(const many<T>& m) {
        return m.changes_ && (!m.changes_->owned.empty() || !m.changes_->added.empty() ||
                              !m.changes_->removed.empty());
    }
    template <class T>
    static std::vector<std::shared_ptr<T>>& owned(many<T>& m) {
        return m.pending().owned;
    }
    template <class T>
    static std::vector<T*>& added(many<T>& m) {
        return m.pending().added;
    }
    template <class T>
    static std::vector<T*>& removed(many<T>& m) {
        return m.pending().removed;
    }
    /** Frees the change lists once a flush has taken everything out of them. */
    template <class T>
    static void release_changes(many<T>& m) {
        if (m.changes_ && !has_changes(m)) m.changes_.reset();
    }
    template <class T>
    static void set_loaded(many<T>& m, std::vector<T*> items) {
        m.items_ = std::move(items);
        if (m.changes_) {
            m.changes_->added.clear();
            m.changes_->removed.clear();
            release_changes(m);
        }
        m.loaded_ = true;
    }
    template <class T>
    static void name(many<T>& m, std::string_view n) {
        m.name_ = n;
    }
    template <class T>
    static T* target(const one<T>& o) {
        return o.ptr_;
    }
    template <class T>
    static std::shared_ptr<T>& owned(one<T>& o) {
        return o.owned_;
    }
    template <class T>
    static bool& changed(one<T>& o) {
        return o.changed_;
    }
    template <class T>
    static void set_loaded(one<T>& o, T* target) {
        o.ptr_ = target;
        o.loaded_ = true;
        o.changed_ = false;
    }
    template <class T>
    static void name(one<T>& o, std::string_view n) {
        o.name_ = n;
    }
};

}  // namespace detail

}  // namespace retort
