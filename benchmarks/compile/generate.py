#!/usr/bin/env python3
"""Writes a translation unit of MODELS models x FIELDS fields and STATEMENTS statements, each
rendered on SQLite and PostgreSQL: the compile-cost benchmark of the expression language.
With --raw, the same structs and statements written as SQL strings bound through sqlite3: the floor.
With --ddl, the models only (with an index and a unique column each) and their full create_all
DDL for both dialects: the compile cost of the schema layer.

    python3 generate.py [--models 10] [--fields 8] [--statements 100] [--raw | --ddl] > tu.cpp
"""
import argparse


def model(i, fields, ddl=False):
    # id, a foreign key to the previous model (except the first), then text/number/optional.
    lines = [f"struct M{i} {{", "    std::int64_t id = 0;"]
    if i > 0:
        lines.append(f"    std::int64_t m{i - 1}_id = 0;")
    kinds = ["std::string", "std::int64_t", "double", "std::optional<std::string>", "bool"]
    n = fields - len(lines) + 1
    for f in range(n):
        lines.append(f"    {kinds[f % len(kinds)]} f{f}{{}};")
    lines.append("};")
    opts = [f'"table_{i}"']
    if i > 0:
        index = ".index()" if ddl else ""
        opts.append(f"retort::column<&M{i}::m{i - 1}_id>.references(&M{i - 1}::id){index}")
    if ddl:
        opts.append(f"retort::column<&M{i}::f0>.max_length(64).unique()")
    lines.append(f"template <> inline constexpr auto retort::table<M{i}> = retort::table_def{{"
                 + ", ".join(opts) + "};")
    return "\n".join(lines)


