// Compiles <retort/orm/detail/flush_support.hpp>'s definitions into retort::retort.
#include "retort/orm/detail/flush_support-inl.hpp"
