// Compiles <retort/engine/echo.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/echo-inl.hpp"
