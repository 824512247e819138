// The runtime without a driver: engine, connections, pool, results, Core execution, create_all.
// Add <retort/sqlite.hpp> or <retort/postgresql.hpp> (and link its target) for a database.
#pragma once

#include "retort/engine/connection.hpp"
#include "retort/engine/create_all.hpp"
#include "retort/engine/decode.hpp"
#include "retort/engine/driver.hpp"
#include "retort/engine/echo.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/execute.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/pool.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/statement_cache.hpp"
#include "retort/engine/typed_rows.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
