// Compiles <retort/engine/url.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/url-inl.hpp"
