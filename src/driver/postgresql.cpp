// Compiles <retort/driver/postgresql.hpp>'s definitions into retort::postgresql.
#include "retort/driver/detail/postgresql-inl.hpp"
