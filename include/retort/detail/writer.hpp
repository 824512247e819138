// The constexpr SQL writer: one pass counts, a second fills a std::array held in .rodata.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort::detail {

struct dialect_info;  // defined in retort/dialect/dialect.hpp

/*
 * How SQL text becomes a constant.
 *
 * Every node of a statement renders itself with `render(writer&)`. The same rendering code
 * runs twice inside one constant evaluation: first with no buffer, only counting characters,
 * then into a `std::array<char, N + 1>` of exactly the counted size. The array is the value of
 * an `inline constexpr` variable template, so the text lives in .rodata and costs nothing at
 * run time. The dialect travels inside the writer as a value, so nodes are not templated on
 * it; placeholders are numbered as they are written ($1, $2, ... on PostgreSQL).
 */
class writer {
public:
    constexpr explicit writer(const dialect_info& d, char* out = nullptr) noexcept
        : dialect_(&d), out_(out) {}

    constexpr void put(char c) noexcept {
        if (out_ != nullptr) out_[size_] = c;
        ++size_;
    }
    constexpr void put(std::string_view s) noexcept {
        // One step per piece when counting: constant evaluation pays for every call.
        if (out_ != nullptr && !s.empty()) {
#if defined(__clang__)
            // clang copies in one builtin step what it would otherwise interpret char by char.
            __builtin_memcpy(out_ + size_, s.data(), s.size());
#else
            const char* from = s.data();
            for (std::size_t i = 0; i != s.size(); ++i) out_[size_ + i] = from[i];
#endif
        }
        size_ += s.size();
    }
    constexpr void put_uint(std::uint64_t v) noexcept {
        char digits[20]{};
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n != 0) put(digits[--n]);
    }
    constexpr void put_int(std::int64_t v) noexcept {
        if (v < 0) {
            put('-');
            put_uint(static_cast<std::uint64_t>(-(v + 1)) + 1);
        } else {
            put_uint(static_cast<std::uint64_t>(v));
        }
    }

    /** Next placeholder number, 1-based. */
    constexpr std::size_t next_param() noexcept { return ++params_; }
    [[nodiscard]] constexpr std::size_t params() const noexcept { return params_; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    [[nodiscard]] constexpr const dialect_info& dialect() const noexcept { return *dialect_; }

    /** Free-form state a renderer may use (e.g. "inside a DDL statement"). */
    int flags = 0;

private:
    const dialect_info* dialect_;
    char* out_;
    std::size_t size_ = 0;
    std::size_t params_ = 0;
};

/** Text of fixed length in .rodata, with a NUL after it for C APIs. */
template <std::size_t N>
struct static_text {
    std::array<char, N + 1> chars{};
    std::size_t params = 0;
    [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars.data(), N}; }
};

/**
 * Renders `Render::render(writer&)` with dialect `D` into a constant.
 * `Render` is a type with a static constexpr `render(writer&)`.
 */
template <class Render, const dialect_info& D>
consteval std::size_t rendered_size() {
    writer w{D};
    Render::render(w);
    return w.size();
}

template <class Render, const dialect_info& D>
consteval auto render_text() {
    constexpr std::size_t n = rendered_size<Render, D>();
    static_text<n> text{};
    writer w{D, text.chars.data()};
    Render::render(w);
    text.params = w.params();
    return text;
}

template <class Render, const dialect_info& D>
inline constexpr auto rendered_v = render_text<Render, D>();

}  // namespace retort::detail
