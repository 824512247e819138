// Compiles <retort/engine/connection.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/connection-inl.hpp"
