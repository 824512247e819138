#!/usr/bin/env python3
"""Writes a program shaped like a small service: the compile-cost benchmark of a whole program.

Six models of a shop (customers, orders, order items, products, categories, reviews) and the
association table between products and categories, with one-to-many, many-to-one and
many-to-many relationships; 40 distinct Core statements (insert, select with joins, filters,
ordering, limits, aggregates, subqueries, CTE, UNION, update, delete, upserts) run on a
connection; 20 ORM queries with selectinload and joinedload plans run in a retort::session,
with add/commit, an integrity_error rolled back and retried, and an explicit rollback. It
includes <retort/retort.hpp>, <retort/sqlite.hpp> and <retort/postgresql.hpp>, so both
dialects are compiled in, and runs against the URL given as its first argument ("sqlite://",
in memory, by default), printing one summary line.

With --floor, the same program shape written by hand against the sqlite3 C API: the same
tables, data, statements (as SQL strings) and eager loads (the loading queries and the
attaching done by hand), with no retort: the floor of the compile cost.

    python3 program.py [--floor] [-o program.cpp]
    g++ -std=c++20 -Iinclude -I/usr/include/postgresql program.cpp -lsqlite3 -lpq -lfmt

The output depends only on the options (no clock, no randomness).
"""
import argparse

# --- the statements ------------------------------------------------------------------------
#
# Each Core statement: a name, the retort body (C++ statements in a function taking
# `retort::connection& conn` and returning std::int64_t), and the floor body (the same work
# on a `sqlite3* db` through the helpers of FLOOR_PRELUDE). Their results are summed into the
# Core checksum; on SQLite the two programs print the same Core checksum.

CORE = []


def core(name, retort_body, floor_body):
    CORE.append((name, retort_body.strip("\n"), floor_body.strip("\n")))


def rows_of(expr):
    """A retort body counting the rows of a select and reading every one."""
    return f"""
    auto q = {expr};
    std::int64_t n = 0;
    for (auto&& row : conn.execute(q)) {{
        (void)row;
        ++n;
    }}
    return n;"""


def floor_rows(sql, *binds):
    args = "".join(", " + b for b in binds)
    return f"""
    static constexpr char sql[] = "{sql}";
    return rows(db, sql{args});"""


def floor_affected(sql, *binds):
    args = "".join(", " + b for b in binds)
    return f"""
    static constexpr char sql[] = "{sql}";
    return affected(db, sql{args});"""


def floor_scalar(sql, *binds):
    args = "".join(", " + b for b in binds)
    return f"""
    static constexpr char sql[] = "{sql}";
    return scalar(db, sql{args});"""


# Seeding: categories, customers, products, their categories, orders, items, reviews.
core("insert_categories", """
    const std::array<Category, 4> cats{make_category("books", "printed and e-books"),
                                       make_category("games", "board and video games"),
                                       make_category("garden", std::nullopt),
                                       make_category("tools", "hand tools")};
    return conn.execute(retort::insert<Category>().values(cats)).rows_affected();""", """
    const std::array<Category, 4> cats{make_category("books", "printed and e-books"),
                                       make_category("games", "board and video games"),
                                       make_category("garden", std::nullopt),
                                       make_category("tools", "hand tools")};
    static constexpr char sql[] =
        "INSERT INTO categories (name, description) VALUES (?, ?), (?, ?), (?, ?), (?, ?)";
    return affected(db, sql, cats[0].name, cats[0].description, cats[1].name, cats[1].description,
                    cats[2].name, cats[2].description, cats[3].name, cats[3].description);""")

core("insert_customers", """
    std::int64_t n = 0;
    for (int k = 1; k <= 20; ++k) n += conn.execute(retort::insert<Customer>().values(make_customer(k))).rows_affected();
    return n;""", """
    static constexpr char sql[] = "INSERT INTO customers (name, email, city, points) VALUES (?, ?, ?, ?)";
    std::int64_t n = 0;
    for (int k = 1; k <= 20; ++k) {
        const Customer c = make_customer(k);
        n += affected(db, sql, c.name, c.email, c.city, c.points);
    }
    return n;""")

core("insert_products_returning", """
    std::int64_t n = 0;
    for (int k = 1; k <= 12; ++k)
        n += conn.execute(retort::insert<Product>().values(make_product(k)).returning(col<&Product::id>)).scalar();
    return n;""", """
    static constexpr char sql[] =
        "INSERT INTO products (sku, name, price, stock, active) VALUES (?, ?, ?, ?, ?) RETURNING id";
    std::int64_t n = 0;
    for (int k = 1; k <= 12; ++k) {
        const Product p = make_product(k);
        n += scalar(db, sql, p.sku, p.name, p.price, p.stock, p.active);
    }
    return n;""")

core("insert_product_categories", """
    std::int64_t n = 0;
    for (int k = 1; k <= 12; ++k) {
        n += conn.execute(retort::insert<ProductCategory>().values(ProductCategory{k, 1 + k % 4})).rows_affected();
        if (k % 3 == 0)
            n += conn.execute(retort::insert<ProductCategory>().values(ProductCategory{k, 1 + (k + 1) % 4})).rows_affected();
    }
    return n;""", """
    static constexpr char sql[] = "INSERT INTO product_categories (product_id, category_id) VALUES (?, ?)";
    std::int64_t n = 0;
    for (std::int64_t k = 1; k <= 12; ++k) {
        n += affected(db, sql, k, 1 + k % 4);
        if (k % 3 == 0) n += affected(db, sql, k, 1 + (k + 1) % 4);
    }
    return n;""")

core("insert_orders_columns_returning", """
    std::int64_t n = 0;
    for (int k = 1; k <= 30; ++k) {
        const Order o = make_order(k);
        auto [id, status] = conn.execute(retort::insert<Order>()
                                             .columns<&Order::customer_id, &Order::status, &Order::total>()
                                             .values(o.customer_id, o.status, o.total)
                                             .returning(col<&Order::id>, col<&Order::status>))
                                .one();
        n += id + static_cast<std::int64_t>(status.size());
    }
    return n;""", """
    static constexpr char sql[] =
        "INSERT INTO orders (customer_id, status, total) VALUES (?, ?, ?) RETURNING id, status";
    std::int64_t n = 0;
    for (int k = 1; k <= 30; ++k) {
        const Order o = make_order(k);
        statement st(db, sql);
        st.bind(o.customer_id, o.status, o.total);
        if (st.step()) n += sqlite3_column_int64(st.get(), 0) + sqlite3_column_bytes(st.get(), 1);
        while (st.step()) {
        }
    }
    return n;""")

core("insert_order_items", """
    std::int64_t n = 0;
    for (int k = 1; k <= 60; ++k) n += conn.execute(retort::insert<OrderItem>().values(make_item(k))).rows_affected();
    return n;""", """
    static constexpr char sql[] =
        "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)";
    std::int64_t n = 0;
    for (int k = 1; k <= 60; ++k) {
        const OrderItem i = make_item(k);
        n += affected(db, sql, i.order_id, i.product_id, i.quantity, i.unit_price);
    }
    return n;""")

core("insert_reviews_columns", """
    std::int64_t n = 0;
    for (int k = 1; k <= 25; ++k) {
        const Review r = make_review(k);
        n += conn.execute(retort::insert<Review>()
                              .columns<&Review::product_id, &Review::customer_id, &Review::stars, &Review::body>()
                              .values(r.product_id, r.customer_id, r.stars, r.body))
                 .rows_affected();
    }
    return n;""", """
    static constexpr char sql[] =
        "INSERT INTO reviews (product_id, customer_id, stars, body) VALUES (?, ?, ?, ?)";
    std::int64_t n = 0;
    for (int k = 1; k <= 25; ++k) {
        const Review r = make_review(k);
        n += affected(db, sql, r.product_id, r.customer_id, r.stars, r.body);
    }
    return n;""")

# Reads.
core("customers_with_city", rows_of(
    "retort::select<Customer>().where(col<&Customer::city>.is_not_null()).order_by(col<&Customer::name>).limit(10)"),
    floor_rows("SELECT customers.id, customers.name, customers.email, customers.city, customers.points, "
               "customers.created_at FROM customers WHERE customers.city IS NOT NULL "
               "ORDER BY customers.name LIMIT ?", "10"))

core("customer_names_points_or_city", rows_of(
    'retort::select(col<&Customer::name>).where(col<&Customer::points> > 50 && '
    '(col<&Customer::city> == "city1" || col<&Customer::city>.is_null())).order_by(col<&Customer::points>.desc())'),
    floor_rows("SELECT customers.name FROM customers WHERE customers.points > ? AND "
               "(customers.city = ? OR customers.city IS NULL) ORDER BY customers.points DESC", "50", '"city1"'))

