// Compiles <retort/engine/decode.hpp>'s definitions into retort::retort.
#include "retort/engine/detail/decode-inl.hpp"
