// Everything for SQLite: the engine and the SQLite driver (link retort::sqlite).
#pragma once

#include "retort/driver/sqlite.hpp"
#include "retort/engine/engine.hpp"
