// What retort knows of a model at compile time: table, columns, keys, indexes, relationships.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "retort/reflect/reflect.hpp"
#include "retort/schema/mapping.hpp"
#include "retort/schema/options.hpp"
#include "retort/types/traits.hpp"

namespace retort::detail {

// ---- the per-column and per-model records ------------------------------------------------

struct column_info {
    std::string_view name{};
    std::size_t field = 0;
    sql_kind kind = sql_kind::text;
    bool nullable = false;
    std::size_t max_length = 0;
    bool primary_key = false;
    bool autoincrement = false;
    bool unique = false;
    bool index = false;
    literal default_value{};
    literal server_default{};
    std::string_view check{};
    bool has_fk = false;
    std::string_view fk_table{};
    std::string_view fk_column{};
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;
};

struct key_info {
    std::array<std::size_t, max_key_columns> columns{};  // column indices
    std::size_t size = 0;
    bool unique = false;
    std::string_view name{};
};

struct check_info {
    std::string_view name{};
    std::string_view sql{};
};

// ---- the checks of a mapping, one readable message each --------------------------------

template <class O>
struct is_primary_key_def : std::false_type {};
template <auto... M>
struct is_primary_key_def<primary_key_def<M...>> : std::true_type {};

template <class O>
struct is_relationship_def : std::false_type {};
template <relationship_kind K, auto M, class Key, class Other>
struct is_relationship_def<relationship_def<K, M, Key, Other>> : std::true_type {};

template <class O>
struct is_index_def : std::false_type {};
template <auto... M>
struct is_index_def<index_def<M...>> : std::true_type {};

template <class O>
struct is_unique_def : std::false_type {};
template <auto... M>
struct is_unique_def<unique_def<M...>> : std::true_type {};

template <class T, auto... Ms>
constexpr bool all_members_of() {
    return ((field_index_in<T, Ms>() != npos) && ...);
}

/** Whether field I of T is a relationship; false for npos (not a field of T). */
template <class T, std::size_t I>
constexpr bool is_relationship_field() {
    if constexpr (I == npos)
        return false;
    else
        return !model_fields<T>::is_column[I];
}

template <class T, auto... Ms>
constexpr bool no_relationship_member() {
    return (!is_relationship_field<T, field_index_in<T, Ms>()>() && ...);
}

/** The members of a primary_key<...>, index<...> or unique<...>, checked against T. */
template <class T, class O>
struct key_members;
template <class T, template <auto...> class D, auto... M>
struct key_members<T, D<M...>> {
    static_assert(all_members_of<T, M...>(),
                  "retort::table<T>: a primary key, index or unique constraint names a member of "
                  "another struct");
    static_assert(no_relationship_member<T, M...>(),
                  "retort::table<T>: a primary key, index or unique constraint names a "
                  "relationship member");
    static_assert(sizeof...(M) <= max_key_columns,
                  "a primary key, index or unique constraint has at most 8 columns");
    static constexpr bool valid = true;
    static constexpr std::array<std::size_t, sizeof...(M)> fields{field_index_in<T, M>()...};
};

template <class A, class B>
inline constexpr bool same_value_type_v =
    std::is_same_v<typename optional_inner<A>::type, typename optional_inner<B>::type>;

/** Does `Key` (a member of Child) have a references() option pointing at model `Parent`? */
template <class Child, auto Key, class Parent>
constexpr bool references_model() {
    constexpr std::size_t key = field_index_of<Child>(Key);
    for (const option_info& o : model_options<Child>::value)
        if (o.what == option_kind::column && o.field == key && o.fk_model == type_id_of<Parent>)
            return true;
    return false;
}

template <class T, std::size_t K>
constexpr bool check_option() {
    constexpr const auto& opt = std::get<K>(table<T>.options);
    using O = std::remove_cvref_t<decltype(opt)>;
    if constexpr (is_column_def<O>::value) {
        static_assert(field_index_in<T, O::member>() != npos,
                      "retort::table<T>: column<&X::member> names a member of another struct; "
                      "every option in table<T> must name a member of T");
        if constexpr (field_index_in<T, O::member>() != npos) {
            static_assert(!is_relationship_field<T, field_index_in<T, O::member>()>(),
                          "retort::table<T>: column<...> names a relationship member; map it with "
                          "has_many, has_one, belongs_to or many_to_many");
        }
        if constexpr (!std::is_same_v<typename O::fk_type, no_fk>) {
            using target = typename O::fk_type::target_class;
            constexpr std::size_t ti = reflect::info<target>::index_of(opt.fk.member);
            static_assert(ti < reflect::field_count_v<target> &&
                              model_fields<target>::is_column[ti],
                          "references(): the foreign key must point to a column of the referenced "
                          "model, not to a relationship or a missing member");
            static_assert(same_value_type_v<typename O::member_type, typename O::fk_type::target_type>,
                          "references(): the foreign key's type differs from the referenced "
                          "column's type");
        }
    } else if constexpr (is_primary_key_def<O>::value || is_index_def<O>::value ||
                         is_unique_def<O>::value) {
        static_assert(key_members<T, O>::valid);
    } else if constexpr (is_relationship_def<O>::value) {
        constexpr auto rel = O::member;
        static_assert(field_index_in<T, rel>() != npos,
                      "retort::table<T>: a relationship names a member of another struct");
        using shape = relationship_shape<reflect::member_type_t<rel>>;
        static_assert(shape::is_relationship,
                      "a relationship member must be retort::many<Model> or retort::one<Model> "
                      "(or std::vector<Model>, std::optional<Model>, Model for plain values)");
        using other = typename shape::target;
        if constexpr (O::kind == relationship_kind::has_many ||
                      O::kind == relationship_kind::many_to_many) {
            static_assert(shape::to_many,
                          "has_many and many_to_many members must be retort::many<Model> (or "
                          "std::vector<Model>)");
        } else {
            static_assert(!shape::to_many,
                          "belongs_to and has_one members hold one object: retort::one<Model> "
                          "(or std::optional<Model>), not a collection");
        }
        static_assert(!std::is_same_v<typename O::key_type, no_key>,
                      "a relationship needs its foreign key: .by(&Child::fk) or "
                      ".through(&Assoc::this_id, &Assoc::other_id)");
        if constexpr (!std::is_same_v<typename O::key_type, no_key>) {
            constexpr auto key = opt.key;
            using key_class = reflect::member_class_t<key>;
            if constexpr (O::kind == relationship_kind::has_many ||
                          O::kind == relationship_kind::has_one) {
                static_assert(std::is_same_v<key_class, other> || std::is_base_of_v<key_class, other>,
                              "has_many/has_one .by(): the foreign key must be a member of the "
                              "related model");
                static_assert(references_model<other, key, T>(),
                              "relationship: its foreign key does not point back to this model; "
                              "add column<&Child::fk>.references(&Parent::id) to table<Child>");
            } else if constexpr (O::kind == relationship_kind::belongs_to) {
                static_assert(field_index_in<T, key>() != npos,
                              "belongs_to .by(): the foreign key must be a member of this model");
                static_assert(references_model<T, key, other>(),
                              "relationship: its foreign key does not point to the related model; "
                              "add column<&Model::fk>.references(&Related::id)");
            } else {
                constexpr auto other_key = opt.other;
                static_assert(references_model<key_class, key, T>(),
                              "many_to_many .through(): the first key of the association model must "
                              "reference this model");
                static_assert(references_model<key_class, other_key, other>(),
                              "many_to_many .through(): the second key of the association model "
                              "must reference the related model");
            }
        }
    }
    return true;
}

template <class T, std::size_t... K>
constexpr bool check_options(std::index_sequence<K...>) {
    return (check_option<T, K>() && ...);
}

template <std::size_t N>
constexpr std::size_t count_columns(const std::array<bool, N>& is_column) {
    std::size_t n = 0;
    for (bool b : is_column) n += b ? 1 : 0;
    return n;
}

template <std::size_t N>
constexpr std::array<std::size_t, N> number_columns(const std::array<bool, N>& is_column) {
    std::array<std::size_t, N> out{};
    std::size_t c = 0;
    for (std::size_t i = 0; i != N; ++i) out[i] = is_column[i] ? c++ : npos;
    return out;
}

template <std::size_t C, std::size_t N>
constexpr std::array<std::size_t, C> fields_of_columns(const std::array<std::size_t, N>& column_of) {
    std::array<std::size_t, C> out{};
    for (std::size_t i = 0; i != N; ++i)
        if (column_of[i] != npos) out[column_of[i]] = i;
    return out;
}

/** The columns of T in field order, with everything its mapping says of them. */
template <class T, std::size_t C>
constexpr std::array<column_info, C> build_columns() {
    using fields = model_fields<T>;
    const auto column_of = number_columns(fields::is_column);
    std::array<column_info, C> out{};
    for (std::size_t i = 0; i != fields::count; ++i) {
        if (column_of[i] == npos) continue;
        column_info& c = out[column_of[i]];
        c.name = reflect::field_names_v<T>[i];
        c.field = i;
        c.kind = fields::shapes[i].kind;
        c.nullable = fields::shapes[i].nullable;
        c.autoincrement = true;
    }

    bool declared_pk = false;
    for (const option_info& o : model_options<T>::value) {
        if (o.what == option_kind::column) {
            if (o.field >= fields::count || column_of[o.field] == npos) continue;
            column_info& c = out[column_of[o.field]];
            if (!o.name.empty()) c.name = o.name;
            c.max_length = o.max_length;
            c.unique = o.unique;
            c.index = o.index;
            if (o.primary_key) {
                c.primary_key = true;
                declared_pk = true;
            }
            c.autoincrement = o.autoincrement;
            c.default_value = o.default_value;
            c.server_default = o.server_default;
            c.check = o.check;
            if (!o.fk_model.empty()) {
                c.has_fk = true;
                c.fk_table = o.fk_table;
                c.fk_column = o.fk_column;
                c.on_delete = o.on_delete;
                c.on_update = o.on_update;
            }
        } else if (o.what == option_kind::primary_key) {
            declared_pk = true;
            for (std::size_t k = 0; k != o.size; ++k) out[column_of[o.fields[k]]].primary_key = true;
        }
    }

    if (!declared_pk) {
        for (auto& c : out)
            if (reflect::field_names_v<T>[c.field] == "id") c.primary_key = true;
    }
    std::size_t pk_count = 0;
    for (auto& c : out) pk_count += c.primary_key ? 1 : 0;
    for (auto& c : out) {
        const bool integer = c.kind == sql_kind::smallint || c.kind == sql_kind::integer ||
                             c.kind == sql_kind::bigint;
        c.autoincrement = c.autoincrement && c.primary_key && pk_count == 1 && integer &&
                          !c.has_fk;
        if (!c.primary_key) c.autoincrement = false;
    }
    return out;
}

template <std::size_t N>
constexpr std::size_t count_pk_declarations(const std::array<option_info, N>& options) {
    std::size_t n = 0;
    for (const option_info& o : options)
        n += (o.what == option_kind::primary_key || (o.what == option_kind::column && o.primary_key))
                 ? 1
                 : 0;
    return n;
}

template <std::size_t C>
constexpr key_info primary_key_of(const std::array<column_info, C>& columns) {
    key_info k{};
    for (std::size_t i = 0; i != C; ++i)
        if (columns[i].primary_key && k.size < max_key_columns) k.columns[k.size++] = i;
    k.unique = true;
    return k;
}

template <std::size_t C>
constexpr std::size_t autoincrement_of(const std::array<column_info, C>& columns) {
    for (std::size_t i = 0; i != C; ++i)
        if (columns[i].autoincrement) return i;
    return npos;
}

/**
 * Everything about model T, computed once: `table_name`, `columns` (in field order, without
 * relationships), `column_of_field`, `primary_key`, `indexes`, `uniques`, `checks`.
 */
template <class T>
struct model {
    static_assert(reflect::reflectable<T>,
                  "retort: a model must be a struct (an aggregate, or adapted with "
                  "BOOST_HANA_ADAPT_STRUCT)");
    using type = T;
    static constexpr auto& mapping = table<T>;
    using options_type = std::remove_cvref_t<decltype(mapping.options)>;
    static constexpr std::size_t option_count = std::tuple_size_v<options_type>;
    static constexpr bool checked = check_options<T>(std::make_index_sequence<option_count>{});