core("orders_by_status", """
    auto q = retort::select(col<&Order::status>, retort::count(), retort::sum(col<&Order::total>))
                 .group_by(col<&Order::status>)
                 .having(retort::count() > 1)
                 .order_by(col<&Order::status>);
    std::int64_t n = 0;
    for (auto [status, count, total] : conn.execute(q)) n += count + std::llround(total.value_or(0)) + static_cast<std::int64_t>(status.size());
    return n;""", """
    static constexpr char sql[] = "SELECT orders.status, count(*), sum(orders.total) FROM orders "
                                  "GROUP BY orders.status HAVING count(*) > ? ORDER BY orders.status";
    statement st(db, sql);
    st.bind(1);
    std::int64_t n = 0;
    while (st.step())
        n += sqlite3_column_int64(st.get(), 1) + std::llround(sqlite3_column_double(st.get(), 2)) +
             sqlite3_column_bytes(st.get(), 0);
    return n;""")

core("orders_join_customers", rows_of(
    "retort::select(col<&Order::id>, col<&Customer::name>).join<Customer>()"
    ".where(col<&Order::total> > 20.0).order_by(col<&Order::id>)"),
    floor_rows("SELECT orders.id, customers.name FROM orders JOIN customers ON customers.id = orders.customer_id "
               "WHERE orders.total > ? ORDER BY orders.id", "20.0"))

core("customer_order_counts_left_join", """
    auto q = retort::select(col<&Customer::name>, retort::count(col<&Order::id>).label<"n">())
                 .left_join<Order>()
                 .group_by(col<&Customer::id>, col<&Customer::name>)
                 .order_by(col<&Customer::id>);
    std::int64_t n = 0;
    for (auto [name, count] : conn.execute(q)) n += count + (name.empty() ? 0 : 1);
    return n;""", """
    static constexpr char sql[] = "SELECT customers.name, count(orders.id) AS n FROM customers "
                                  "LEFT OUTER JOIN orders ON customers.id = orders.customer_id "
                                  "GROUP BY customers.id, customers.name ORDER BY customers.id";
    statement st(db, sql);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_int64(st.get(), 1) + (sqlite3_column_bytes(st.get(), 0) == 0 ? 0 : 1);
    return n;""")

core("active_products_with_categories", rows_of(
    "retort::select(col<&Product::name>, col<&Category::name>).join<ProductCategory>().join<Category>()"
    ".where(col<&Product::active>)"),
    floor_rows("SELECT products.name, categories.name FROM products JOIN product_categories ON "
               "products.id = product_categories.product_id JOIN categories ON categories.id = "
               "product_categories.category_id WHERE products.active"))

core("items_with_prices", """
    auto q = retort::select(col<&OrderItem::quantity>, col<&Product::price>)
                 .join<Product>()
                 .where(col<&OrderItem::quantity> >= 2);
    double total = 0;
    for (auto [quantity, price] : conn.execute(q)) total += static_cast<double>(quantity) * price;
    return std::llround(total);""", """
    static constexpr char sql[] = "SELECT order_items.quantity, products.price FROM order_items "
                                  "JOIN products ON products.id = order_items.product_id "
                                  "WHERE order_items.quantity >= ?";
    statement st(db, sql);
    st.bind(2);
    double total = 0;
    while (st.step())
        total += static_cast<double>(sqlite3_column_int64(st.get(), 0)) * sqlite3_column_double(st.get(), 1);
    return std::llround(total);""")

core("products_price_window", rows_of(
    "retort::select(col<&Product::id>, col<&Product::name>, col<&Product::price>)"
    ".where(col<&Product::price>.between(5.0, 25.0)).order_by(col<&Product::price>.asc()).limit(5).offset(2)"),
    floor_rows("SELECT products.id, products.name, products.price FROM products WHERE products.price "
               "BETWEEN ? AND ? ORDER BY products.price ASC LIMIT ? OFFSET ?", "5.0", "25.0", "5", "2"))

core("average_stars_of_product", """
    const auto avg = conn.execute(retort::select(retort::avg(col<&Review::stars>)).where(col<&Review::product_id> == 4)).scalar();
    return std::llround(avg.value_or(0) * 100);""", """
    static constexpr char sql[] = "SELECT avg(reviews.stars) FROM reviews WHERE reviews.product_id = ?";
    statement st(db, sql);
    st.bind(4);
    double avg = 0;
    if (st.step() && sqlite3_column_type(st.get(), 0) != SQLITE_NULL) avg = sqlite3_column_double(st.get(), 0);
    while (st.step()) {
    }
    return std::llround(avg * 100);""")

core("stars_range_per_product", """
    auto q = retort::select(col<&Review::product_id>, retort::max(col<&Review::stars>), retort::min(col<&Review::stars>))
                 .group_by(col<&Review::product_id>);
    std::int64_t n = 0;
    for (auto [product, hi, lo] : conn.execute(q)) n += product + hi.value_or(0) - lo.value_or(0);
    return n;""", """
    static constexpr char sql[] = "SELECT reviews.product_id, max(reviews.stars), min(reviews.stars) "
                                  "FROM reviews GROUP BY reviews.product_id";
    statement st(db, sql);
    std::int64_t n = 0;
    while (st.step())
        n += sqlite3_column_int64(st.get(), 0) + sqlite3_column_int64(st.get(), 1) - sqlite3_column_int64(st.get(), 2);
    return n;""")

core("customers_with_shipped_orders", rows_of(
    'retort::select(col<&Customer::name>).where(retort::exists(retort::select(col<&Order::id>)'
    '.where(col<&Order::customer_id> == col<&Customer::id> && col<&Order::status> == "shipped")))'),
    floor_rows("SELECT customers.name FROM customers WHERE EXISTS (SELECT orders.id FROM orders "
               "WHERE orders.customer_id = customers.id AND orders.status = ?)", '"shipped"'))

core("skus_in_list", """
    const std::vector<std::int64_t> ids{1, 3, 5, 7};
    auto q = retort::select(col<&Product::sku>).where(col<&Product::id>.in(ids));
    std::int64_t n = 0;
    for (auto [sku] : conn.execute(q)) n += static_cast<std::int64_t>(sku.size());
    return n;""", """
    static constexpr char sql[] = "SELECT products.sku FROM products WHERE products.id IN (SELECT value FROM json_each(?))";
    const std::vector<std::int64_t> ids{1, 3, 5, 7};
    statement st(db, sql);
    st.bind(json_list(ids));
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_bytes(st.get(), 0);
    return n;""")

core("orders_above_average", """
    auto avg_total = retort::select(retort::avg(col<&Order::total>)).scalar_subquery();
    auto q = retort::select(col<&Order::id>).where(col<&Order::total> > avg_total);
    std::int64_t n = 0;
    for (auto [id] : conn.execute(q)) n += id;
    return n;""", """
    static constexpr char sql[] =
        "SELECT orders.id FROM orders WHERE orders.total > (SELECT avg(orders.total) FROM orders)";
    statement st(db, sql);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_int64(st.get(), 0);
    return n;""")

core("emails_not_in_list", rows_of(
    "retort::select(col<&Customer::email>).where(col<&Customer::id>.not_in(std::vector<std::int64_t>{2, 4, 6}))"
    ".order_by(col<&Customer::email>.desc()).limit(3)"),
    floor_rows("SELECT customers.email FROM customers WHERE customers.id NOT IN (SELECT value FROM json_each(?)) "
               "ORDER BY customers.email DESC LIMIT ?", '"[2,4,6]"', "3"))

core("cities_or_nowhere", """
    auto q = retort::select(col<&Customer::id>, retort::coalesce(col<&Customer::city>, "nowhere"))
                 .where(col<&Customer::points> < 100);
    std::int64_t n = 0;
    for (auto [id, city] : conn.execute(q)) n += id + static_cast<std::int64_t>(city.size());
    return n;""", """
    static constexpr char sql[] =
        "SELECT customers.id, coalesce(customers.city, ?) FROM customers WHERE customers.points < ?";
    statement st(db, sql);
    st.bind("nowhere", 100);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_int64(st.get(), 0) + sqlite3_column_bytes(st.get(), 1);
    return n;""")

core("distinct_buyers", rows_of(
    'retort::select(col<&Order::customer_id>).distinct().where(col<&Order::status> != "cancelled")'),
    floor_rows("SELECT DISTINCT orders.customer_id FROM orders WHERE orders.status != ?", '"cancelled"'))

