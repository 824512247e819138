// User types through retort::stored_as: money kept as cents, a uuid kept as its text.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec_testing.hpp"

namespace shop {

/** An amount of money in cents: stored as BIGINT. */
struct money {
    std::int64_t cents = 0;
    friend bool operator==(money, money) = default;
};

/** 16 bytes, written as the usual 36-character text; stored as UUID (TEXT on SQLite). */
struct uuid {
    std::array<std::uint8_t, 16> bytes{};
    friend bool operator==(const uuid&, const uuid&) = default;

    std::string to_string() const {
        constexpr char hex[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i != 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
            out += hex[bytes[i] >> 4];
            out += hex[bytes[i] & 0xf];
        }
        return out;
    }
    static uuid parse(std::string_view s) {
        const auto nibble = [&](char c) -> std::uint8_t {
            if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
            if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
            if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
            throw retort::data_error("decode", "text '" + std::string(s) + "' is not a uuid");
        };
        if (s.size() != 36) throw retort::data_error("decode", "text '" + std::string(s) + "' is not a uuid");
        uuid u;
        std::size_t at = 0;
        for (std::size_t i = 0; i != 16; ++i) {
            if (s[at] == '-') ++at;
            u.bytes[i] = static_cast<std::uint8_t>(nibble(s[at]) << 4 | nibble(s[at + 1]));
            at += 2;
        }
        return u;
    }
};

/** A name kept inside the object: `to_stored` returns a reference, so nothing is copied. */
struct label {
    std::string text;
    friend bool operator==(const label&, const label&) = default;
};

}  // namespace shop

template <>
struct retort::type_traits<shop::money> : retort::stored_as<shop::money, std::int64_t> {
    static std::int64_t to_stored(const shop::money& m) { return m.cents; }
    static shop::money from_stored(std::int64_t cents) { return shop::money{cents}; }
};

template <>
struct retort::type_traits<shop::uuid>
    : retort::stored_as<shop::uuid, std::string, retort::sql_kind::uuid> {
    static std::string to_stored(const shop::uuid& u) { return u.to_string(); }
    static shop::uuid from_stored(const std::string& s) { return shop::uuid::parse(s); }
};

template <>
struct retort::type_traits<shop::label> : retort::stored_as<shop::label, std::string> {
    static const std::string& to_stored(const shop::label& l) { return l.text; }
    static shop::label from_stored(std::string s) { return shop::label{std::move(s)}; }
};

namespace {

using retort::value_type;
using retort::value_view;
using retort_types_test::decode_error;
using retort_types_test::round_trip;

static_assert(retort::mappable<shop::money>);
static_assert(retort::mappable<std::optional<shop::money>>);
static_assert(retort::sql_kind_v<shop::money> == retort::sql_kind::bigint);
static_assert(retort::sql_kind_v<shop::uuid> == retort::sql_kind::uuid);
static_assert(retort::sql_kind_v<shop::label> == retort::sql_kind::text);
static_assert(std::is_same_v<retort::type_traits<shop::money>::stored_type, std::int64_t>);

constexpr shop::uuid sample{{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42,
                             0x66, 0x14, 0x17, 0x40, 0x00}};

TEST(TypesCustom, MoneyIsStoredAsCents) {
    std::string scratch;
    const auto v = retort_types_test::bind(shop::money{-12345}, scratch);
    EXPECT_EQ(v.type, value_type::integer);
    EXPECT_EQ(v.i, -12345);
    EXPECT_TRUE(scratch.empty());
    EXPECT_EQ(round_trip(shop::money{std::numeric_limits<std::int64_t>::min()}),
              shop::money{std::numeric_limits<std::int64_t>::min()});
    EXPECT_EQ(round_trip(std::optional<shop::money>{}), std::nullopt);
}

TEST(TypesCustom, MoneyErrorsNameTheType) {
    EXPECT_EQ(decode_error<shop::money>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<money>");
    EXPECT_EQ(decode_error<shop::money>(value_view::text("12.50")),
              "cannot read text '12.50' into std::int64_t: expected an integer");
}

TEST(TypesCustom, UuidIsStoredAsItsTextInScratch) {
    std::string scratch;
    const auto v = retort_types_test::bind(sample, scratch);
    EXPECT_EQ(v.type, value_type::text);
    EXPECT_EQ(v.bytes, "123e4567-e89b-12d3-a456-426614174000");
    EXPECT_EQ(v.bytes.data(), scratch.data());
    EXPECT_EQ(round_trip(sample), sample);
    EXPECT_EQ(retort::type_traits<shop::uuid>::from_value(
                  value_view::text("123E4567-E89B-12D3-A456-426614174000")),
              sample);
    EXPECT_EQ(decode_error<shop::uuid>(value_view::text("not-a-uuid")),
              "text 'not-a-uuid' is not a uuid");
}

TEST(TypesCustom, StoredReferenceIsNotCopied) {
    std::string scratch;
    const shop::label l{"a label longer than any small-string buffer"};
    const auto v = retort_types_test::bind(l, scratch);
    EXPECT_EQ(v.bytes.data(), l.text.data());
    EXPECT_TRUE(scratch.empty());
    EXPECT_EQ(round_trip(l), l);
}

}  // namespace
