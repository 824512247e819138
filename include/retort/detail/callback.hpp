// A copyable callable of a fixed signature, without <functional>: what the session keeps for
// listeners and hooks. Copies share the callable (it is called, never copied per call).
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace retort::detail {

template <class Signature>
class callback;

template <class R, class... A>
class callback<R(A...)> {
public:
    callback() = default;
    callback(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor): as std::function
    template <class F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, callback> &&
                 std::is_invocable_r_v<R, std::remove_cvref_t<F>&, A...>)
    callback(F&& f)  // NOLINT(google-explicit-constructor): converts like std::function
        : target_(std::make_shared<std::remove_cvref_t<F>>(std::forward<F>(f))),
          call_([](void* target, A... args) -> R {
              return (*static_cast<std::remove_cvref_t<F>*>(target))(std::forward<A>(args)...);
          }) {}

    [[nodiscard]] explicit operator bool() const noexcept { return call_ != nullptr; }
    R operator()(A... args) const { return call_(target_.get(), std::forward<A>(args)...); }

private:
    std::shared_ptr<void> target_;
    R (*call_)(void*, A...) = nullptr;
};

}  // namespace retort::detail
