// The session's member templates defined outside the class. Included at the end of
// retort/orm/session.hpp.
#pragma once

#include <cstddef>

#include "retort/orm/session.hpp"

namespace retort {

// The Core's bulk insert (COPY on PostgreSQL, multi-row INSERTs in a savepoint on SQLite) with
// the columns an INSERT of a new object sends: no generated key, no server default.
template <class T, class R>
std::size_t session::bulk_insert_rows(connection_type& conn, orm::detail::model_table<T>& /*t*/,
                                      const R& rows) {
    return static_cast<std::size_t>(conn.execute(retort::insert<T>(), rows));
}

}  // namespace retort
