// Compiles <retort/orm/detail/table_core.hpp>'s definitions into retort::retort.
#include "retort/orm/detail/table_core-inl.hpp"
