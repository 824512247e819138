// Models as tables: the mapping beside a model, the compile-time model record, DDL text.
#pragma once

#include "retort/dialect/dialect.hpp"
#include "retort/schema/ddl.hpp"
#include "retort/schema/mapping.hpp"
#include "retort/schema/model.hpp"
#include "retort/schema/options.hpp"
#include "retort/schema/quoted_names.hpp"