def pick(k, models):
    # statement k uses model k % models with shape (k // models) % 10: for 10 models and 100
    # statements every (model, shape) pair once; more models spread the statements over them.
    return k % models, (k // models) % 10


def values(i, fields):
    """How many value columns (f0, f1, ...) model i has: fields less its key (and foreign key)."""
    return fields - (2 if i > 0 else 1)


def statement(k, models, fields):
    i, shape = pick(k, models)
    m = f"M{i}"
    # Fewer than 6 fields: f3 (nullable text) and f2 (double) may be missing; use f1 instead.
    nullable = f"col<&{m}::f3>.is_null()" if values(i, fields) >= 4 else f"col<&{m}::f1> == 0"
    summed = "f2" if values(i, fields) >= 3 else "f1"
    if shape == 0:
        return f"retort::select<{m}>().where(col<&{m}::f1> > {k}).order_by(col<&{m}::f0>.desc()).limit(10)"
    if shape == 1:
        return (f"retort::select(col<&{m}::id>, col<&{m}::f0>)"
                f".where(col<&{m}::f0>.like(\"a%\") && (col<&{m}::f1> < {k} || {nullable}))")
    if shape == 2 and i > 0:
        p = f"M{i - 1}"
        return f"retort::select(col<&{m}::f0>, col<&{p}::f0>).join<{p}>().where(col<&{p}::id> == {k})"
    if shape == 3:
        return (f"retort::select(col<&{m}::f1>, retort::count(), retort::sum(col<&{m}::{summed}>))"
                f".group_by(col<&{m}::f1>).having(retort::count() > 1)")
    if shape == 4:
        return f"retort::insert<{m}>().values({m}{{}}).returning(col<&{m}::id>)"
    if shape == 5:
        return f"retort::update<{m}>().set(col<&{m}::f0> = \"x\", col<&{m}::f1> = {k}).where(col<&{m}::id> == {k})"
    if shape == 6:
        return f"retort::delete_<{m}>().where(col<&{m}::id>.in(ids))"
    if shape == 7 and i > 0:
        p = f"M{i - 1}"
        return (f"retort::select<{p}>().where(retort::exists(retort::select(col<&{m}::id>)"
                f".where(col<&{m}::m{i - 1}_id> == col<&{p}::id>)))")
    if shape == 8:
        return (f"retort::insert<{m}>().values({m}{{}}).on_conflict_do_update<&{m}::id>()")
    return f"retort::select(col<&{m}::id>).where(col<&{m}::f1>.between(1, {k})).offset(5)"


def columns(i, fields):
    names = ["id"] + ([f"m{i - 1}_id"] if i > 0 else [])
    return names + [f"f{f}" for f in range(fields - len(names))]


def raw_statement(k, models, fields):
    """The SQL text (SQLite spelling) and the binds of statement k, as a raw sqlite3 user writes them."""
    i, shape = pick(k, models)
    t = f"table_{i}"
    cols = columns(i, fields)
    all_cols = ", ".join(f"{t}.{c}" for c in cols)
    value_cols = cols[1:]
    nullable = f"{t}.f3 IS NULL" if values(i, fields) >= 4 else f"{t}.f1 = 0"
    summed = "f2" if values(i, fields) >= 3 else "f1"
    if shape == 0:
        return f"SELECT {all_cols} FROM {t} WHERE {t}.f1 > ? ORDER BY {t}.f0 DESC LIMIT ?", [str(k), "10"]
    if shape == 1:
        return (f"SELECT {t}.id, {t}.f0 FROM {t} WHERE {t}.f0 LIKE ? AND ({t}.f1 < ? OR {nullable})",
                ['"a%"', str(k)])
    if shape == 2 and i > 0:
        p = f"table_{i - 1}"
        return (f"SELECT {t}.f0, {p}.f0 FROM {t} JOIN {p} ON {p}.id = {t}.m{i - 1}_id WHERE {p}.id = ?", [str(k)])
    if shape == 3:
        return (f"SELECT {t}.f1, count(*), sum({t}.{summed}) FROM {t} GROUP BY {t}.f1 HAVING count(*) > ?", ["1"])
    if shape == 4:
        return (f"INSERT INTO {t} ({', '.join(value_cols)}) VALUES ({', '.join('?' * len(value_cols))}) RETURNING {t}.id",
                ["0"] * len(value_cols))
    if shape == 5:
        return f"UPDATE {t} SET f0 = ?, f1 = ? WHERE {t}.id = ?", ['"x"', str(k), str(k)]
    if shape == 6:
        return f"DELETE FROM {t} WHERE {t}.id IN (SELECT value FROM json_each(?))", ['"[1,2,3]"']
    if shape == 7 and i > 0:
        p = f"table_{i - 1}"
        pcols = ", ".join(f"{p}.{c}" for c in columns(i - 1, fields))
        return (f"SELECT {pcols} FROM {p} WHERE EXISTS (SELECT {t}.id FROM {t} WHERE {t}.m{i - 1}_id = {p}.id)", [])
    if shape == 8:
        sets = ", ".join(f"{c} = excluded.{c}" for c in value_cols)
        return (f"INSERT INTO {t} ({', '.join(value_cols)}) VALUES ({', '.join('?' * len(value_cols))}) "
                f"ON CONFLICT (id) DO UPDATE SET {sets}", ["0"] * len(value_cols))
    return f"SELECT {t}.id FROM {t} WHERE {t}.f1 BETWEEN ? AND ? LIMIT -1 OFFSET ?", ["1", str(k), "5"]


def raw_main(args):
    out = ["// Generated by benchmarks/compile/generate.py --raw: do not edit.",
           "#include <sqlite3.h>", "", "#include <cstdint>", "#include <optional>", "#include <string>",
           "#include <vector>", ""]
    for i in range(args.models):
        out.append("\n".join(line for line in model(i, args.fields).split("\n") if "retort" not in line))
    out.append("")
    for k in range(args.statements):
        sql, binds = raw_statement(k, args.models, args.fields)
        pg = sql
        n = 0
        while "?" in pg:
            n += 1
            pg = pg.replace("?", f"${n}", 1)
        out.append(f"std::size_t s{k}(sqlite3_stmt* st, const std::vector<std::int64_t>& ids) {{")
        out.append(f'    static constexpr char sqlite_sql[] = "{sql}";')
        out.append(f'    static constexpr char postgresql_sql[] = "{pg}";')
        out.append("    std::size_t n = ids.size() + sizeof sqlite_sql + sizeof postgresql_sql;")
        out.append("    sqlite3_clear_bindings(st);")
        for b, v in enumerate(binds, start=1):
            if v.startswith('"'):
                out.append(f"    sqlite3_bind_text(st, {b}, {v}, -1, SQLITE_STATIC);")
            else:
                out.append(f"    sqlite3_bind_int64(st, {b}, {v});")
            out.append("    ++n;")
        out.append("    return n;")
        out.append("}")
    out.append("")
    out.append("std::size_t total(sqlite3_stmt* st, const std::vector<std::int64_t>& ids) {")
    out.append("    return 0" + "".join(f" + s{k}(st, ids)" for k in range(args.statements)) + ";")
    out.append("}")
    out.append("")
    out.append("int main() { return total(nullptr, {1, 2, 3}) == 0; }")
    print("\n".join(out))


def ddl_main(args):
    out = ["// Generated by benchmarks/compile/generate.py --ddl: do not edit.",
           "#include <cstdint>", "#include <optional>", "#include <string>", "#include <string_view>",
           "", "#include \"retort/schema.hpp\"", ""]
    for i in range(args.models):
        out.append(model(i, args.fields, ddl=True))
    out.append("")
    # Listed children first, so that create_all has to order them.
    models = ", ".join(f"M{i}" for i in reversed(range(args.models)))
    for d in ["sqlite", "postgresql"]:
        out.append(f"std::size_t ddl_{d}() {{")
        out.append("    std::size_t n = 0;")
        out.append(f"    for (std::string_view s : retort::create_all_sql<retort::{d}, {models}>()) n += s.size();")
        out.append("    return n;")
        out.append("}")
    out.append("")
    out.append("int main() { return ddl_sqlite() + ddl_postgresql() == 0; }")
    print("\n".join(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", type=int, default=10)
    ap.add_argument("--fields", type=int, default=8)
    ap.add_argument("--statements", type=int, default=100)
    ap.add_argument("--raw", action="store_true", help="the floor: SQL strings bound through sqlite3")
    ap.add_argument("--ddl", action="store_true", help="create_all DDL of the models, both dialects")
    args = ap.parse_args()
    if args.raw:
        raw_main(args)
        return
    if args.ddl:
        ddl_main(args)
        return
    out = ["// Generated by benchmarks/compile/generate.py: do not edit.",
           "#include <cstdint>", "#include <optional>", "#include <string>", "#include <string_view>",
           "#include <vector>", "", "#include \"retort/sql.hpp\"", "",
           "using retort::col;", ""]
    for i in range(args.models):
        out.append(model(i, args.fields))
    out.append("")
    # One function per statement, as in an application: its text for both dialects, its values.
    for k in range(args.statements):
        out.append(f"std::size_t s{k}(const std::vector<std::int64_t>& ids) {{")
        out.append("    std::size_t n = ids.size();")
        out.append(f"    auto q = {statement(k, args.models, args.fields)};")
        out.append("    n += retort::sql<retort::sqlite>(q).size() + retort::sql<retort::postgresql>(q).size();")
        out.append("    q.visit_params(retort::detail::dialect_kind::sqlite, [&](const auto&) { ++n; });")
        out.append("    return n;")
        out.append("}")
    out.append("")
    out.append("std::size_t total(const std::vector<std::int64_t>& ids) {")
    out.append("    return 0" + "".join(f" + s{k}(ids)" for k in range(args.statements)) + ";")
    out.append("}")
    out.append("")
    out.append("int main() { return total({1, 2, 3}) == 0; }")
    print("\n".join(out))


if __name__ == "__main__":
    main()