    static constexpr std::size_t field_count = reflect::field_count_v<T>;
    static constexpr std::string_view table_name = table_name_of<T>();
    static constexpr std::array<bool, field_count> is_column = model_fields<T>::is_column;
    static constexpr std::size_t column_count = count_columns(is_column);
    static constexpr std::array<std::size_t, field_count> column_of_field = number_columns(is_column);
    static constexpr std::array<std::size_t, column_count> field_of_column =
        fields_of_columns<column_count>(column_of_field);

    /** The column of the field `mp` names, npos for a relationship or another struct's member. */
    template <class P>
    static constexpr std::size_t column_of(P mp) {
        const std::size_t f = field_index_of<T>(mp);
        return f < field_count ? column_of_field[f] : npos;
    }
    template <auto MP>
    static constexpr std::size_t column_index = column_of(MP);

    static constexpr std::array<column_info, column_count> columns = build_columns<T, column_count>();

    static constexpr std::size_t pk_declarations = count_pk_declarations(model_options<T>::value);
    static_assert(pk_declarations <= 1,
                  "retort::table<T>: two primary-key declarations; declare a composite key once, "
                  "with retort::primary_key<&T::a, &T::b>");

    static constexpr key_info primary_key = primary_key_of(columns);
    static constexpr bool has_primary_key = primary_key.size != 0;
    /** The generated key column, when there is one (a single integer key). */
    static constexpr std::size_t autoincrement_column = autoincrement_of(columns);

