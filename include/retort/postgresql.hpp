// Everything for PostgreSQL: the engine and the libpq driver (link retort::postgresql).
#pragma once

#include "retort/driver/postgresql.hpp"
#include "retort/engine/engine.hpp"
