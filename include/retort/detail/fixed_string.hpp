// A string usable as a template argument: table aliases, labels, function names, raw SQL.
#pragma once

#include <cstddef>
#include <string_view>

namespace retort {

/** A compile-time string that can be passed as a template argument.
 *
 *      template <retort::fixed_string Name> struct label {};
 *      label<"total"> l;
 */
template <std::size_t N>
struct fixed_string {
    char data[N + 1]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&s)[N + 1]) noexcept {  // NOLINT: implicit on purpose
        for (std::size_t i = 0; i != N; ++i) data[i] = s[i];
    }
    constexpr fixed_string(std::string_view s) noexcept {
        for (std::size_t i = 0; i != N && i != s.size(); ++i) data[i] = s[i];
    }

    [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {data, N}; }
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT

    template <std::size_t M>
    constexpr bool operator==(const fixed_string<M>& other) const noexcept {
        return view() == other.view();
    }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

}  // namespace retort
