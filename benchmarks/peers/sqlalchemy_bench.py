#!/usr/bin/env python3
"""W1-W7 through SQLAlchemy 1.4 (Debian's python3-sqlalchemy, python3-psycopg2), Core and ORM,
on the tables and data of benchmarks/peers/workload.hpp. Prints CSV rows like the C++ programs:
contender,backend,workload,rep,seconds.

    /usr/bin/python3 sqlalchemy_bench.py --backend sqlite-memory|sqlite-file|postgresql --reps 3
"""
import argparse
import os
import sys
import time

from sqlalchemy import (BigInteger, Column, ForeignKey, Integer, String, Text, create_engine, event,
                        func, select, text, update)
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload

W1_ROWS = 100_000
W2_LOOKUPS = 100_000
W3_ROWS = 100_000
W4_USERS = 1_000
W4_POSTS_PER_USER = 10
W5_QUERIES = 100_000
W6_OBJECTS = 100_000
W7_OBJECTS = 10_000

Base = declarative_base()
Key = BigInteger().with_variant(Integer, "sqlite")  # INTEGER PRIMARY KEY is SQLite's rowid


class User(Base):
    __tablename__ = "users"
    id = Column(Key, primary_key=True)
    name = Column(String(50), nullable=False)
    email = Column(String(120), nullable=False)
    age = Column(BigInteger, nullable=False)
    bio = Column(Text)
    posts = relationship("Post")


class Post(Base):
    __tablename__ = "posts"
    id = Column(Key, primary_key=True)
    user_id = Column(BigInteger, ForeignKey("users.id"), nullable=False, index=True)
    title = Column(String(100), nullable=False)
    body = Column(Text, nullable=False)


users_t = User.__table__
posts_t = Post.__table__


def make_user(i):
    return {"name": f"user{i}", "email": f"user{i}@example.com", "age": 18 + i % 60,
            "bio": "writes about databases and C++, mostly at night" if i % 2 == 0 else None}


USERS = [make_user(i) for i in range(W1_ROWS)]
POSTS = [{"user_id": u, "title": f"post {j} of user {u}",
          "body": "a short body of text, the same length for every post in the run"}
         for u in range(1, W4_USERS + 1) for j in range(W4_POSTS_PER_USER)]


def lookup_keys():
    keys, x = [], 42
    for _ in range(W2_LOOKUPS):
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        keys.append((x >> 33) % W1_ROWS + 1)
    return keys


KEYS = lookup_keys()
FILTERS = [(f"user%{k % 10}%", (k * 7919) % 90_000, 5 + k % 11) for k in range(W5_QUERIES)]


def schema_sql(pg):
    key = "BIGSERIAL PRIMARY KEY" if pg else "INTEGER PRIMARY KEY"
    big = "BIGINT" if pg else "INTEGER"
    return ["DROP TABLE IF EXISTS posts", "DROP TABLE IF EXISTS users",
            f"CREATE TABLE users (id {key}, name VARCHAR(50) NOT NULL, email VARCHAR(120) NOT NULL, "
            f"age {big} NOT NULL, bio TEXT)",
            f"CREATE TABLE posts (id {key}, user_id {big} NOT NULL REFERENCES users (id), "
            "title VARCHAR(100) NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX ix_posts_user_id ON posts (user_id)"]


class Run:
    def __init__(self, args):
        self.backend = args.backend
        self.pg = args.backend == "postgresql"
        if self.pg:
            url = os.environ["RETORT_TEST_POSTGRES_URL"].replace("postgresql://", "postgresql+psycopg2://", 1)
        elif args.backend == "sqlite-file":
            url = "sqlite:///" + args.file
        else:
            url = "sqlite://"
        self.file = args.file if args.backend == "sqlite-file" else None
        self.url = url

    def engine(self):
        if self.file:
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(self.file + suffix):
                    os.remove(self.file + suffix)
        engine = create_engine(self.url, future=True)
        if not self.pg:
            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys = ON")
                if self.file:
                    cur.execute("PRAGMA journal_mode = WAL")
                cur.close()
        self.reset(engine)
        return engine

    def reset(self, engine):
        with engine.begin() as conn:
            for s in schema_sql(self.pg):
                conn.execute(text(s))

    def fill(self, engine):
        with engine.begin() as conn:
            conn.execute(users_t.insert(), USERS)
            conn.execute(posts_t.insert(), POSTS)
            if self.pg:
                conn.execute(text("ANALYZE"))

    def timed(self, contender, workload, rep, fn):
        start = time.perf_counter()
        fn()
        took = time.perf_counter() - start
        print(f"{contender},{self.backend},{workload},{rep},{took:.9f}", flush=True)


def expect(ok, what):
    if not ok:
        sys.exit(f"check failed: {what}")


