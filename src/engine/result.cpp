// Compiles <retort/engine/result.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/result-inl.hpp"