core("stock_levels_case", """
    auto q = retort::select(col<&Product::name>,
                            retort::case_(retort::when(col<&Product::stock> > 10, "plenty"), retort::else_("low")))
                 .order_by(col<&Product::id>);
    std::int64_t n = 0;
    for (auto [name, level] : conn.execute(q)) n += static_cast<std::int64_t>(level.size()) + (name.empty() ? 0 : 1);
    return n;""", """
    static constexpr char sql[] = "SELECT products.name, CASE WHEN products.stock > ? THEN ? ELSE ? END "
                                  "FROM products ORDER BY products.id";
    statement st(db, sql);
    st.bind(10, "plenty", "low");
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_bytes(st.get(), 1) + (sqlite3_column_bytes(st.get(), 0) == 0 ? 0 : 1);
    return n;""")

core("union_emails_categories", """
    auto q = retort::union_(retort::select(col<&Customer::email>).where(col<&Customer::points> > 150),
                            retort::select(col<&Category::name>));
    std::int64_t n = 0;
    for (auto [text] : conn.execute(q)) n += static_cast<std::int64_t>(text.size());
    return n;""", """
    static constexpr char sql[] = "SELECT customers.email FROM customers WHERE customers.points > ? "
                                  "UNION SELECT categories.name FROM categories";
    statement st(db, sql);
    st.bind(150);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_bytes(st.get(), 0);
    return n;""")

core("busy_customers_cte", """
    auto busy = retort::select(col<&Order::customer_id>, retort::count().label<"n">())
                    .group_by(col<&Order::customer_id>)
                    .having(retort::count() > 1)
                    .cte<"busy">();
    std::int64_t n = 0;
    for (auto [customer, count] : conn.execute(retort::select(busy.col<&Order::customer_id>, busy.named<"n">).with(busy)))
        n += customer * count;
    return n;""", """
    static constexpr char sql[] = "WITH busy AS (SELECT orders.customer_id, count(*) AS n FROM orders "
                                  "GROUP BY orders.customer_id HAVING count(*) > ?) SELECT busy.customer_id, busy.n FROM busy";
    statement st(db, sql);
    st.bind(1);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_int64(st.get(), 0) * sqlite3_column_int64(st.get(), 1);
    return n;""")

core("categories_ilike", rows_of(
    'retort::select(col<&Category::name>).where(col<&Category::description>.ilike("%GAME%"))'),
    floor_rows("SELECT categories.name FROM categories WHERE lower(categories.description) LIKE lower(?)", '"%GAME%"'))

core("good_reviews_two_joins", rows_of(
    "retort::select(col<&Review::id>, col<&Customer::name>, col<&Product::name>).join<Customer>().join<Product>()"
    ".where(col<&Review::stars> >= 4).order_by(col<&Review::id>)"),
    floor_rows("SELECT reviews.id, customers.name, products.name FROM reviews JOIN customers ON customers.id = "
               "reviews.customer_id JOIN products ON products.id = reviews.product_id WHERE reviews.stars >= ? "
               "ORDER BY reviews.id", "4"))

core("products_in_category_any", rows_of(
    'retort::select(col<&Product::name>).where(col<&Product::categories>.any(col<&Category::name> == "games"))'),
    floor_rows("SELECT products.name FROM products WHERE EXISTS (SELECT 1 FROM product_categories JOIN categories "
               "ON categories.id = product_categories.category_id WHERE product_categories.product_id = products.id "
               "AND categories.name = ?)", '"games"'))

core("orders_of_city_has", rows_of(
    'retort::select(col<&Order::id>).where(col<&Order::customer>.has(col<&Customer::city> == "city2"))'),
    floor_rows("SELECT orders.id FROM orders WHERE EXISTS (SELECT 1 FROM customers WHERE customers.id = "
               "orders.customer_id AND customers.city = ?)", '"city2"'))

# Writes.
core("decrement_stock_in_list", """
    const std::vector<std::int64_t> ids{2, 4, 6, 8};
    return conn.execute(retort::update<Product>().set(col<&Product::stock> = col<&Product::stock> - 1).where(col<&Product::id>.in(ids)))
        .rows_affected();""",
     floor_affected("UPDATE products SET stock = products.stock - ? WHERE products.id IN (SELECT value FROM json_each(?))",
                    "1", '"[2,4,6,8]"'))

core("reward_and_move_customers", """
    return conn.execute(retort::update<Customer>()
                            .set(col<&Customer::points> = col<&Customer::points> + 5, col<&Customer::city> = "moved")
                            .where(col<&Customer::email>.like("c2%")))
        .rows_affected();""",
     floor_affected("UPDATE customers SET points = customers.points + ?, city = ? WHERE customers.email LIKE ?",
                    "5", '"moved"', '"c2%"'))

core("archive_small_orders_returning", rows_of(
    'retort::update<Order>().set(col<&Order::status> = "archived").where(col<&Order::total> < 10.0).returning(col<&Order::id>)'),
    floor_rows("UPDATE orders SET status = ? WHERE orders.total < ? RETURNING id", '"archived"', "10.0"))

