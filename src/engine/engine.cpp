// Compiles <retort/engine/engine.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/engine-inl.hpp"
