// The objects a session query returns: references into the session, iterated as T&.
#pragma once

#include <cstddef>
#include <iterator>
#include <vector>

#include "retort/errors.hpp"
#include "retort/schema/relationship.hpp"

namespace retort::orm {

/**
 * What `session::scalars()` returns: the session's objects for the rows, in row order.
 *
 *     for (User& u : s.scalars(q)) ...
 *     User& one = s.scalars(q).one();
 */
template <class T>
class object_list {
public:
    using iterator = retort::detail::pointer_iterator<T>;

    void push_back(T* obj) { items_.push_back(obj); }

    [[nodiscard]] iterator begin() const { return iterator(items_.data()); }
    [[nodiscard]] iterator end() const { return iterator(items_.data() + items_.size()); }
    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    T& operator[](std::size_t i) const { return *items_[i]; }

    /** The only object; an error when there are none or several (SQLAlchemy's one()). */
    T& one() const {
        if (items_.size() != 1) {
            throw interface_error(items_.empty() ? "no_result" : "multiple_results",
                                  items_.empty() ? "one(): the query returned no rows"
                                                 : "one(): the query returned more than one row");
        }
        return *items_.front();
    }
    /** The only object or nullptr; an error when there are several. */
    T* one_or_none() const {
        if (items_.size() > 1)
            throw interface_error("multiple_results", "one_or_none(): the query returned more than one row");
        return items_.empty() ? nullptr : items_.front();
    }
    /** The first object or nullptr. */
    T* first() const { return items_.empty() ? nullptr : items_.front(); }
    /** The references, for algorithms that want a container. */
    [[nodiscard]] const std::vector<T*>& all() const noexcept { return items_; }

private:
    std::vector<T*> items_;
};

}  // namespace retort::orm
