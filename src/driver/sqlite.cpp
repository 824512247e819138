// Compiles <retort/driver/sqlite.hpp>'s definitions into retort::sqlite.
#include "retort/driver/detail/sqlite-inl.hpp"