    template <bool Unique>
    static constexpr std::size_t count_keys() {
        std::size_t n = 0;
        for (const option_info& o : model_options<T>::value) {
            if (o.what == (Unique ? option_kind::unique : option_kind::index)) ++n;
            if (o.what == option_kind::column && (Unique ? o.unique : o.index)) ++n;
        }
        return n;
    }

    /** Indexes (Unique=false) or UNIQUE constraints (Unique=true), in mapping order. */
    template <bool Unique>
    static constexpr auto collect_keys() {
        std::array<key_info, count_keys<Unique>()> out{};
        std::size_t n = 0;
        for (const option_info& o : model_options<T>::value) {
            if (o.what == option_kind::column) {
                if ((Unique ? o.unique : o.index) && o.field != npos) {
                    out[n].columns[0] = column_of_field[o.field];
                    out[n].size = 1;
                    out[n].unique = false;
                    ++n;
                }
            } else if (o.what == (Unique ? option_kind::unique : option_kind::index)) {
                key_info& k = out[n++];
                for (std::size_t i = 0; i != o.size; ++i) k.columns[k.size++] = column_of_field[o.fields[i]];
                k.unique = !Unique && o.unique;
                k.name = o.name;
            }
        }
        return out;
    }
};

}  // namespace retort::detail
