// All of retort but the drivers: reflection, types, dialects, schema, the expression language,
// the engine, the ORM. Add <retort/sqlite.hpp> or <retort/postgresql.hpp> for a database.
#pragma once

#include "retort/dialect/dialect.hpp"
#include "retort/engine.hpp"
#include "retort/errors.hpp"
#include "retort/reflect/enum_names.hpp"
#include "retort/reflect/reflect.hpp"
#include "retort/schema.hpp"
#include "retort/sql.hpp"
#include "retort/types/traits.hpp"
#include "retort/version.hpp"
#include "retort/orm/mixins.hpp"
#include "retort/orm/session.hpp"