core("category_on_conflict_do_nothing", """
    return conn.execute(retort::insert<Category>().values(make_category("books", "again")).on_conflict_do_nothing<&Category::name>())
        .rows_affected();""",
     floor_affected("INSERT INTO categories (name, description) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    '"books"', '"again"'))

core("customer_upsert", """
    Customer c = make_customer(3);
    c.points = 333;
    return conn.execute(retort::insert<Customer>().values(c).on_conflict_do_update<&Customer::email>()).rows_affected();""", """
    static constexpr char sql[] = "INSERT INTO customers (name, email, city, points) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT (email) DO UPDATE SET name = excluded.name, city = excluded.city, "
                                  "points = excluded.points";
    const Customer c = make_customer(3);
    return affected(db, sql, c.name, c.email, c.city, std::int64_t{333});""")

core("delete_bad_reviews", """
    return conn.execute(retort::delete_<Review>().where(col<&Review::stars> < 2)).rows_affected();""",
     floor_affected("DELETE FROM reviews WHERE reviews.stars < ?", "2"))

core("unlink_category_returning", rows_of(
    "retort::delete_<ProductCategory>().where(col<&ProductCategory::category_id> == 4).returning(col<&ProductCategory::product_id>)"),
    floor_rows("DELETE FROM product_categories WHERE product_categories.category_id = ? RETURNING product_id", "4"))

core("categories_from_select", """
    return conn.execute(retort::insert<Category>().columns<&Category::name>().from_select(
                            retort::select(col<&Product::sku>).where(col<&Product::stock> < 3)))
        .rows_affected();""",
     floor_affected("INSERT INTO categories (name) SELECT products.sku FROM products WHERE products.stock < ?", "3"))

core("rolled_back_delete", """
    auto tx = conn.begin();
    const auto n = conn.execute(retort::delete_<OrderItem>().where(col<&OrderItem::quantity> == 1)).rows_affected();
    tx.rollback();  // nothing deleted
    return n;""", """
    exec(db, "BEGIN");
    static constexpr char sql[] = "DELETE FROM order_items WHERE order_items.quantity = ?";
    const auto n = affected(db, sql, 1);
    exec(db, "ROLLBACK");
    return n;""")

core("raw_text_statement", """
    auto q = retort::text<"SELECT name FROM customers WHERE id > ? ORDER BY name">()
                 .bind(std::int64_t{15})
                 .returns<std::string>();
    std::int64_t n = 0;
    for (const std::string& name : conn.execute(q).scalars()) n += static_cast<std::int64_t>(name.size());
    return n;""", """
    static constexpr char sql[] = "SELECT name FROM customers WHERE id > ? ORDER BY name";
    statement st(db, sql);
    st.bind(15);
    std::int64_t n = 0;
    while (st.step()) n += sqlite3_column_bytes(st.get(), 0);
    return n;""")

assert len(CORE) == 40, len(CORE)

# Each ORM query: a name, the retort statement, the C++ that counts what a row holds (`x` is
# the loaded object), and the floor: the main query's SQL and what the loads do (see
# FLOOR_PRELUDE: each load is a call on the parents, one query each).
ORM = []


def orm(name, stmt, count, floor):
    ORM.append((name, stmt, count.strip(), floor.strip("\n")))


def cols(table, fields, alias=None):
    a = alias or table
    return ", ".join(f"{a}.{f}" for f in fields)


F = {
    "customers": ["id", "name", "email", "city", "points", "created_at"],
    "orders": ["id", "customer_id", "status", "total", "note"],
    "products": ["id", "sku", "name", "price", "stock", "active"],
    "categories": ["id", "name", "description"],
    "order_items": ["id", "order_id", "product_id", "quantity", "unit_price"],
    "reviews": ["id", "product_id", "customer_id", "stars", "body"],
}
SEL = {t: f"SELECT {cols(t, f)} FROM {t}" for t, f in F.items()}


def children(parent, child, fk, var="parents", out="kids"):
    """Floor: a has_many selectin load (children whose fk is in the parents' keys)."""
    return (f'    auto {out} = load_many<{child}>(db, "{SEL[TABLE[child]]} WHERE {TABLE[child]}.{fk} IN '
            f'(SELECT value FROM json_each(?))", {var}, &{parent}::id, &{child}::{fk}, &{parent}::{MEMBER[(parent, child)]});\n'
            f"    n += static_cast<std::int64_t>({out}.size());")


def owner(child, parent, fk, member, var="parents", out="owners"):
    """Floor: a belongs_to selectin load (the parents referenced by the rows' fk)."""
    return (f'    auto {out} = load_one<{parent}>(db, "{SEL[TABLE[parent]]} WHERE {TABLE[parent]}.id IN '
            f'(SELECT value FROM json_each(?))", {var}, &{child}::{fk}, &{child}::{member});\n'
            f"    n += static_cast<std::int64_t>({out}.size());")


def categories_of(var="parents", out="cats"):
    """Floor: the many-to-many selectin load of products' categories."""
    return (f'    auto {out} = load_categories(db, "SELECT product_categories.product_id, {cols("categories", F["categories"])} '
            f'FROM categories JOIN product_categories ON categories.id = product_categories.category_id '
            f'WHERE product_categories.product_id IN (SELECT value FROM json_each(?))", {var});\n'
            f"    n += static_cast<std::int64_t>({out}.size());")


TABLE = {"Customer": "customers", "Order": "orders", "Product": "products", "Category": "categories",
         "OrderItem": "order_items", "Review": "reviews"}
MEMBER = {("Customer", "Order"): "orders", ("Customer", "Review"): "reviews", ("Order", "OrderItem"): "items",
          ("Product", "Review"): "reviews"}


def main_query(model, where="", binds=(), var="parents"):
    args = "".join(", " + b for b in binds)
    return (f'    auto {var} = query<{model}>(db, "{SEL[TABLE[model]]}{where}"{args});\n'
            f"    n += static_cast<std::int64_t>({var}.size());")


def joined_one(model, target, fk, member, where="", binds=()):
    """Floor: a joined many-to-one load: one query, the target's columns after the model's."""
    t, tt = TABLE[model], TABLE[target]
    args = "".join(", " + b for b in binds)
    return (f'    auto joined = joined_one<{model}, {target}>(db, "SELECT {cols(t, F[t])}, {cols(tt, F[tt], tt + "_1")} '
            f'FROM {t} LEFT OUTER JOIN {tt} AS {tt}_1 ON {tt}_1.id = {t}.{fk}{where}", &{model}::{member}{args});\n'
            f"    n += static_cast<std::int64_t>(joined.first.size() + joined.second.size());")


def joined_many(model, target, fk, member, where="", binds=()):
    """Floor: a joined has_many load: parents repeated per child, de-duplicated by key."""
    t, tt = TABLE[model], TABLE[target]
    args = "".join(", " + b for b in binds)
    return (f'    auto joined = joined_many<{model}, {target}>(db, "SELECT {cols(t, F[t])}, {cols(tt, F[tt], tt + "_1")} '
            f'FROM {t} LEFT OUTER JOIN {tt} AS {tt}_1 ON {tt}_1.{fk} = {t}.id{where}", &{model}::{member}{args});\n'
            f"    n += static_cast<std::int64_t>(joined.first.size() + joined.second.size());")


orm("customers_with_orders",
    "retort::select<Customer>().options(retort::selectinload<&Customer::orders>)",
    "1 + static_cast<std::int64_t>(x.orders.size())",
    main_query("Customer") + "\n" + children("Customer", "Order", "customer_id"))

orm("loyal_customers_orders_items",
    "retort::select<Customer>().where(col<&Customer::points> > 40)"
    ".options(retort::selectinload<&Customer::orders>.then(retort::selectinload<&Order::items>))",
    "1 + count_each(x.orders, [](Order& o) { return 1 + static_cast<std::int64_t>(o.items.size()); })",
    main_query("Customer", " WHERE customers.points > ?", ["40"]) + "\n" +
    children("Customer", "Order", "customer_id", out="orders") + "\n" +
    children("Order", "OrderItem", "order_id", var="orders", out="items"))

orm("orders_with_customer_joined",
    "retort::select<Order>().options(retort::joinedload<&Order::customer>)",
    "1 + (x.customer ? 1 : 0)",
    joined_one("Order", "Customer", "customer_id", "customer"))

orm("paid_orders_items_joined",
    'retort::select<Order>().where(col<&Order::status> == "paid").options(retort::joinedload<&Order::items>)',
    "1 + static_cast<std::int64_t>(x.items.size())",
    joined_many("Order", "OrderItem", "order_id", "items", " WHERE orders.status = ?", ['"paid"']))

orm("products_with_categories",
    "retort::select<Product>().options(retort::selectinload<&Product::categories>)",
    "1 + static_cast<std::int64_t>(x.categories.size())",
    main_query("Product") + "\n" + categories_of())

orm("active_products_reviews_authors",
    "retort::select<Product>().where(col<&Product::active>)"
    ".options(retort::selectinload<&Product::reviews>.then(retort::selectinload<&Review::author>))",
    "1 + count_each(x.reviews, [](Review& r) { return 1 + (r.author ? 1 : 0); })",
    main_query("Product", " WHERE products.active") + "\n" +
    children("Product", "Review", "product_id", out="reviews") + "\n" +
    owner("Review", "Customer", "customer_id", "author", var="reviews"))

orm("categories_with_products",
    "retort::select<Category>().options(retort::selectinload<&Category::products>)",
    "1 + static_cast<std::int64_t>(x.products.size())",
    main_query("Category") + "\n" +
    '    auto products = load_products(db, "SELECT product_categories.category_id, '
    + cols("products", F["products"]) + ' FROM products JOIN product_categories ON products.id = '
    'product_categories.product_id WHERE product_categories.category_id IN (SELECT value FROM json_each(?))", parents);\n'
    "    n += static_cast<std::int64_t>(products.size());")

orm("items_with_product_and_order",
    "retort::select<OrderItem>().options(retort::joinedload<&OrderItem::product>, retort::selectinload<&OrderItem::order>)",
    "1 + (x.product ? 1 : 0) + (x.order ? 1 : 0)",
    joined_one("OrderItem", "Product", "product_id", "product") + "\n" +
    owner("OrderItem", "Order", "order_id", "order", var="joined.first"))

orm("good_reviews_with_product_limited",
    "retort::select<Review>().where(col<&Review::stars> >= 3).order_by(col<&Review::id>).limit(5)"
    ".options(retort::joinedload<&Review::product>)",
    "1 + (x.product ? 1 : 0)",
    joined_one("Review", "Product", "product_id", "product", " WHERE reviews.stars >= ? ORDER BY reviews.id LIMIT ?",
               ["3", "5"]))

orm("first_customers_reviews",
    'retort::select<Customer>().where(col<&Customer::email>.like("c1%")).order_by(col<&Customer::id>).limit(3)'
    ".options(retort::selectinload<&Customer::reviews>)",
    "1 + static_cast<std::int64_t>(x.reviews.size())",
    main_query("Customer", " WHERE customers.email LIKE ? ORDER BY customers.id LIMIT ?", ['"c1%"', "3"]) + "\n" +
    children("Customer", "Review", "customer_id"))

orm("mid_orders_items_products",
    "retort::select<Order>().where(col<&Order::total>.between(10.0, 40.0))"
    ".options(retort::selectinload<&Order::items>.then(retort::selectinload<&OrderItem::product>))",
    "1 + count_each(x.items, [](OrderItem& i) { return 1 + (i.product ? 1 : 0); })",
    main_query("Order", " WHERE orders.total BETWEEN ? AND ?", ["10.0", "40.0"]) + "\n" +
    children("Order", "OrderItem", "order_id", out="items") + "\n" +
    owner("OrderItem", "Product", "product_id", "product", var="items"))

orm("tool_products_reviews",
    'retort::select<Product>().where(col<&Product::categories>.any(col<&Category::name> == "tools"))'
    ".options(retort::selectinload<&Product::reviews>)",
    "1 + static_cast<std::int64_t>(x.reviews.size())",
    main_query("Product", " WHERE EXISTS (SELECT 1 FROM product_categories JOIN categories ON categories.id = "
               "product_categories.category_id WHERE product_categories.product_id = products.id AND "
               "categories.name = ?)", ['"tools"']) + "\n" +
    children("Product", "Review", "product_id"))

orm("orders_in_city_joined_customer",
    'retort::select<Order>().where(col<&Order::customer>.has(col<&Customer::city> == "city1"))'
    ".options(retort::joinedload<&Order::customer>)",
    "1 + (x.customer ? 1 : 0)",
    joined_one("Order", "Customer", "customer_id", "customer",
               " WHERE EXISTS (SELECT 1 FROM customers WHERE customers.id = orders.customer_id AND customers.city = ?)",
               ['"city1"']))

orm("described_categories_products_reviews",
    "retort::select<Category>().where(col<&Category::description>.is_not_null())"
    ".options(retort::selectinload<&Category::products>.then(retort::selectinload<&Product::reviews>))",
    "1 + count_each(x.products, [](Product& p) { return 1 + static_cast<std::int64_t>(p.reviews.size()); })",
    main_query("Category", " WHERE categories.description IS NOT NULL") + "\n" +
    '    auto products = load_products(db, "SELECT product_categories.category_id, '
    + cols("products", F["products"]) + ' FROM products JOIN product_categories ON products.id = '
    'product_categories.product_id WHERE product_categories.category_id IN (SELECT value FROM json_each(?))", parents);\n'
    "    n += static_cast<std::int64_t>(products.size());\n" +
    children("Product", "Review", "product_id", var="products", out="reviews"))

orm("bulk_items_order_customer_joined",
    "retort::select<OrderItem>().where(col<&OrderItem::quantity> > 1)"
    ".options(retort::joinedload<&OrderItem::order>.then(retort::joinedload<&Order::customer>))",
    "1 + (x.order ? 1 + (x.order->customer ? 1 : 0) : 0)",
    joined_one("OrderItem", "Order", "order_id", "order", " WHERE order_items.quantity > ?", ["1"]) + "\n" +
    owner("Order", "Customer", "customer_id", "customer", var="joined.second"))

orm("reviews_author_joined_product_selectin",
    "retort::select<Review>().options(retort::joinedload<&Review::author>, retort::selectinload<&Review::product>)",
    "1 + (x.author ? 1 : 0) + (x.product ? 1 : 0)",
    joined_one("Review", "Customer", "customer_id", "author") + "\n" +
    owner("Review", "Product", "product_id", "product", var="joined.first"))

orm("priciest_products_categories_reviews",
    "retort::select<Product>().order_by(col<&Product::price>.desc()).limit(4)"
    ".options(retort::selectinload<&Product::categories>, retort::selectinload<&Product::reviews>)",
    "1 + static_cast<std::int64_t>(x.categories.size() + x.reviews.size())",
    main_query("Product", " ORDER BY products.price DESC LIMIT ?", ["4"]) + "\n" + categories_of() + "\n" +
    children("Product", "Review", "product_id"))

orm("unnoted_orders_three_levels",
    "retort::select<Order>().where(col<&Order::note>.is_null())"
    ".options(retort::selectinload<&Order::items>.then(retort::selectinload<&OrderItem::product>.then("
    "retort::selectinload<&Product::categories>)))",
    "1 + count_each(x.items, [](OrderItem& i) { return 1 + (i.product ? 1 + static_cast<std::int64_t>(i.product->categories.size()) : 0); })",
    main_query("Order", " WHERE orders.note IS NULL") + "\n" +
    children("Order", "OrderItem", "order_id", out="items") + "\n" +
    owner("OrderItem", "Product", "product_id", "product", var="items", out="products") + "\n" +
    categories_of(var="products"))

orm("customers_joined_orders",
    'retort::select<Customer>().where(col<&Customer::city> == "city0").options(retort::joinedload<&Customer::orders>)',
    "1 + static_cast<std::int64_t>(x.orders.size())",
    joined_many("Customer", "Order", "customer_id", "orders", " WHERE customers.city = ?", ['"city0"']))

orm("customers_with_reviews_any",
    "retort::select<Customer>().where(col<&Customer::reviews>.any(col<&Review::stars> >= 4))"
    ".options(retort::selectinload<&Customer::reviews>.then(retort::joinedload<&Review::product>))",
    "1 + count_each(x.reviews, [](Review& r) { return 1 + (r.product ? 1 : 0); })",
    main_query("Customer", " WHERE EXISTS (SELECT 1 FROM reviews WHERE reviews.customer_id = customers.id AND "
               "reviews.stars >= ?)", ["4"]) + "\n" +
    children("Customer", "Review", "customer_id", out="reviews") + "\n" +
    owner("Review", "Product", "product_id", "product", var="reviews"))

assert len(ORM) == 20, len(ORM)

# --- the retort program --------------------------------------------------------------------

MODELS = r'''
namespace shop {

struct Order;
struct OrderItem;
struct Product;
struct Category;
struct Review;

struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::optional<std::string> city;
    std::int64_t points = 0;
    retort::timestamp created_at{};
    retort::many<Order> orders;
    retort::many<Review> reviews;
};

struct Order {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string status;
    double total = 0;
    std::optional<std::string> note;
    retort::one<Customer> customer;
    retort::many<OrderItem> items;
};

struct Product {
    std::int64_t id = 0;
    std::string sku;
    std::string name;
    double price = 0;
    std::int64_t stock = 0;
    bool active = true;
    retort::many<Category> categories;
    retort::many<Review> reviews;
};

struct Category {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> description;
    retort::many<Product> products;
};

struct OrderItem {
    std::int64_t id = 0;
    std::int64_t order_id = 0;
    std::int64_t product_id = 0;
    std::int64_t quantity = 1;
    double unit_price = 0;
    retort::one<Order> order;
    retort::one<Product> product;
};

struct Review {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t customer_id = 0;
    std::int64_t stars = 0;
    std::optional<std::string> body;
    retort::one<Product> product;
    retort::one<Customer> author;
};

struct ProductCategory {
    std::int64_t product_id = 0;
    std::int64_t category_id = 0;
};

}  // namespace shop

template <>
inline constexpr auto retort::table<shop::Customer> = retort::table_def{
    "customers",
    retort::column<&shop::Customer::name>.max_length(80),
    retort::column<&shop::Customer::email>.max_length(120).unique(),
    retort::column<&shop::Customer::points>.default_value(0),
    retort::column<&shop::Customer::created_at>.server_default(retort::func::now()),
    retort::has_many<&shop::Customer::orders>.by(&shop::Order::customer_id),
    retort::has_many<&shop::Customer::reviews>.by(&shop::Review::customer_id),
};

template <>
inline constexpr auto retort::table<shop::Order> = retort::table_def{
    "orders",
    retort::column<&shop::Order::customer_id>.references(&shop::Customer::id).index(),
    retort::column<&shop::Order::status>.max_length(20).index(),
    retort::belongs_to<&shop::Order::customer>.by(&shop::Order::customer_id),
    retort::has_many<&shop::Order::items>.by(&shop::OrderItem::order_id),
};

template <>
inline constexpr auto retort::table<shop::Product> = retort::table_def{
    "products",
    retort::column<&shop::Product::sku>.max_length(32).unique(),
    retort::column<&shop::Product::stock>.default_value(0),
    retort::many_to_many<&shop::Product::categories>.through(&shop::ProductCategory::product_id,
                                                              &shop::ProductCategory::category_id),
    retort::has_many<&shop::Product::reviews>.by(&shop::Review::product_id),
};

template <>
inline constexpr auto retort::table<shop::Category> = retort::table_def{
    "categories",
    retort::column<&shop::Category::name>.max_length(50).unique(),
    retort::many_to_many<&shop::Category::products>.through(&shop::ProductCategory::category_id,
                                                             &shop::ProductCategory::product_id),
};

template <>
inline constexpr auto retort::table<shop::OrderItem> = retort::table_def{
    "order_items",
    retort::column<&shop::OrderItem::order_id>.references(&shop::Order::id).index(),
    retort::column<&shop::OrderItem::product_id>.references(&shop::Product::id),
    retort::belongs_to<&shop::OrderItem::order>.by(&shop::OrderItem::order_id),
    retort::belongs_to<&shop::OrderItem::product>.by(&shop::OrderItem::product_id),
};

template <>
inline constexpr auto retort::table<shop::Review> = retort::table_def{
    "reviews",
    retort::column<&shop::Review::product_id>.references(&shop::Product::id).index(),
    retort::column<&shop::Review::customer_id>.references(&shop::Customer::id),
    retort::belongs_to<&shop::Review::product>.by(&shop::Review::product_id),
    retort::belongs_to<&shop::Review::author>.by(&shop::Review::customer_id),
};

template <>
inline constexpr auto retort::table<shop::ProductCategory> = retort::table_def{
    "product_categories",
    retort::primary_key<&shop::ProductCategory::product_id, &shop::ProductCategory::category_id>,
    retort::column<&shop::ProductCategory::product_id>.references(&shop::Product::id),
    retort::column<&shop::ProductCategory::category_id>.references(&shop::Category::id),
};
'''

# The data, the same in both programs (members assigned one by one: the handles stay default).
MAKERS = r'''
const char* const statuses[] = {"new", "paid", "shipped", "cancelled"};

Category make_category(const char* name, std::optional<std::string> description) {
    Category c;
    c.name = name;
    c.description = std::move(description);
    return c;
}

Customer make_customer(int k) {
    Customer c;
    c.name = "customer" + std::to_string(k);
    c.email = "c" + std::to_string(k) + "@example.com";
    if (k % 4 != 0) c.city = "city" + std::to_string(k % 3);
    c.points = 10 * k;
    return c;
}

Product make_product(int k) {
    Product p;
    p.sku = "sku-" + std::to_string(k);
    p.name = "product" + std::to_string(k);
    p.price = 2.5 * k;
    p.stock = (7 * k) % 15;
    p.active = k % 5 != 0;
    return p;
}

Order make_order(int k) {
    Order o;
    o.customer_id = 1 + (7 * k) % 20;
    o.status = statuses[k % 4];
    o.total = 1.5 * k;
    return o;
}

OrderItem make_item(int k) {
    OrderItem i;
    i.order_id = 1 + k % 30;
    i.product_id = 1 + (5 * k) % 12;
    i.quantity = 1 + k % 3;
    i.unit_price = 2.5 * static_cast<double>(i.product_id);
    return i;
}

Review make_review(int k) {
    Review r;
    r.product_id = 1 + (3 * k) % 12;
    r.customer_id = 1 + (11 * k) % 20;
    r.stars = 1 + k % 5;
    if (k % 2 == 1) r.body = "review " + std::to_string(k);
    return r;
}
'''


def retort_program():
    out = ["// Generated by benchmarks/compile/program.py: do not edit.",
           "// A service-shaped program: 6 models and an association table, 40 Core statements,",
           "// 20 ORM queries with eager loads, a session's writes; on SQLite and PostgreSQL.",
           "#include <retort/retort.hpp>", "#include <retort/sqlite.hpp>", "#include <retort/postgresql.hpp>",
           "", "#include <array>", "#include <cmath>", "#include <cstdint>", "#include <cstdio>",
           "#include <exception>", "#include <optional>", "#include <string>", "#include <vector>", ""]
    out.append(MODELS)
    out.append("namespace {")
    out.append("")
    out.append("using retort::col;")
    out.append("using shop::Category;\nusing shop::Customer;\nusing shop::Order;\nusing shop::OrderItem;\n"
               "using shop::Product;\nusing shop::ProductCategory;\nusing shop::Review;")
    out.append(MAKERS)
    out.append("template <class Range, class F>\n"
               "std::int64_t count_each(Range& range, F f) {\n"
               "    std::int64_t n = 0;\n"
               "    for (auto& x : range) n += f(x);\n"
               "    return n;\n"
               "}\n")
    for name, body, _ in CORE:
        out.append(f"std::int64_t core_{name}(retort::connection& conn) {{")
        out.append(body)
        out.append("}\n")
    for name, stmt, count, _ in ORM:
        out.append(f"std::int64_t orm_{name}(retort::session& s) {{")
        out.append("    std::int64_t n = 0;")
        out.append(f"    for (auto& x : s.scalars({stmt})) n += {count};")
        out.append("    return n;")
        out.append("}\n")
    out.append(r'''// The session's writes: objects added with their related objects, a change, an
// integrity_error rolled back and retried, and a change given up with an explicit rollback.
std::int64_t session_writes(retort::session& s) {
    std::int64_t n = 0;
    Customer& dana = s.add(make_customer(21));
    Order& order = dana.orders.add(make_order(31));
    Product* widget = s.get<Product>(2);
    OrderItem& item = order.items.add(make_item(61));
    if (widget != nullptr) item.product.set(*widget);
    Category* games = s.get<Category>(2);
    if (widget != nullptr && games != nullptr) widget->categories.add(*games);
    s.commit();
    n += dana.id + order.id + item.id;

    dana.points += 7;
    order.note = "gift";
    s.commit();

    Customer& twin = s.add(make_customer(1));  // the same email as customer 1: unique
    try {
        s.commit();
    } catch (const retort::integrity_error&) {
        s.rollback();
        twin.email = "twin@example.com";
        s.commit();
        n += 1000;
    }
    n += twin.id;

    if (Customer* c = s.get<Customer>(2)) {
        c->points = 999;
        s.rollback();  // the change is given up
    }
    s.add_all(std::vector<Review>{make_review(26), make_review(27)});
    s.commit();
    n += s.scalar(retort::select(retort::count()).select_from<Review>());
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string url = argc > 1 ? argv[1] : "sqlite://";
    try {
        auto engine = retort::create_engine(url);
        retort::drop_all<ProductCategory, Review, OrderItem, Order, Category, Product, Customer>(engine);
        retort::create_all<Customer, Product, Category, Order, OrderItem, Review, ProductCategory>(engine);
        std::int64_t core = 0;
        {
            auto conn = engine.connect();''')
    for name, _, _ in CORE:
        out.append(f"            core += core_{name}(conn);")
    out.append(r'''        }
        std::int64_t orm = 0;
        {
            retort::session s{engine};
            orm += session_writes(s);''')
    for name, _, _, _ in ORM:
        out.append(f"            orm += orm_{name}(s);")
    out.append(r'''            s.commit();
        }
        std::printf("program: %zu core statements, %zu orm queries, core checksum %lld, orm checksum %lld\n",
                    std::size_t{''' + str(len(CORE)) + "}, std::size_t{" + str(len(ORM)) + r'''},
                    static_cast<long long>(core), static_cast<long long>(orm));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "program: %s\n", e.what());
        return 1;
    }
    return 0;
}''')
    return "\n".join(out)


# --- the floor -----------------------------------------------------------------------------

FLOOR_MODELS = r'''
namespace shop {

struct Order;
struct OrderItem;
struct Product;
struct Category;
struct Review;

struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::optional<std::string> city;
    std::int64_t points = 0;
    std::string created_at;
    std::vector<Order*> orders;
    std::vector<Review*> reviews;
};

struct Order {
    std::int64_t id = 0;
    std::int64_t customer_id = 0;
    std::string status;
    double total = 0;
    std::optional<std::string> note;
    Customer* customer = nullptr;
    std::vector<OrderItem*> items;
};

struct Product {
    std::int64_t id = 0;
    std::string sku;
    std::string name;
    double price = 0;
    std::int64_t stock = 0;
    bool active = true;
    std::vector<Category*> categories;
    std::vector<Review*> reviews;
};

struct Category {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> description;
    std::vector<Product*> products;
};

struct OrderItem {
    std::int64_t id = 0;
    std::int64_t order_id = 0;
    std::int64_t product_id = 0;
    std::int64_t quantity = 1;
    double unit_price = 0;
    Order* order = nullptr;
    Product* product = nullptr;
};

struct Review {
    std::int64_t id = 0;
    std::int64_t product_id = 0;
    std::int64_t customer_id = 0;
    std::int64_t stars = 0;
    std::optional<std::string> body;
    Product* product = nullptr;
    Customer* author = nullptr;
};

struct ProductCategory {
    std::int64_t product_id = 0;
    std::int64_t category_id = 0;
};

/** How many columns a model's row has: where a joined model's columns start. */
template <class T>
inline constexpr int width = 0;
template <>
inline constexpr int width<Customer> = 6;
template <>
inline constexpr int width<Order> = 5;
template <>
inline constexpr int width<Product> = 6;
template <>
inline constexpr int width<Category> = 3;
template <>
inline constexpr int width<OrderItem> = 5;
template <>
inline constexpr int width<Review> = 5;

}  // namespace shop
'''

FLOOR_PRELUDE = r'''
[[noreturn]] void fail(sqlite3* db, const char* what) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, sql);
}

/** A prepared statement, its values bound by type, stepped to the end. */
class statement {
public:
    statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail(db, sql);
    }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    ~statement() { sqlite3_finalize(st_); }

    template <class... Ts>
    void bind(const Ts&... values) {
        int k = 0;
        (bind_one(++k, values), ...);
    }
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(db_, "step");
        return false;
    }
    sqlite3_stmt* get() const { return st_; }

private:
    void bind_one(int k, bool v) { sqlite3_bind_int64(st_, k, v ? 1 : 0); }
    void bind_one(int k, int v) { sqlite3_bind_int64(st_, k, v); }
    void bind_one(int k, std::int64_t v) { sqlite3_bind_int64(st_, k, v); }
    void bind_one(int k, double v) { sqlite3_bind_double(st_, k, v); }
    void bind_one(int k, const char* v) { sqlite3_bind_text(st_, k, v, -1, SQLITE_TRANSIENT); }
    void bind_one(int k, const std::string& v) {
        sqlite3_bind_text(st_, k, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    void bind_one(int k, const std::optional<std::string>& v) {
        if (v) bind_one(k, *v);
        else sqlite3_bind_null(st_, k);
    }

    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

/** Runs a statement, reads every column of every row, returns the number of rows. */
template <class... Ts>
std::int64_t rows(sqlite3* db, const char* sql, const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    std::int64_t n = 0;
    std::size_t bytes = 0;
    while (st.step()) {
        for (int c = 0; c != sqlite3_column_count(st.get()); ++c) {
            if (sqlite3_column_type(st.get(), c) == SQLITE_TEXT) bytes += static_cast<std::size_t>(sqlite3_column_bytes(st.get(), c));
        }
        ++n;
    }
    (void)bytes;
    return n;
}

template <class... Ts>
std::int64_t affected(sqlite3* db, const char* sql, const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    while (st.step()) {
    }
    return sqlite3_changes(db);
}

template <class... Ts>
std::int64_t scalar(sqlite3* db, const char* sql, const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    std::int64_t v = 0;
    if (st.step()) v = sqlite3_column_int64(st.get(), 0);
    while (st.step()) {
    }
    return v;
}

template <class R>
std::string json_list(const R& keys) {
    std::string out = "[";
    for (const auto& k : keys) {
        if (out.size() > 1) out += ',';
        out += std::to_string(k);
    }
    return out + ']';
}

std::optional<std::string> optional_text(sqlite3_stmt* st, int c) {
    if (sqlite3_column_type(st, c) == SQLITE_NULL) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
}
std::string text(sqlite3_stmt* st, int c) {
    const unsigned char* s = sqlite3_column_text(st, c);
    return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

void read(sqlite3_stmt* st, int at, Customer& x) {
    x.id = sqlite3_column_int64(st, at);
    x.name = text(st, at + 1);
    x.email = text(st, at + 2);
    x.city = optional_text(st, at + 3);
    x.points = sqlite3_column_int64(st, at + 4);
    x.created_at = text(st, at + 5);
}
void read(sqlite3_stmt* st, int at, Order& x) {
    x.id = sqlite3_column_int64(st, at);
    x.customer_id = sqlite3_column_int64(st, at + 1);
    x.status = text(st, at + 2);
    x.total = sqlite3_column_double(st, at + 3);
    x.note = optional_text(st, at + 4);
}
void read(sqlite3_stmt* st, int at, Product& x) {
    x.id = sqlite3_column_int64(st, at);
    x.sku = text(st, at + 1);
    x.name = text(st, at + 2);
    x.price = sqlite3_column_double(st, at + 3);
    x.stock = sqlite3_column_int64(st, at + 4);
    x.active = sqlite3_column_int64(st, at + 5) != 0;
}
void read(sqlite3_stmt* st, int at, Category& x) {
    x.id = sqlite3_column_int64(st, at);
    x.name = text(st, at + 1);
    x.description = optional_text(st, at + 2);
}
void read(sqlite3_stmt* st, int at, OrderItem& x) {
    x.id = sqlite3_column_int64(st, at);
    x.order_id = sqlite3_column_int64(st, at + 1);
    x.product_id = sqlite3_column_int64(st, at + 2);
    x.quantity = sqlite3_column_int64(st, at + 3);
    x.unit_price = sqlite3_column_double(st, at + 4);
}
void read(sqlite3_stmt* st, int at, Review& x) {
    x.id = sqlite3_column_int64(st, at);
    x.product_id = sqlite3_column_int64(st, at + 1);
    x.customer_id = sqlite3_column_int64(st, at + 2);
    x.stars = sqlite3_column_int64(st, at + 3);
    x.body = optional_text(st, at + 4);
}

/** Rows of a model, kept at stable addresses (the related objects point at them). */
template <class T>
using objects = std::deque<T>;

template <class T, class... Ts>
objects<T> query(sqlite3* db, const char* sql, const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    objects<T> out;
    while (st.step()) read(st.get(), 0, out.emplace_back());
    return out;
}

/** selectin for has_many: the children whose foreign key is one of the parents' keys. */
template <class C, class P, class FK, class Member>
objects<C> load_many(sqlite3* db, const char* sql, objects<P>& parents, std::int64_t P::*key, FK C::*fk,
                     Member P::*member) {
    std::unordered_map<std::int64_t, P*> by_key;
    std::vector<std::int64_t> keys;
    for (P& p : parents) {
        if (by_key.emplace(p.*key, &p).second) keys.push_back(p.*key);
    }
    statement st(db, sql);
    st.bind(json_list(keys));
    objects<C> out;
    while (st.step()) {
        C& c = out.emplace_back();
        read(st.get(), 0, c);
        if (auto it = by_key.find(c.*fk); it != by_key.end()) (it->second->*member).push_back(&c);
    }
    return out;
}

/** selectin for belongs_to: the objects the rows' foreign keys reference. */
template <class P, class C>
objects<P> load_one(sqlite3* db, const char* sql, objects<C>& rows, std::int64_t C::*fk, P* C::*member) {
    std::vector<std::int64_t> keys;
    for (C& c : rows) keys.push_back(c.*fk);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    statement st(db, sql);
    st.bind(json_list(keys));
    objects<P> out;
    std::unordered_map<std::int64_t, P*> by_key;
    while (st.step()) {
        P& p = out.emplace_back();
        read(st.get(), 0, p);
        by_key.emplace(p.id, &p);
    }
    for (C& c : rows) {
        if (auto it = by_key.find(c.*fk); it != by_key.end()) c.*member = it->second;
    }
    return out;
}

/** selectin for products' categories (many-to-many): the owner's key, then the category. */
objects<Category> load_categories(sqlite3* db, const char* sql, objects<Product>& parents) {
    std::unordered_map<std::int64_t, Product*> by_key;
    std::vector<std::int64_t> keys;
    for (Product& p : parents) {
        if (by_key.emplace(p.id, &p).second) keys.push_back(p.id);
    }
    statement st(db, sql);
    st.bind(json_list(keys));
    objects<Category> out;
    while (st.step()) {
        Category& c = out.emplace_back();
        read(st.get(), 1, c);
        if (auto it = by_key.find(sqlite3_column_int64(st.get(), 0)); it != by_key.end()) it->second->categories.push_back(&c);
    }
    return out;
}

/** selectin for categories' products (many-to-many), the other way. */
objects<Product> load_products(sqlite3* db, const char* sql, objects<Category>& parents) {
    std::unordered_map<std::int64_t, Category*> by_key;
    std::vector<std::int64_t> keys;
    for (Category& c : parents) {
        if (by_key.emplace(c.id, &c).second) keys.push_back(c.id);
    }
    statement st(db, sql);
    st.bind(json_list(keys));
    objects<Product> out;
    while (st.step()) {
        Product& p = out.emplace_back();
        read(st.get(), 1, p);
        if (auto it = by_key.find(sqlite3_column_int64(st.get(), 0)); it != by_key.end()) it->second->products.push_back(&p);
    }
    return out;
}


/** joined many-to-one: the model's columns, then the target's (NULL when there is none). */
template <class T, class U, class... Ts>
std::pair<objects<T>, objects<U>> joined_one(sqlite3* db, const char* sql, U* T::*member, const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    std::pair<objects<T>, objects<U>> out;
    std::unordered_map<std::int64_t, U*> seen;
    constexpr int at = shop::width<T>;
    while (st.step()) {
        T& t = out.first.emplace_back();
        read(st.get(), 0, t);
        if (sqlite3_column_type(st.get(), at) == SQLITE_NULL) continue;
        const std::int64_t key = sqlite3_column_int64(st.get(), at);
        auto [it, added] = seen.emplace(key, nullptr);
        if (added) {
            it->second = &out.second.emplace_back();
            read(st.get(), at, *it->second);
        }
        t.*member = it->second;
    }
    return out;
}

/** joined has_many: each parent once, its children attached in row order. */
template <class T, class U, class... Ts>
std::pair<objects<T>, objects<U>> joined_many(sqlite3* db, const char* sql, std::vector<U*> T::*member,
                                              const Ts&... values) {
    statement st(db, sql);
    st.bind(values...);
    std::pair<objects<T>, objects<U>> out;
    std::unordered_map<std::int64_t, T*> seen;
    constexpr int at = shop::width<T>;
    while (st.step()) {
        const std::int64_t key = sqlite3_column_int64(st.get(), 0);
        auto [it, added] = seen.emplace(key, nullptr);
        if (added) {
            it->second = &out.first.emplace_back();
            read(st.get(), 0, *it->second);
        }
        if (sqlite3_column_type(st.get(), at) == SQLITE_NULL) continue;
        U& u = out.second.emplace_back();
        read(st.get(), at, u);
        (it->second->*member).push_back(&u);
    }
    return out;
}
'''


def floor_program():
    out = ["// Generated by benchmarks/compile/program.py --floor: do not edit.",
           "// The floor of the program benchmark: the same program shape as program.py's, written",
           "// as SQL strings through the sqlite3 C API, the eager loads done by hand; no retort.",
           "#include <sqlite3.h>", "", "#include <algorithm>", "#include <array>", "#include <cmath>",
           "#include <cstdint>", "#include <cstdio>", "#include <deque>", "#include <exception>",
           "#include <optional>", "#include <stdexcept>", "#include <string>", "#include <unordered_map>",
           "#include <utility>", "#include <vector>", ""]
    out.append(FLOOR_MODELS)
    out.append("namespace {\n")
    out.append("using shop::Category;\nusing shop::Customer;\nusing shop::Order;\nusing shop::OrderItem;\n"
               "using shop::Product;\nusing shop::ProductCategory;\nusing shop::Review;")
    out.append(MAKERS.replace("retort::", ""))
    out.append(FLOOR_PRELUDE)
    out.append(r'''const char* const schema =
    "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL, "
    "email VARCHAR(120) NOT NULL UNIQUE, city TEXT, points INTEGER NOT NULL DEFAULT 0, "
    "created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);"
    "CREATE TABLE products (id INTEGER NOT NULL PRIMARY KEY, sku VARCHAR(32) NOT NULL UNIQUE, "
    "name TEXT NOT NULL, price REAL NOT NULL, stock INTEGER NOT NULL DEFAULT 0, active BOOLEAN NOT NULL);"
    "CREATE TABLE categories (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE, "
    "description TEXT);"
    "CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL "
    "REFERENCES customers (id), status VARCHAR(20) NOT NULL, total REAL NOT NULL, note TEXT);"
    "CREATE INDEX ix_orders_customer_id ON orders (customer_id);"
    "CREATE INDEX ix_orders_status ON orders (status);"
    "CREATE TABLE order_items (id INTEGER NOT NULL PRIMARY KEY, order_id INTEGER NOT NULL "
    "REFERENCES orders (id), product_id INTEGER NOT NULL REFERENCES products (id), "
    "quantity INTEGER NOT NULL, unit_price REAL NOT NULL);"
    "CREATE INDEX ix_order_items_order_id ON order_items (order_id);"
    "CREATE TABLE reviews (id INTEGER NOT NULL PRIMARY KEY, product_id INTEGER NOT NULL "
    "REFERENCES products (id), customer_id INTEGER NOT NULL REFERENCES customers (id), "
    "stars INTEGER NOT NULL, body TEXT);"
    "CREATE INDEX ix_reviews_product_id ON reviews (product_id);"
    "CREATE TABLE product_categories (product_id INTEGER NOT NULL REFERENCES products (id), "
    "category_id INTEGER NOT NULL REFERENCES categories (id), PRIMARY KEY (product_id, category_id));";
''')
    for name, _, body in CORE:
        out.append(f"std::int64_t core_{name}(sqlite3* db) {{")
        out.append(body)
        out.append("}\n")
    for name, _, _, body in ORM:
        out.append(f"std::int64_t orm_{name}(sqlite3* db) {{")
        out.append("    std::int64_t n = 0;")
        out.append(body)
        out.append("    return n;")
        out.append("}\n")
    out.append(r'''// The unit of work by hand: the inserts with their keys read back, a change, a unique
// violation rolled back and retried, a change given up, two more rows.
std::int64_t session_writes(sqlite3* db) {
    std::int64_t n = 0;
    exec(db, "BEGIN");
    const Customer dana = make_customer(21);
    const std::int64_t dana_id = scalar(db, "INSERT INTO customers (name, email, city, points) VALUES (?, ?, ?, ?) "
                                            "RETURNING id, created_at", dana.name, dana.email, dana.city, dana.points);
    const Order order = make_order(31);
    const std::int64_t order_id = scalar(db, "INSERT INTO orders (customer_id, status, total, note) VALUES (?, ?, ?, ?) "
                                             "RETURNING id", dana_id, order.status, order.total, order.note);
    const OrderItem item = make_item(61);
    const std::int64_t item_id = scalar(db, "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
                                            "VALUES (?, ?, ?, ?) RETURNING id", order_id, std::int64_t{2}, item.quantity,
                                        item.unit_price);
    affected(db, "INSERT INTO product_categories (product_id, category_id) VALUES (?, ?)", std::int64_t{2}, std::int64_t{2});
    exec(db, "COMMIT");
    n += dana_id + order_id + item_id;

    exec(db, "BEGIN");
    affected(db, "UPDATE customers SET points = ? WHERE customers.id = ?", dana.points + 7, dana_id);
    affected(db, "UPDATE orders SET note = ? WHERE orders.id = ?", "gift", order_id);
    exec(db, "COMMIT");

    Customer twin = make_customer(1);
    static constexpr char insert_customer[] =
        "INSERT INTO customers (name, email, city, points) VALUES (?, ?, ?, ?) RETURNING id, created_at";
    exec(db, "BEGIN");
    try {
        n += scalar(db, insert_customer, twin.name, twin.email, twin.city, twin.points);
        exec(db, "COMMIT");
    } catch (const std::runtime_error&) {
        exec(db, "ROLLBACK");
        twin.email = "twin@example.com";
        exec(db, "BEGIN");
        n += scalar(db, insert_customer, twin.name, twin.email, twin.city, twin.points);
        exec(db, "COMMIT");
        n += 1000;
    }

    exec(db, "BEGIN");
    affected(db, "UPDATE customers SET points = ? WHERE customers.id = ?", std::int64_t{999}, std::int64_t{2});
    exec(db, "ROLLBACK");

    exec(db, "BEGIN");
    for (int k : {26, 27}) {
        const Review r = make_review(k);
        affected(db, "INSERT INTO reviews (product_id, customer_id, stars, body) VALUES (?, ?, ?, ?)", r.product_id,
                 r.customer_id, r.stars, r.body);
    }
    exec(db, "COMMIT");
    n += scalar(db, "SELECT count(*) FROM reviews");
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : ":memory:";
    sqlite3* db = nullptr;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        std::fprintf(stderr, "floor: cannot open %s\n", path);
        return 1;
    }
    int rc = 0;
    try {
        exec(db, "PRAGMA foreign_keys = ON");
        exec(db, schema);
        std::int64_t core = 0;''')
    for name, _, _ in CORE:
        out.append(f"        core += core_{name}(db);")
    out.append("        std::int64_t orm = session_writes(db);")
    for name, _, _, _ in ORM:
        out.append(f"        orm += orm_{name}(db);")
    out.append(r'''        std::printf("floor: %zu core statements, %zu orm queries, core checksum %lld, orm checksum %lld\n",
                    std::size_t{''' + str(len(CORE)) + "}, std::size_t{" + str(len(ORM)) + r'''},
                    static_cast<long long>(core), static_cast<long long>(orm));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floor: %s\n", e.what());
        rc = 1;
    }
    sqlite3_close(db);
    return rc;
}''')
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--floor", action="store_true",
                    help="the same program as SQL strings through the sqlite3 C API (no retort)")
    ap.add_argument("-o", "--output", help="write to this file (default: standard output)")
    args = ap.parse_args()
    text = (floor_program() if args.floor else retort_program()) + "\n"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
