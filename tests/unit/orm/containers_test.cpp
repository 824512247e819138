// The session's containers against the standard ones they replace: same answers under random
// inserts, replacements and removals, stable addresses, snapshots that survive compaction.
#include <retort/orm/detail/containers.hpp>
#include <retort/orm/detail/snapshot.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace {

using retort::orm::detail::byte_arena;
using retort::orm::detail::identity_index;
using retort::orm::detail::key_hash;
using retort::orm::detail::stable_vector;

TEST(stable_vector, keeps_addresses_and_order_across_chunks) {
    stable_vector<std::string> v;
    std::vector<const std::string*> seen;
    for (int i = 0; i < 20'000; ++i) seen.push_back(&v.emplace_back(std::to_string(i)));
    ASSERT_EQ(v.size(), 20'000U);
    int i = 0;
    for (const std::string& s : v) {
        EXPECT_EQ(&s, seen[static_cast<std::size_t>(i)]);
        EXPECT_EQ(s, std::to_string(i));
        ++i;
    }
    EXPECT_EQ(i, 20'000);
}

TEST(stable_vector, pop_back_reuses_the_slot_and_empty_chunks) {
    stable_vector<std::string> v;
    for (int i = 0; i < 32; ++i) v.emplace_back("x");  // exactly one full chunk
    v.emplace_back("first of the second chunk");
    v.pop_back();
    v.pop_back();
    EXPECT_EQ(v.size(), 31U);
    std::string& again = v.emplace_back("y");
    std::string& next = v.emplace_back("z");
    EXPECT_EQ(again, "y");
    EXPECT_EQ(next, "z");
    std::size_t n = 0;
    for (auto& s : v) n += s.empty() ? 0 : 1;
    EXPECT_EQ(n, 33U);
}

TEST(identity_index, matches_unordered_map_under_random_operations) {
    using key = std::tuple<std::int64_t>;
    identity_index<key, int, key_hash<key>> index;
    std::unordered_map<std::int64_t, int*> expected;
    std::vector<int> values(64);
    std::mt19937_64 rng(7);
    for (int step = 0; step < 200'000; ++step) {
        // Keys from a small range with strides, so runs collide and deletions shift them.
        const std::int64_t k = static_cast<std::int64_t>(rng() % 3000) * ((step % 3) + 1) * 64;
        int* v = &values[rng() % values.size()];
        switch (rng() % 3) {
            case 0:
            case 1:
                index.assign(key{k}, v);
                expected[k] = v;
                break;
            default: {
                auto it = expected.find(k);
                // Erasing with another value leaves the key alone.
                const int* which = (it != expected.end() && rng() % 4 != 0) ? it->second : v;
                index.erase(key{k}, which);
                if (it != expected.end() && it->second == which) expected.erase(it);
            }
        }
        if (step % 1000 == 0) {
            ASSERT_EQ(index.size(), expected.size());
            for (const auto& [ek, ev] : expected) ASSERT_EQ(index.find(key{ek}), ev) << ek;
        }
    }
    std::size_t visited = 0;
    index.for_each([&](int*) { ++visited; });
    EXPECT_EQ(visited, expected.size());
    index.clear();
    EXPECT_EQ(index.find(key{0}), nullptr);
}

TEST(identity_index, composite_and_text_keys) {
    using key = std::tuple<std::string, std::int64_t>;
    identity_index<key, int, key_hash<key>> index;
    int a = 1, b = 2;
    index.assign(key{"alice", 1}, &a);
    index.assign(key{"alice", 2}, &b);
    EXPECT_EQ(index.find(key{"alice", 1}), &a);
    EXPECT_EQ(index.find(key{"alice", 2}), &b);
    EXPECT_EQ(index.find(key{"bob", 1}), nullptr);
    index.erase(key{"alice", 1}, &a);
    EXPECT_EQ(index.find(key{"alice", 1}), nullptr);
    EXPECT_EQ(index.find(key{"alice", 2}), &b);
}

TEST(byte_arena, copies_outlive_their_sources_and_large_values_get_a_block) {
    byte_arena arena;
    std::string big(200'000, 'q');
    std::string_view small;
    {
        std::string source = "a text that will be gone";
        small = arena.store(source);
    }
    const std::string_view copy = arena.store(big);
    big.assign(big.size(), 'z');
    EXPECT_EQ(small, "a text that will be gone");
    EXPECT_EQ(copy, std::string(200'000, 'q'));
    EXPECT_EQ(arena.store(std::string_view{}), "");
}

}  // namespace

namespace containers_test {
struct note {
    std::int64_t id = 0;
    std::string title;
    std::optional<std::string> body;
    std::vector<std::byte> data;
    double score = 0;
};
}  // namespace containers_test

template <>
inline constexpr auto retort::table<containers_test::note> = retort::table_def{"notes"};

namespace {

using containers_test::note;

using retort::orm::detail::changed_columns;
using retort::orm::detail::restore_snapshot;
using retort::orm::detail::snapshot_of;

TEST(snapshot, finds_each_changed_column_and_restores_values) {
    byte_arena arena;
    note n{1, "title", std::nullopt, {std::byte{1}, std::byte{2}}, 0.5};
    auto snap = snapshot_of(n, arena);
    EXPECT_EQ(changed_columns(n, snap), 0U);
    n.title += "!";
    n.body = "";  // NULL -> empty text is a change
    n.data.push_back(std::byte{3});
    EXPECT_EQ(changed_columns(n, snap), 0b01110U);
    n.score = 1.5;
    EXPECT_EQ(changed_columns(n, snap), 0b11110U);
    restore_snapshot(n, snap);
    EXPECT_EQ(n.title, "title");
    EXPECT_FALSE(n.body.has_value());
    EXPECT_EQ(n.data.size(), 2U);
    EXPECT_EQ(n.score, 0.5);
    EXPECT_EQ(changed_columns(n, snap), 0U);
}

TEST(snapshot, byte_comparison_finds_a_difference_at_every_position_and_length) {
    using retort::orm::detail::same_bytes;
    for (std::size_t n = 0; n != 40; ++n) {
        const std::string a(n, 'x');
        EXPECT_TRUE(same_bytes(a.data(), std::string(a).data(), n));
        for (std::size_t at = 0; at != n; ++at) {
            std::string b = a;
            b[at] = 'y';
            EXPECT_FALSE(same_bytes(a.data(), b.data(), n)) << n << " " << at;
        }
    }
}

TEST(snapshot, survives_a_move_to_a_fresh_arena) {
    auto arena = std::make_unique<byte_arena>();
    note n{1, "kept", std::string("body"), {std::byte{9}}, 0};
    auto snap = snapshot_of(n, *arena);
    byte_arena fresh;
    retort::orm::detail::move_snapshot<note>(snap, fresh);
    arena.reset();  // the old texts are gone
    EXPECT_EQ(changed_columns(n, snap), 0U);
    n.body = "other";
    EXPECT_EQ(changed_columns(n, snap), 0b00100U);
}

}  // namespace
