// Helpers shared by the types tests: round trips through value_view and pinned error messages.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "retort/errors.hpp"
#include "retort/types/traits.hpp"

namespace retort_types_test {

/** Binds `v` and reads the value_view back, as a driver would between bind and step. */
template <class T>
T round_trip(const T& v) {
    std::string scratch;
    const retort::value_view view = retort::type_traits<T>::to_value(v, scratch);
    return retort::type_traits<T>::from_value(view);
}

template <class T>
retort::value_view bind(const T& v, std::string& scratch) {
    return retort::type_traits<T>::to_value(v, scratch);
}

/** The data_error message of reading `v` into T, after checking its code is "decode". */
template <class T>
std::string decode_error(const retort::value_view& v) {
    try {
        (void)retort::type_traits<T>::from_value(v);
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "decode");
        return e.what();
    }
    ADD_FAILURE() << "no data_error";
    return {};
}

/** The data_error message of binding `v`, after checking its code is "encode". */
template <class T>
std::string encode_error(const T& v) {
    std::string scratch;
    try {
        (void)retort::type_traits<T>::to_value(v, scratch);
    } catch (const retort::data_error& e) {
        EXPECT_EQ(e.code(), "encode");
        return e.what();
    }
    ADD_FAILURE() << "no data_error";
    return {};
}

}  // namespace retort_types_test
