// Compiles <retort/engine/driver.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/driver-inl.hpp"