def run_core(r, rep):
    engine = r.engine()
    c = "sqlalchemy-core"

    def w1():
        with engine.begin() as conn:
            stmt = users_t.insert()
            for u in USERS:  # one statement per row, as W1 asks (not executemany)
                conn.execute(stmt, u)
    r.timed(c, "W1", rep, w1)
    with engine.begin() as conn:
        conn.execute(posts_t.insert(), POSTS)
        if r.pg:
            conn.execute(text("ANALYZE"))

    with engine.connect() as conn:
        def w2():
            total = 0
            for k in KEYS:
                total += conn.execute(select(users_t).where(users_t.c.id == k)).one().id
            expect(total > 0, "W2")
        r.timed(c, "W2", rep, w2)

        def w3():
            expect(len(conn.execute(select(users_t)).all()) == W3_ROWS, "W3")
        r.timed(c, "W3", rep, w3)

        def w4():
            users = conn.execute(select(users_t).where(users_t.c.id <= W4_USERS).order_by(users_t.c.id)).all()
            posts = conn.execute(select(posts_t).where(posts_t.c.user_id <= W4_USERS)
                                 .order_by(posts_t.c.user_id, posts_t.c.id)).all()
            by_user = {u.id: (u, []) for u in users}
            for p in posts:
                by_user[p.user_id][1].append(p)
            expect(len(by_user) == W4_USERS and len(by_user[W4_USERS][1]) == W4_POSTS_PER_USER, "W4")
        r.timed(c, "W4", rep, w4)

        def w5():
            rows = 0
            for pattern, min_id, limit in FILTERS:
                rows += len(conn.execute(select(users_t).where(users_t.c.name.like(pattern), users_t.c.id > min_id)
                                         .order_by(users_t.c.id).limit(limit)).all())
            expect(rows > 0, "W5")
        r.timed(c, "W5", rep, w5)
        conn.rollback()

        loaded = [dict(row._mapping) for row in
                  conn.execute(select(users_t).where(users_t.c.id <= W7_OBJECTS).order_by(users_t.c.id))]
        conn.rollback()

        def w7():
            for u in loaded:
                u["age"] += 1
            with conn.begin():
                for u in loaded:
                    res = conn.execute(update(users_t).where(users_t.c.id == u["id"]).values(age=u["age"]))
                    expect(res.rowcount == 1, "W7")
        r.timed(c, "W7", rep, w7)
    engine.dispose()


def run_orm(r, rep):
    engine = r.engine()
    r.fill(engine)
    c = "sqlalchemy-orm"

    with Session(engine) as s:
        def w2a():
            total = 0
            for k in KEYS[:W7_OBJECTS]:
                total += s.scalars(select(User).where(User.id == k)).one().id
            expect(total > 0, "W2a")
        r.timed(c, "W2a", rep, w2a)

    with Session(engine) as s:
        def w2():
            total = 0
            for k in KEYS:  # a query per key: session.get() would answer repeats from the identity map
                total += s.scalars(select(User).where(User.id == k)).one().id
            expect(total > 0, "W2")
        r.timed(c, "W2", rep, w2)

    def w3():
        with Session(engine) as s:
            expect(len(s.scalars(select(User)).all()) == W3_ROWS, "W3")
    r.timed(c, "W3", rep, w3)

    def w4(option, name):
        def run():
            with Session(engine) as s:
                result = s.scalars(select(User).where(User.id <= W4_USERS).order_by(User.id).options(option(User.posts)))
                users = result.unique().all()
                n = sum(len(u.posts) for u in users)
                expect(len(users) == W4_USERS and n == W4_USERS * W4_POSTS_PER_USER, "W4")
        r.timed(name, "W4", rep, run)
    w4(selectinload, c)
    w4(joinedload, "sqlalchemy-orm-joinedload")

    with Session(engine) as s:
        def w5():
            rows = 0
            for pattern, min_id, limit in FILTERS:
                rows += len(s.scalars(select(User).where(User.name.like(pattern), User.id > min_id)
                                      .order_by(User.id).limit(limit)).all())
            expect(rows > 0, "W5")
        r.timed(c, "W5", rep, w5)

    with Session(engine) as s:
        loaded = s.scalars(select(User).where(User.id <= W7_OBJECTS).order_by(User.id)).all()

        def w7():
            for u in loaded:
                u.age += 1
            s.commit()
        r.timed(c, "W7", rep, w7)

    r.reset(engine)

    def w6():
        with Session(engine) as s:
            s.add_all([User(**u) for u in USERS])
            s.commit()
    r.timed(c, "W6", rep, w6)
    with engine.connect() as conn:
        expect(conn.execute(select(func.count()).select_from(users_t)).scalar() == W6_OBJECTS, "W6")
    engine.dispose()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", default="sqlite-memory")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--file", default="/tmp/retort-bench-sqlalchemy.db")
    ap.add_argument("--only", default="core,orm")
    args = ap.parse_args()
    r = Run(args)
    for rep in range(1, args.reps + 1):
        if "core" in args.only:
            run_core(r, rep)
        if "orm" in args.only:
            run_orm(r, rep)


if __name__ == "__main__":
    main()
