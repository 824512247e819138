// Compiles <retort/errors.hpp>'s definitions into retort::retort.
#include "retort/detail/errors-inl.hpp"
