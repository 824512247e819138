// Compiles <retort/orm/session.hpp>'s definitions into retort::retort.
#include "retort/orm/detail/session-inl.hpp"
