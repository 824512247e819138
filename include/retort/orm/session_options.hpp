// What a session can be told: SQLAlchemy's Session arguments of the same names.
#pragma once

namespace retort {

/** How a session behaves; SQLAlchemy's Session arguments of the same names. */
struct session_options {
    /** Flush pending changes before every query the session runs. */
    bool autoflush = true;
    /**
     * After commit(), mark every object expired so that the next query or get() that reads its
     * row overwrites it. Plain structs cannot reload themselves on access, so the default is
     * off: objects keep the values they were committed with (see docs/orm.md).
     */
    bool expire_on_commit = false;
};

}  // namespace retort
