// Text and blobs: views without copies on bind, exact bytes back, and the refusals.
#include <gtest/gtest.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "codec_testing.hpp"

namespace {

using retort::value_type;
using retort::value_view;
using retort_types_test::decode_error;
using retort_types_test::round_trip;

std::vector<std::byte> bytes(std::initializer_list<int> xs) {
    std::vector<std::byte> out;
    for (int x : xs) out.push_back(static_cast<std::byte>(x));
    return out;
}

TEST(TypesText, StringsRoundTrip) {
    EXPECT_EQ(round_trip(std::string{}), "");
    EXPECT_EQ(round_trip(std::string{"plain"}), "plain");
    EXPECT_EQ(round_trip(std::string{"Grüße, 世界, 🎉"}), "Grüße, 世界, 🎉");
    const std::string with_nul("a\0b", 3);
    EXPECT_EQ(round_trip(with_nul), with_nul);
    const std::string long_text(100'000, 'x');
    EXPECT_EQ(round_trip(long_text), long_text);
}

TEST(TypesText, StringBindsAViewOfItself) {
    std::string scratch;
    const std::string s = "a string longer than the small-string buffer";
    const auto v = retort_types_test::bind(s, scratch);
    EXPECT_EQ(v.type, value_type::text);
    EXPECT_EQ(v.bytes.data(), s.data());
    EXPECT_EQ(v.bytes.size(), s.size());
    EXPECT_TRUE(scratch.empty());
}

TEST(TypesText, StringDecodeErrors) {
    EXPECT_EQ(decode_error<std::string>(value_view::blob("x")),
              "cannot read a blob into std::string: expected text (read blobs into "
              "std::vector<std::byte>)");
    EXPECT_EQ(decode_error<std::string>(value_view::integer(5)),
              "cannot read an integer 5 into std::string: expected text");
    EXPECT_EQ(decode_error<std::string>(value_view::null()),
              "NULL read into a non-optional field; make the member std::optional<std::string>");
}

TEST(TypesText, LongTextIsCutShortInMessages) {
    const std::string long_text(200, 'y');
    EXPECT_EQ(decode_error<std::int32_t>(value_view::text(long_text)),
              "cannot read text '" + std::string(64, 'y') +
                  "...' into std::int32_t: expected an integer");
}

TEST(TypesText, BlobsRoundTripWithEmbeddedNuls) {
    EXPECT_EQ(round_trip(std::vector<std::byte>{}), std::vector<std::byte>{});
    const auto b = bytes({0x00, 0xff, 0x00, 0x7f, 0x80, 0x00});
    EXPECT_EQ(round_trip(b), b);

    std::string scratch;
    const auto v = retort_types_test::bind(b, scratch);
    EXPECT_EQ(v.type, value_type::blob);
    EXPECT_EQ(v.bytes.size(), 6u);
    EXPECT_EQ(static_cast<const void*>(v.bytes.data()), static_cast<const void*>(b.data()));
    EXPECT_TRUE(scratch.empty());
}

TEST(TypesText, BlobsReadTextToo) {
    EXPECT_EQ(retort::type_traits<std::vector<std::byte>>::from_value(value_view::text("AB")),
              bytes({0x41, 0x42}));
    EXPECT_EQ(decode_error<std::vector<std::byte>>(value_view::integer(1)),
              "cannot read an integer 1 into std::vector<std::byte>: expected a blob");
    EXPECT_EQ(decode_error<std::vector<std::byte>>(value_view::null()),
              "NULL read into a non-optional field; make the member "
              "std::optional<std::vector<std::byte>>");
}

TEST(TypesText, SpanOfBytesBindsWithoutCopy) {
    const auto b = bytes({1, 0, 2});
    std::string scratch;
    const auto v = retort::type_traits<std::span<const std::byte>>::to_value(std::span(b), scratch);
    EXPECT_EQ(v.type, value_type::blob);
    EXPECT_EQ(v.bytes, std::string_view("\x01\x00\x02", 3));
}

TEST(TypesText, OptionalStrings) {
    EXPECT_EQ(round_trip(std::optional<std::string>{}), std::nullopt);
    EXPECT_EQ(round_trip(std::optional<std::string>{""}), "");
    std::string scratch;
    const std::optional<std::string_view> none;
    EXPECT_TRUE(retort_types_test::bind(none, scratch).is_null());
}

}  // namespace
