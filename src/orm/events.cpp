// Compiles <retort/orm/events.hpp>'s definitions into retort::retort.
#include "retort/orm/detail/events-inl.hpp"
