// The ORM tutorial's steps in retort: models, create_all, CRUD through a session, filtering,
// many-to-many tags, eager loading against N+1, and an IntegrityError rolled back.
#include <retort/retort.hpp>
#include <retort/sqlite.hpp>

#include <cstdint>
#include <fmt/core.h>
#include <optional>
#include <string>
#include <vector>

struct Post;
struct Tag;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<std::string> bio;
    retort::timestamp created_at{};
    retort::many<Post> posts;
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::int64_t author_id = 0;
    retort::one<User> author;
    retort::many<Tag> tags;
};

struct Tag {
    std::int64_t id = 0;
    std::string name;
};

struct PostTag {
    std::int64_t post_id = 0;
    std::int64_t tag_id = 0;
};

template <> inline constexpr auto retort::table<User> = retort::table_def{
    "users",
    retort::column<&User::username>.max_length(50).unique(),
    retort::column<&User::email>.max_length(120).unique(),
    retort::column<&User::created_at>.server_default(retort::func::now()),
    retort::has_many<&User::posts>.by(&Post::author_id),
};
template <> inline constexpr auto retort::table<Post> = retort::table_def{
    "posts",
    retort::column<&Post::title>.max_length(200),
    retort::column<&Post::author_id>.references(&User::id).index(),
    retort::belongs_to<&Post::author>.by(&Post::author_id),
    retort::many_to_many<&Post::tags>.through(&PostTag::post_id, &PostTag::tag_id),
};
template <> inline constexpr auto retort::table<Tag> = retort::table_def{
    "tags", retort::column<&Tag::name>.max_length(50).unique()};
template <> inline constexpr auto retort::table<PostTag> = retort::table_def{
    "post_tags",
    retort::primary_key<&PostTag::post_id, &PostTag::tag_id>,
    retort::column<&PostTag::post_id>.references(&Post::id),
    retort::column<&PostTag::tag_id>.references(&Tag::id),
};

namespace {

User new_user(std::string name) {
    User u;
    u.email = name + "@example.com";
    u.username = std::move(name);
    return u;
}

Post new_post(std::string title) {
    Post p;
    p.title = std::move(title);
    p.body = "...";
    return p;
}

}  // namespace

int main() {
    using retort::col;
    retort::engine_options options;
    options.echo = true;  // like echo=True: every statement, its values and its time
    options.echo_to = [](const retort::echo_record& r) { fmt::print("  SQL: {}\n", r.sql); };
    auto engine = retort::create_engine("sqlite://", options);
    retort::create_all<User, Post, Tag, PostTag>(engine);

    fmt::print("-- CREATE\n");
    {
        retort::session s{engine};
        User& alice = s.add(new_user("alice"));
        s.commit();
        fmt::print("alice.id = {}\n", alice.id);  // assigned by the database

        s.add_all(std::vector<User>{new_user("bob"), new_user("charlie")});
        s.commit();
    }

    fmt::print("-- READ, UPDATE, DELETE\n");
    {
        retort::session s{engine};
        User* alice = s.get<User>(1);  // SELECT ... WHERE id = ?
        fmt::print("get(1) -> {}\n", alice->username);
        alice->email = "newalice@example.com";  // the session notices
        s.commit();                              // UPDATE users SET email = ? WHERE id = ?
        User* charlie = s.get<User>(3);
        s.remove(*charlie);
        s.commit();
    }

    fmt::print("-- QUERYING\n");
    {
        retort::session s{engine};
        auto users = s.scalars(retort::select<User>()
                                   .where(col<&User::email>.like("%@example.com") ||
                                          col<&User::username> == "alice")
                                   .order_by(col<&User::created_at>.desc(), col<&User::id>.asc())
                                   .limit(10)
                                   .offset(0));
        for (User& u : users) fmt::print("found {}\n", u.username);
        const auto n = s.scalar(retort::select(retort::count()).select_from<User>());
        fmt::print("count = {}\n", n);
    }

    fmt::print("-- MANY-TO-MANY\n");
    {
        retort::session s{engine};
        User& bob = *s.get<User>(2);
        Tag& cpp = s.add(Tag{0, "cpp"});
        Tag& tutorial = s.add(Tag{0, "tutorial"});
        Post& guide = bob.posts.add(new_post("retort guide"));  // author_id set at flush
        guide.tags.add(cpp);                                     // post_tags rows at flush
        guide.tags.add(tutorial);
        bob.posts.add(new_post("notes")).tags.add(cpp);
        s.commit();
        for (Tag& t : guide.tags) fmt::print("guide is tagged {}\n", t.name);

        auto tagged = s.scalars(
            retort::select<Post>().where(col<&Post::tags>.any(col<&Tag::name> == "tutorial")));
        for (Post& p : tagged) fmt::print("tagged 'tutorial': {}\n", p.title);
    }

    fmt::print("-- EAGER LOADING (no N+1)\n");
    {
        retort::session s{engine};
        auto users = s.scalars(retort::select<User>().options(
            retort::selectinload<&User::posts>.then(retort::selectinload<&Post::tags>)));
        for (User& u : users)
            for (Post& p : u.posts) fmt::print("{}: {} ({} tags)\n", u.username, p.title, p.tags.size());

        auto posts = s.scalars(retort::select<Post>().options(retort::joinedload<&Post::author>));
        for (Post& p : posts) fmt::print("'{}' by {}\n", p.title, p.author->username);
    }

    fmt::print("-- INTEGRITY ERROR\n");
    {
        retort::session s{engine};
        User& dup = s.add(new_user("alice"));  // username is unique
        try {
            s.commit();
        } catch (const retort::integrity_error& e) {
            fmt::print("integrity_error: {}\n", e.what());
            s.rollback();  // required before the session is used again
            dup.username = "alice2";
            dup.email = "alice2@example.com";
            s.commit();
            fmt::print("retried: alice2 has id {}\n", dup.id);
        }
    }
    return 0;
}
